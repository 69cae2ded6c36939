// Feature extraction for the character-level entity model. Every feature is an integer hash of a template id and
// a few integer values (code points, word-boundary positions, POS tags, gazetteer bits), folded into a fixed
// table, so extraction builds no strings per character. The word segmentation and POS tags are jieba's (the
// project's own implementation, server/src/segmentation, gives exactly nodejieba's `tag`, which the model was trained
// on) and are only features: the model learns how far to trust them.
import { Gazetteer, ORG_SUFFIXES, PLACE_SUFFIXES, SURNAMES, SuffixSet } from './gazetteer';
import { TAG_COUNT } from './tags';
import { TaggedWord, sharedWordTagger } from '../segmentation/wordTagger';

export type { TaggedWord };
/** Segments a text into words with POS tags (jieba's `tag` by default). */
export type WordTagger = (text: string) => TaggedWord[];

/**
 * jieba's `tag`: words and POS tags, exactly as nodejieba's `tag` gives them (cppjieba PosTagger::Tag: the
 * dictionary's most probable route, runs of single characters cut again by the HMM, then each word's tag). The
 * lexicon is loaded on first use, once per process (server/src/segmentation/lexiconFile.ts).
 */
export const jiebaTag: WordTagger = (text) => (text.length === 0 ? [] : sharedWordTagger().tag(text));

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

// Odd multipliers of a template's id and its up to three values; a feature's row is
// fmix(imul(t + 1, K_T) + imul(a, K_A) + imul(b, K_B) + imul(c, K_C)) & mask (sums taken modulo 2^32).
const K_T = 0x9e3779b1;
const K_A = 0x85ebca77;
const K_B = 0xc2b2ae3d;
const K_C = 0x27d4eb2f;
/** imul(t + 1, K_T) for each template t. */
const TEMPLATE = Int32Array.from({ length: FEATURE_COUNT }, (_, t) => Math.imul(t + 1, K_T));

/** Character classes of the Basic Multilingual Plane (charClass), precomputed. */
const BMP_CLASS = Uint8Array.from({ length: 0x10000 }, (_, cp) => charClass(cp));

/** A growable scratch array kept by an extractor between sentences (extraction allocates nothing per character). */
function grown<T extends Int32Array | Uint8Array | Uint16Array>(a: T, n: number, make: (n: number) => T): T {
  return a.length >= n ? a : make(Math.max(n, a.length * 2));
}

/** Turns sentences into feature rows: for each character FEATURE_COUNT offsets into the weight table. */
export class FeatureExtractor {
  private readonly mask: number;
  private readonly orgSuffixes = new SuffixSet(ORG_SUFFIXES);
  private readonly placeSuffixes = new SuffixSet(PLACE_SUFFIXES);
  private readonly surnames = new Set(SURNAMES.filter((s) => s.length === 1).map((s) => s.codePointAt(0)!));
  private readonly compoundSurnames = new Set(SURNAMES.filter((s) => s.length === 2));
  /** 1 for single-character surnames, 2 for the first character of a compound one (BMP code points). */
  private readonly surnameFlags = new Uint8Array(0x10000);
  /** The two UTF-16 units of each compound surname, packed as first * 65536 + second. */
  private readonly compoundPairs: number[];

  constructor(readonly config: FeatureConfig, private readonly tagger: WordTagger = jiebaTag) {
    this.mask = (1 << config.tableBits) - 1;
    for (const cp of this.surnames) if (cp < 0x10000) this.surnameFlags[cp] |= 1;
    this.compoundPairs = [...this.compoundSurnames].map((s) => s.charCodeAt(0) * 0x10000 + s.charCodeAt(1));
    for (const s of this.compoundSurnames) this.surnameFlags[s.charCodeAt(0)] |= 2;
  }

  private readonly tagCache = new Map<string, number>();
  /** Suffix bits of words that end in a suffix's last character (the only ones that can have any). */
  private readonly suffixCache = new Map<string, number>();
  /** Last characters of any suffix: a word ending otherwise needs no suffix lookups. */
  private readonly suffixLastChars = new Set([...ORG_SUFFIXES, ...PLACE_SUFFIXES].map((w) => w.charCodeAt(w.length - 1)));
  private readonly suffixLastFlags = (() => {
    const f = new Uint8Array(0x10000);
    for (const c of this.suffixLastChars) f[c] = 1;
    return f;
  })();

