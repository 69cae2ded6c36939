// Feature extraction for the character-level entity model. Every feature is an integer hash of a template id and
// a few integer values (code points, word-boundary positions, POS tags, gazetteer bits), folded into a fixed
// table, so extraction builds no strings per character. The word segmentation and POS tags come from nodejieba
// and are only features: the model learns how far to trust them.
import { Gazetteer, ORG_SUFFIXES, PLACE_SUFFIXES, SURNAMES, SuffixSet } from './gazetteer';
import { TAG_COUNT } from './tags';

export interface TaggedWord {
  word: string;
  tag: string;
}
/** Segments a text into words with POS tags (nodejieba's `tag` by default). */
export type WordTagger = (text: string) => TaggedWord[];

let jieba: { tag(s: string): TaggedWord[] } | undefined;
/** nodejieba's tagger, loaded on first use (its dictionaries take about a second to load). */
export const jiebaTag: WordTagger = (text) => {
  if (!jieba) jieba = require('nodejieba') as { tag(s: string): TaggedWord[] };
  return text.length === 0 ? [] : jieba.tag(text);
};

/** Number of features per character (templates below). */
export const FEATURE_COUNT = 26;

// character classes
const C_HAN = 0;
const C_DIGIT = 1;
const C_CNUM = 2;
const C_LATIN = 3;
const C_SPACE = 4;
const C_PUNCT = 5;
const C_DOT = 6;
const C_OTHER = 7;
const C_PAD = 8;

const CHINESE_NUMERALS = new Set([...'〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟'].map((c) => c.codePointAt(0)!));
const NAME_DOTS = new Set([0x00b7, 0x2027, 0x30fb, 0xff65, 0x2022, 0x2219, 0x02d9]);

export function charClass(cp: number): number {
  if (cp < 0) return C_PAD;
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff)) {
    return CHINESE_NUMERALS.has(cp) ? C_CNUM : C_HAN;
  }
  if (CHINESE_NUMERALS.has(cp)) return C_CNUM;
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0xff10 && cp <= 0xff19)) return C_DIGIT;
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return C_LATIN;
  if (cp === 0x20 || cp === 0x3000 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0xa0) return C_SPACE;
  if (NAME_DOTS.has(cp)) return C_DOT;
  if ((cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7e)) return C_PUNCT;
  if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x2010 && cp <= 0x205f)) return C_PUNCT;
  return C_OTHER;
}

/** The code point the n-gram features see: full-width ASCII folded to ASCII, letters lower-cased, digits to 0. */
export function normaliseCodePoint(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp === 0x3000) cp = 0x20;
  if (cp >= 0x41 && cp <= 0x5a) return cp + 32;
  if (cp >= 0x30 && cp <= 0x39) return 0x30;
  return cp;
}

/** A sentence split into code points, with the UTF-16 offset of each (length n + 1). */
export interface CodePoints {
  cps: Int32Array;
  utf16: Int32Array;
}

export function toCodePoints(text: string): CodePoints {
  const cps = new Int32Array(text.length);
  const utf16 = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    utf16[n] = i;
    const c = text.codePointAt(i)!;
    cps[n++] = c;
    if (c > 0xffff) i++;
  }
  utf16[n] = text.length;
  return n === text.length ? { cps, utf16 } : { cps: cps.slice(0, n), utf16: utf16.slice(0, n + 1) };
}

function strHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const BOS = -1;
const EOS = -2;
const L = TAG_COUNT;

export interface FeatureConfig {
  /** log2 of the number of weight rows (features are folded into 2^tableBits rows of TAG_COUNT weights). */
  tableBits: number;
  gazetteer: Gazetteer;
}

/** Per-word facts the features use. */
interface WordInfo {
  hash: number;
  pos: number;
  len: number;
  suffix: number;
}

/** Turns sentences into feature rows: for each character FEATURE_COUNT offsets into the weight table. */
export class FeatureExtractor {
  private readonly mask: number;
  private readonly orgSuffixes = new SuffixSet(ORG_SUFFIXES);
  private readonly placeSuffixes = new SuffixSet(PLACE_SUFFIXES);
  private readonly surnames = new Set(SURNAMES.filter((s) => s.length === 1).map((s) => s.codePointAt(0)!));
  private readonly compoundSurnames = new Set(SURNAMES.filter((s) => s.length === 2));

