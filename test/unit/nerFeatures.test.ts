// The feature extractor gives the rows the shipped model was trained with: checked against a plain restatement of
// the templates (strings and objects per word, the hash computed per feature as in training), on random texts with
// astral characters, surnames, suffixes, gazetteer names and taggers that drop or misplace characters.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FEATURE_COUNT, FeatureExtractor, TaggedWord, WordTagger, charClass, normaliseCodePoint, toCodePoints } from '../../server/src/ner/features';
import { Gazetteer, ORG_SUFFIXES, PLACE_SUFFIXES, SURNAMES, SuffixSet } from '../../server/src/ner/gazetteer';
import { TAG_COUNT } from '../../server/src/ner/tags';
import { NerModel, emissionScores7, emissionScoresPacked, packWeights } from '../../server/src/ner/model';

const L = TAG_COUNT;

function strHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The templates as first written: one hash per feature from its template id and values. */
function referenceRows(text: string, tableBits: number, gazetteer: Gazetteer, tagger: WordTagger): Int32Array {
  const mask = (1 << tableBits) - 1;
  const row = (t: number, a: number, b = 0, c = 0) =>
    (fmix((Math.imul(t + 1, 0x9e3779b1) + Math.imul(a, 0x85ebca77) + Math.imul(b, 0xc2b2ae3d) + Math.imul(c, 0x27d4eb2f)) | 0) & mask) * L;
  const org = new SuffixSet(ORG_SUFFIXES);
  const place = new SuffixSet(PLACE_SUFFIXES);
  const cp = toCodePoints(text);
  const n = cp.cps.length;
  // words: the tagger's, with characters it dropped as one-character words tagged x
  type Word = { hash: number; pos: number; len: number; suffix: number };
  const words: Word[] = [];
  const wordOf = new Int32Array(n);
  const position = new Uint8Array(n);
  const cpAt = (u: number) => {
    let k = 0;
    while (k < n && cp.utf16[k] < u) k++;
    return k;
  };
  const add = (word: string, tag: string, u0: number, u1: number) => {
    const s = cpAt(u0);
    const e = cpAt(u1);
    if (e <= s) return;
    let suffix = 0;
    if (org.endsWord(word)) suffix |= 1;
    if (place.endsWord(word)) suffix |= 2;
    if (org.has(word)) suffix |= 4;
    if (place.has(word)) suffix |= 8;
    words.push({ hash: (strHash(word) & ~15) | suffix, pos: strHash(tag), len: Math.min(e - s, 5), suffix });
    for (let k = s; k < e; k++) {
      wordOf[k] = words.length - 1;
      position[k] = e - s === 1 ? 3 : k === s ? 0 : k === e - 1 ? 2 : 1;
    }
  };
  const singles = (from: number, to: number) => {
    for (let k = from; k < to; ) {
      const len = text.codePointAt(k)! > 0xffff ? 2 : 1;
      add(text.slice(k, k + len), 'x', k, k + len);
      k += len;
    }
  };
  let u = 0;
  for (const { word, tag } of tagger(text)) {
    if (!word) continue;
    const at = text.startsWith(word, u) ? u : text.indexOf(word, u);
    if (at < 0) continue;
    singles(u, at);
    add(word, tag, at, at + word.length);
    u = at + word.length;
  }
  singles(u, text.length);
  const c = (k: number) => (k < 0 ? -1 : k >= n ? -2 : normaliseCodePoint(cp.cps[k]));
  const cls = (k: number) => (k < 0 || k >= n ? 8 : charClass(cp.cps[k]));
  const gaz = gazetteer.match(cp.cps);
  const single = new Set(SURNAMES.filter((s) => s.length === 1));
  const compound = new Set(SURNAMES.filter((s) => s.length === 2));
  const out = new Int32Array(n * FEATURE_COUNT);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const w = words[wordOf[i]];
    const pw = wordOf[i] > 0 ? words[wordOf[i] - 1] : { hash: -1, pos: -1, suffix: 0 };
    const nw = wordOf[i] + 1 < words.length ? words[wordOf[i] + 1] : { hash: -2, pos: -2, suffix: 0 };
    const pos = position[i];
    const here = String.fromCodePoint(cp.cps[i]);
    const surname = (single.has(here) ? 1 : 0) | (i + 1 < n && compound.has(here + String.fromCodePoint(cp.cps[i + 1])) ? 2 : 0);
    const values: number[][] = [
      [0], [c(i - 2)], [c(i - 1)], [c(i)], [c(i + 1)], [c(i + 2)],
      [c(i - 2), c(i - 1)], [c(i - 1), c(i)], [c(i), c(i + 1)], [c(i + 1), c(i + 2)],
      [c(i - 2), c(i - 1), c(i)], [c(i - 1), c(i), c(i + 1)], [c(i), c(i + 1), c(i + 2)], [c(i - 1), c(i + 1)],
      [cls(i - 1) * 16 + cls(i), cls(i + 1), cls(i - 2) * 16 + cls(i + 2)],
      [pos, w.pos], [pos, c(i)], [pos, w.hash], [pos, w.pos, pw.pos], [pos, w.pos, nw.pos],
      [gaz[i]], [gaz[i], i > 0 ? gaz[i - 1] : 255, i + 1 < n ? gaz[i + 1] : 255],
      [surname, pos * 8 + w.len, cls(i + 1) * 16 + cls(i + 2)],
      [pos, w.suffix, nw.suffix], [pos, pw.hash], [pos, nw.hash],
    ];
    for (let t = 0; t < FEATURE_COUNT; t++) out[o++] = row(t, values[t][0], values[t][1], values[t][2]);
  }
  return out;
}