  /** Bits: 1 the word ends with an organisation suffix, 2 with a place suffix, 4 is one, 8 is one. */
  private suffixBits(word: string): number {
    if (!this.suffixLastFlags[word.charCodeAt(word.length - 1)]) return 0;
    let suffix = this.suffixCache.get(word);
    if (suffix === undefined) {
      suffix = 0;
      if (this.orgSuffixes.endsWord(word)) suffix |= 1;
      if (this.placeSuffixes.endsWord(word)) suffix |= 2;
      if (this.orgSuffixes.has(word)) suffix |= 4;
      if (this.placeSuffixes.has(word)) suffix |= 8;
      if (this.suffixCache.size < 100_000) this.suffixCache.set(word, suffix);
    }
    return suffix;
  }

  private tagHash(tag: string): number {
    let v = this.tagCache.get(tag);
    if (v === undefined) this.tagCache.set(tag, (v = strHash(tag)));
    return v;
  }

  /** Word boundary position (0 B, 1 M, 2 E, 3 S) and word index per code point, from the tagger's words. */
  segment(text: string, cp: CodePoints): { position: Uint8Array; wordOf: Int32Array; words: WordInfo[] } {
    const n = cp.cps.length;
    const m = this.segmentInto(text, cp, this.tagger(text));
    const words: WordInfo[] = [];
    for (let w = 1; w <= m; w++) words.push({ hash: this.wHash[w], pos: this.wPos[w], len: this.wLen[w], suffix: this.wSuffix[w] });
    const wordOf = new Int32Array(n);
    for (let i = 0; i < n; i++) wordOf[i] = this.wordOf[i] - 1;
    return { position: this.position.slice(0, n), wordOf, words };
  }

  // Scratch arrays of segmentInto: per word (index 1..m; 0 stands for "no word before", m + 1 for "no word after")
  // its hash, POS hash, length (at most 5) and suffix bits; per code point its word index and position in the word.
  private wHash = new Int32Array(64);
  private wPos = new Int32Array(64);
  private wLen = new Int32Array(64);
  private wSuffix = new Int32Array(64);
  private wordOf = new Int32Array(64);
  private position = new Uint8Array(64);
  private words = 0;

  private addWord(hash: number, pos: number, s: number, e: number, suffix: number): void {
    if (e <= s) return;
    const w = ++this.words;
    if (w + 1 >= this.wHash.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.wHash = grow(this.wHash);
      this.wPos = grow(this.wPos);
      this.wLen = grow(this.wLen);
      this.wSuffix = grow(this.wSuffix);
    }
    this.wHash[w] = hash;
    this.wPos[w] = pos;
    this.wLen[w] = Math.min(e - s, 5);
    this.wSuffix[w] = suffix;
    const { wordOf, position } = this;
    if (e - s === 1) {
      wordOf[s] = w;
      position[s] = 3;
      return;
    }
    for (let k = s; k < e; k++) {
      wordOf[k] = w;
      position[k] = k === s ? 0 : k === e - 1 ? 2 : 1;
    }
  }