  constructor(readonly config: FeatureConfig, private readonly tagger: WordTagger = jiebaTag) {
    this.mask = (1 << config.tableBits) - 1;
  }

  // A template's values are combined with distinct odd multipliers, then mixed once (murmur3's finaliser).
  private row(t: number, a: number, b: number, c: number): number {
    const h = Math.imul(t + 1, 0x9e3779b1) + Math.imul(a, 0x85ebca77) + Math.imul(b, 0xc2b2ae3d) + Math.imul(c, 0x27d4eb2f);
    return (fmix(h | 0) & this.mask) * L;
  }
  private row1(t: number, a: number): number {
    return (fmix((Math.imul(t + 1, 0x9e3779b1) + Math.imul(a, 0x85ebca77)) | 0) & this.mask) * L;
  }
  private row2(t: number, a: number, b: number): number {
    return (fmix((Math.imul(t + 1, 0x9e3779b1) + Math.imul(a, 0x85ebca77) + Math.imul(b, 0xc2b2ae3d)) | 0) & this.mask) * L;
  }

  private readonly tagCache = new Map<string, number>();
  private lastSuffix = 0;
  /** Last characters of any suffix: a word ending otherwise needs no suffix lookups. */
  private readonly suffixLastChars = new Set([...ORG_SUFFIXES, ...PLACE_SUFFIXES].map((w) => w.charCodeAt(w.length - 1)));

  /** Hash of a word, and (in lastSuffix) whether it is or ends with an organisation or place suffix. */
  private wordFacts(word: string): number {
    let suffix = 0;
    if (this.suffixLastChars.has(word.charCodeAt(word.length - 1))) {
      if (this.orgSuffixes.endsWord(word)) suffix |= 1;
      if (this.placeSuffixes.endsWord(word)) suffix |= 2;
      if (this.orgSuffixes.has(word)) suffix |= 4;
      if (this.placeSuffixes.has(word)) suffix |= 8;
    }
    this.lastSuffix = suffix;
    // hash in the high bits, suffix bits in the low 4
    return (strHash(word) & ~15) | suffix;
  }

  private tagHash(tag: string): number {
    let v = this.tagCache.get(tag);
    if (v === undefined) this.tagCache.set(tag, (v = strHash(tag)));
    return v;
  }

  /** Word boundary position (0 B, 1 M, 2 E, 3 S) and word index per code point, from the tagger's words. */
  segment(text: string, cp: CodePoints): { position: Uint8Array; wordOf: Int32Array; words: WordInfo[] } {
    const n = cp.cps.length;
    const position = new Uint8Array(n);
    const wordOf = new Int32Array(n);
    const words: WordInfo[] = [];
    // map UTF-16 offsets to code-point indices (words come in text order, so the search only moves forward)
    let cursor = 0;
    const cpAt = (u: number): number => {
      if (cp.utf16[cursor] > u) cursor = 0;
      while (cursor < n && cp.utf16[cursor] < u) cursor++;
      return cursor;
    };
    const addWord = (word: string, tag: string, u0: number, u1: number): void => {
      const s = cpAt(u0);
      const e = cpAt(u1);
      if (e <= s) return;
      const w = words.length;
      words.push({ hash: this.wordFacts(word), pos: this.tagHash(tag), len: Math.min(e - s, 5), suffix: this.lastSuffix });
      for (let k = s; k < e; k++) {
        wordOf[k] = w;
        position[k] = e - s === 1 ? 3 : k === s ? 0 : k === e - 1 ? 2 : 1;
      }
    };
    let u = 0;
    for (const { word, tag } of this.tagger(text)) {
      if (word.length === 0) continue;
      let at = text.startsWith(word, u) ? u : text.indexOf(word, u);
      if (at < 0) continue;
      // characters the tagger dropped become one-character words
      for (let k = u; k < at; ) {
        const c = text.codePointAt(k)!;
        const len = c > 0xffff ? 2 : 1;
        addWord(text.slice(k, k + len), 'x', k, k + len);
        k += len;
      }
      addWord(word, tag, at, at + word.length);
      u = at + word.length;
    }
    for (let k = u; k < text.length; ) {
      const c = text.codePointAt(k)!;
      const len = c > 0xffff ? 2 : 1;
      addWord(text.slice(k, k + len), 'x', k, k + len);
      k += len;
    }
    return { position, wordOf, words };
  }