// characters that exercise every feature: surnames (single and compound), suffix endings, gazetteer names, digits,
// Latin letters in both widths, dots, spaces, punctuation, astral Han characters, a lone surrogate
const PIECES = [
  '王', '欧阳', '司马', '李', '建国', '温州', '温州市', '浙江', '浙江省', '鹿城区', '有限公司', '公司', '委员会', '大学', '山', '区',
  '尤文图斯', '长三角', '说', '在', '的', '和', '。', '，', '·', ' ', '　', '\t', '2025', '１２', 'Tom', 'ＡＢ', '十五', '𠮷', '𠀋', '\ud800', '年',
];
const texts = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((xs) => xs.join(''));

/** A tagger cutting the text into pieces of 1-3 UTF-16 units, dropping or misplacing some (as taggers do with spaces). */
function randomTagger(seed: number): WordTagger {
  return (text) => {
    let s = seed >>> 0;
    const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 8) % 7;
    const out: TaggedWord[] = [];
    for (let k = 0; k < text.length; ) {
      const len = 1 + (next() % 3);
      const word = text.slice(k, k + len);
      const r = next();
      if (r === 0) out.push({ word: '', tag: 'x' }); // an empty word is skipped
      if (r !== 1) out.push({ word, tag: ['n', 'nr', 'ns', 'v', 'x', 'eng', 'm'][next()] }); // r 1: dropped
      if (r === 2) out.push({ word: '不在此', tag: 'n' }); // a word not in the text is skipped
      k += len;
    }
    return out;
  };
}

test('feature rows equal the templates as trained, on random texts and taggers (astral characters included)', () => {
  const gazetteer = new Gazetteer({ full: ['温州市', '浙江省', '鹿城区'], short: ['温州', '浙江'], clubs: ['尤文图斯'], regions: ['长三角'] });
  for (const bits of [10, 20]) {
    fc.assert(
      fc.property(texts, fc.integer(), (text, seed) => {
        const tagger = randomTagger(seed);
        const fx = new FeatureExtractor({ tableBits: bits, gazetteer }, tagger);
        const want = referenceRows(text, bits, gazetteer, tagger);
        assert.deepEqual(Array.from(fx.extract(text)), Array.from(want));
        // the shared scratch rows hold the same, also after a longer sentence used them
        fx.extractShared(text + text + text);
        const shared = fx.extractShared(text);
        assert.deepEqual(Array.from(shared.subarray(0, want.length)), Array.from(want));
      }),
      { numRuns: 400, seed: bits },
    );
  }
});

test('packed emission sums equal the int8 sums exactly, for any weights (-128..127) and rows', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -128, max: 127 }), { minLength: 64 * L, maxLength: 64 * L }),
      fc.array(fc.integer({ min: 0, max: 63 }), { minLength: FEATURE_COUNT, maxLength: 5 * FEATURE_COUNT }),
      (ws, rowNumbers) => {
        const w = Int8Array.from(ws);
        const n = Math.floor(rowNumbers.length / FEATURE_COUNT);
        const numbers = Int32Array.from(rowNumbers.slice(0, n * FEATURE_COUNT));
        const offsets = numbers.map((r) => r * L);
        assert.deepEqual(Array.from(emissionScoresPacked(packWeights(w), numbers, n)), Array.from(emissionScores7(w, offsets, n)));
      },
    ),
    { numRuns: 300, seed: 5 },
  );
  // the extreme case: every row at -128 or at 127
  for (const v of [-128, 127]) {
    const w = new Int8Array(4 * L).fill(v);
    const numbers = new Int32Array(2 * FEATURE_COUNT).fill(3);
    assert.deepEqual(Array.from(emissionScoresPacked(packWeights(w), numbers, 2)), new Array(2 * L).fill(v * FEATURE_COUNT));
  }
});

test('a model gives a sentence the same emissions by the decoding path as from extract and the int8 weights', () => {
  const random = (seed: number) => () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 8) / 2 ** 24;
  const next = random(9);
  const bits = 10;
  const weights = Int8Array.from({ length: (1 << bits) * L }, () => Math.round(next() * 254 - 127));
  const model = new NerModel(
    {
      tableBits: bits, weights, scale: 0.25, trans: new Array(L * L).fill(0), start: new Array(L).fill(0), end: new Array(L).fill(0),
      calibration: { a: 0.02, b: -0.5 }, gazetteer: { full: ['温州市'], short: ['温州'] }, meta: {},
    },
    randomTagger(4),
  );
  fc.assert(
    fc.property(texts, (text) => {
      const cp = toCodePoints(text);
      const want = model.emissions(model.extractor.extract(text, cp), cp.cps.length);
      assert.deepEqual(Array.from(model.sentenceEmissions(text, cp)), Array.from(want));
    }),
    { numRuns: 200, seed: 6 },
  );
});