  /**
   * Fills the word scratch arrays from the tagger's words and returns their number m. Characters the tagger dropped
   * become one-character words tagged x. Code points in no word (none in practice) belong to word 1.
   */
  private segmentInto(text: string, cp: CodePoints, words: readonly TaggedWord[]): number {
    const n = cp.cps.length;
    this.wordOf = grown(this.wordOf, n, (k) => new Int32Array(k));
    this.position = grown(this.position, n, (k) => new Uint8Array(k));
    this.wordOf.fill(1, 0, n);
    this.position.fill(0, 0, n);
    this.words = 0;
    const bmp = n === text.length;
    const utf16 = cp.utf16;
    // UTF-16 offset -> code-point index (words come in text order, so the search only moves forward)
    let cursor = 0;
    const cpAt = (u: number): number => {
      if (bmp) return u;
      if (utf16[cursor] > u) cursor = 0;
      while (cursor < n && utf16[cursor] < u) cursor++;
      return cursor;
    };
    const xTag = this.tagHash('x');
    const dropped = (from: number, to: number): void => {
      for (let k = from; k < to; ) {
        const c = text.charCodeAt(k);
        const len = c >= 0xd800 && c <= 0xdbff && k + 1 < text.length && (text.charCodeAt(k + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
        const word = len === 1 ? text[k] : text.slice(k, k + len);
        const suffix = this.suffixBits(word);
        this.addWord((strHash(word) & ~15) | suffix, xTag, cpAt(k), cpAt(k + len), suffix);
        k += len;
      }
    };
    let u = 0;
    for (const { word, tag } of words) {
      if (word.length === 0) continue;
      const at = text.startsWith(word, u) ? u : text.indexOf(word, u);
      if (at < 0) continue;
      if (at > u) dropped(u, at);
      const suffix = this.suffixBits(word);
      this.addWord((strHash(word) & ~15) | suffix, this.tagHash(tag), cpAt(at), cpAt(at + word.length), suffix);
      u = at + word.length;
    }
    dropped(u, text.length);
    const m = this.words;
    this.wHash[0] = this.wPos[0] = BOS;
    this.wHash[m + 1] = this.wPos[m + 1] = EOS;
    this.wLen[0] = this.wLen[m + 1] = 0;
    this.wSuffix[0] = this.wSuffix[m + 1] = 0;
    return m;
  }

  /** Feature rows for a sentence: Int32Array of n * FEATURE_COUNT weight-table offsets. */
  extract(text: string, cp: CodePoints = toCodePoints(text)): Int32Array {
    const out = new Int32Array(cp.cps.length * FEATURE_COUNT);
    this.extractInto(text, cp, out);
    return out;
  }

  private scratchRows = new Int32Array(0);
  /**
   * extract's rows in an array the extractor reuses for the next sentence (the first n * FEATURE_COUNT entries are
   * this sentence's): for decoding, where the rows are consumed at once. `words`: the tagger's words for `text`
   * when they were asked for already (tagWords).
   */
  extractShared(text: string, cp: CodePoints = toCodePoints(text), words?: readonly TaggedWord[]): Int32Array {
    this.scratchRows = grown(this.scratchRows, cp.cps.length * FEATURE_COUNT, (k) => new Int32Array(k));
    this.extractInto(text, cp, this.scratchRows, words);
    return this.scratchRows;
  }

  /** extractShared's rows as row numbers (offset / TAG_COUNT), for NerModel's packed weights. */
  extractRowNumbers(text: string, cp: CodePoints = toCodePoints(text), words?: readonly TaggedWord[]): Int32Array {
    this.scratchRows = grown(this.scratchRows, cp.cps.length * FEATURE_COUNT, (k) => new Int32Array(k));
    this.extractInto(text, cp, this.scratchRows, words, 1);
    return this.scratchRows;
  }

  /** The tagger's words for a sentence (what extract would ask for), to pass to extractShared later. */
  tagWords(text: string): TaggedWord[] {
    return this.tagger(text);
  }

  // per-sentence scratch: code points (two pads each side), classes, their products with K_A, K_B, K_C; gazetteer bits
  private c = new Int32Array(64);
  private cls = new Int32Array(64);
  private ka = new Int32Array(64);
  private kb = new Int32Array(64);
  private kc = new Int32Array(64);
  private gaz = new Uint16Array(64);

  /** Rows into `out`: weight-table offsets (scale TAG_COUNT) or row numbers (scale 1). */
  private extractInto(text: string, cp: CodePoints, out: Int32Array, words?: readonly TaggedWord[], scale = L): void {
    const n = cp.cps.length;
    if (n === 0) return;
    const cps = cp.cps;
    const size = n + 4;
    if (this.c.length < size) {
      const k = Math.max(size, this.c.length * 2);
      this.c = new Int32Array(k);
      this.cls = new Int32Array(k);
      this.ka = new Int32Array(k);
      this.kb = new Int32Array(k);
      this.kc = new Int32Array(k);
    }
    const { c, cls, ka, kb, kc } = this;
    c[0] = c[1] = BOS;
    c[n + 2] = c[n + 3] = EOS;
    cls[0] = cls[1] = cls[n + 2] = cls[n + 3] = C_PAD;
    for (let i = 0; i < n; i++) {
      const x = cps[i];
      c[i + 2] = normaliseCodePoint(x);
      cls[i + 2] = x < 0x10000 ? BMP_CLASS[x] : charClass(x);
    }
    for (let j = 0; j < size; j++) {
      ka[j] = Math.imul(c[j], K_A);
      kb[j] = Math.imul(c[j], K_B);
      kc[j] = Math.imul(c[j], K_C);
    }
    this.gaz = grown(this.gaz, n, (k) => new Uint16Array(k));
    const gaz = this.config.gazetteer.match(cps, this.gaz);
    const m = this.segmentInto(text, cp, words ?? this.tagger(text));
    const { wordOf, position, wHash, wPos, wLen, wSuffix, surnameFlags } = this;
    const mask = this.mask;
    const T = TEMPLATE;
    const bias = (fmix(T[0]) & mask) * scale;
    let o = 0;
    for (let i = 0; i < n; i++) {
      const j = i + 2;
      const w = wordOf[i];
      const pw = w - 1;
      const nw = w + 1 <= m ? w + 1 : m + 1;
      const pos = position[i];
      const kPos = Math.imul(pos, K_A);
      const wp = wPos[w];
      out[o] = bias;
      out[o + 1] = (fmix((T[1] + ka[j - 2]) | 0) & mask) * scale;
      out[o + 2] = (fmix((T[2] + ka[j - 1]) | 0) & mask) * scale;
      out[o + 3] = (fmix((T[3] + ka[j]) | 0) & mask) * scale;
      out[o + 4] = (fmix((T[4] + ka[j + 1]) | 0) & mask) * scale;
      out[o + 5] = (fmix((T[5] + ka[j + 2]) | 0) & mask) * scale;
      out[o + 6] = (fmix((T[6] + ka[j - 2] + kb[j - 1]) | 0) & mask) * scale;
      out[o + 7] = (fmix((T[7] + ka[j - 1] + kb[j]) | 0) & mask) * scale;
      out[o + 8] = (fmix((T[8] + ka[j] + kb[j + 1]) | 0) & mask) * scale;
      out[o + 9] = (fmix((T[9] + ka[j + 1] + kb[j + 2]) | 0) & mask) * scale;
      out[o + 10] = (fmix((T[10] + ka[j - 2] + kb[j - 1] + kc[j]) | 0) & mask) * scale;
      out[o + 11] = (fmix((T[11] + ka[j - 1] + kb[j] + kc[j + 1]) | 0) & mask) * scale;
      out[o + 12] = (fmix((T[12] + ka[j] + kb[j + 1] + kc[j + 2]) | 0) & mask) * scale;
      out[o + 13] = (fmix((T[13] + ka[j - 1] + kb[j + 1]) | 0) & mask) * scale;
      out[o + 14] = (fmix((T[14] + Math.imul(cls[j - 1] * 16 + cls[j], K_A) + Math.imul(cls[j + 1], K_B) + Math.imul(cls[j - 2] * 16 + cls[j + 2], K_C)) | 0) & mask) * scale;
      out[o + 15] = (fmix((T[15] + kPos + Math.imul(wp, K_B)) | 0) & mask) * scale;
      out[o + 16] = (fmix((T[16] + kPos + kb[j]) | 0) & mask) * scale;
      out[o + 17] = (fmix((T[17] + kPos + Math.imul(wHash[w], K_B)) | 0) & mask) * scale;
      out[o + 18] = (fmix((T[18] + kPos + Math.imul(wp, K_B) + Math.imul(wPos[pw], K_C)) | 0) & mask) * scale;
      out[o + 19] = (fmix((T[19] + kPos + Math.imul(wp, K_B) + Math.imul(wPos[nw], K_C)) | 0) & mask) * scale;
      const g = gaz[i];
      out[o + 20] = (fmix((T[20] + Math.imul(g, K_A)) | 0) & mask) * scale;
      out[o + 21] = (fmix((T[21] + Math.imul(g, K_A) + Math.imul(i > 0 ? gaz[i - 1] : 255, K_B) + Math.imul(i + 1 < n ? gaz[i + 1] : 255, K_C)) | 0) & mask) * scale;
      const x = cps[i];
      const flags = x < 0x10000 ? surnameFlags[x] : 0;
      let sur = flags & 1;
      if (flags & 2 && i + 1 < n && this.isCompound(x, cps[i + 1])) sur |= 2;
      out[o + 22] = (fmix((T[22] + Math.imul(sur, K_A) + Math.imul(pos * 8 + wLen[w], K_B) + Math.imul(cls[j + 1] * 16 + cls[j + 2], K_C)) | 0) & mask) * scale;
      out[o + 23] = (fmix((T[23] + kPos + Math.imul(wSuffix[w], K_B) + Math.imul(wSuffix[nw], K_C)) | 0) & mask) * scale;
      out[o + 24] = (fmix((T[24] + kPos + Math.imul(wHash[pw], K_B)) | 0) & mask) * scale;
      out[o + 25] = (fmix((T[25] + kPos + Math.imul(wHash[nw], K_B)) | 0) & mask) * scale;
      o += FEATURE_COUNT;
    }
  }

  private isCompound(a: number, b: number): boolean {
    if (b >= 0x10000) return false;
    const key = a * 0x10000 + b;
    for (const k of this.compoundPairs) if (k === key) return true;
    return false;
  }
}