  /** Feature rows for a sentence: Int32Array of n * FEATURE_COUNT weight-table offsets. */
  extract(text: string, cp: CodePoints = toCodePoints(text)): Int32Array {
    const n = cp.cps.length;
    const out = new Int32Array(n * FEATURE_COUNT);
    if (n === 0) return out;
    const c = new Int32Array(n + 4);
    const cls = new Int32Array(n + 4);
    c[0] = c[1] = BOS;
    c[n + 2] = c[n + 3] = EOS;
    cls[0] = cls[1] = cls[n + 2] = cls[n + 3] = C_PAD;
    for (let i = 0; i < n; i++) {
      c[i + 2] = normaliseCodePoint(cp.cps[i]);
      cls[i + 2] = charClass(cp.cps[i]);
    }
    const gaz = this.config.gazetteer.match(cp.cps);
    const { position, wordOf, words } = this.segment(text, cp);
    const noWord: WordInfo = { hash: BOS, pos: BOS, len: 0, suffix: 0 };
    const endWord: WordInfo = { hash: EOS, pos: EOS, len: 0, suffix: 0 };
    let o = 0;
    for (let i = 0; i < n; i++) {
      const j = i + 2;
      const cm2 = c[j - 2];
      const cm1 = c[j - 1];
      const c0 = c[j];
      const cp1 = c[j + 1];
      const cp2 = c[j + 2];
      const wi = wordOf[i];
      const w = words[wi];
      const pw = wi > 0 ? words[wi - 1] : noWord;
      const nw = wi + 1 < words.length ? words[wi + 1] : endWord;
      const pos = position[i];
      out[o++] = this.row1(0, 0);
      out[o++] = this.row1(1, cm2);
      out[o++] = this.row1(2, cm1);
      out[o++] = this.row1(3, c0);
      out[o++] = this.row1(4, cp1);
      out[o++] = this.row1(5, cp2);
      out[o++] = this.row2(6, cm2, cm1);
      out[o++] = this.row2(7, cm1, c0);
      out[o++] = this.row2(8, c0, cp1);
      out[o++] = this.row2(9, cp1, cp2);
      out[o++] = this.row(10, cm2, cm1, c0);
      out[o++] = this.row(11, cm1, c0, cp1);
      out[o++] = this.row(12, c0, cp1, cp2);
      out[o++] = this.row2(13, cm1, cp1);
      out[o++] = this.row(14, cls[j - 1] * 16 + cls[j], cls[j + 1], cls[j - 2] * 16 + cls[j + 2]);
      out[o++] = this.row2(15, pos, w.pos);
      out[o++] = this.row2(16, pos, c0);
      out[o++] = this.row2(17, pos, w.hash);
      out[o++] = this.row(18, pos, w.pos, pw.pos);
      out[o++] = this.row(19, pos, w.pos, nw.pos);
      out[o++] = this.row1(20, gaz[i]);
      out[o++] = this.row(21, gaz[i], i > 0 ? gaz[i - 1] : 255, i + 1 < n ? gaz[i + 1] : 255);
      const surname = this.surnames.has(cp.cps[i]) ? 1 : 0;
      const compound = i + 1 < n && this.compoundSurnames.has(String.fromCodePoint(cp.cps[i], cp.cps[i + 1])) ? 2 : 0;
      out[o++] = this.row(22, surname | compound, pos * 8 + w.len, cls[j + 1] * 16 + cls[j + 2]);
      out[o++] = this.row(23, pos, w.suffix, nw.suffix);
      out[o++] = this.row2(24, pos, pw.hash);
      out[o++] = this.row2(25, pos, nw.hash);
    }
    return out;
  }
}
