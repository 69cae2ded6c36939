// The word tagger's data file (server/models/jieba-lexicon.bin, written by `npm run build:lexicon`) and its loader.
// Layout: the 4 bytes "NALX", then raw deflate of (little-endian; each array starts at a multiple of its width):
//   u32 version (2) · f64 minimum word weight
//   u8 tag count, then per tag: u8 byte length + UTF-8 (tag id = index; "" means "no tag: decide by characters")
//   u32 weight count, f64 × count (the distinct word weights, ascending)
//   u32 count, u32 × count: the user dictionary's one-character words
//   the trie (dictionaryTrie.ts), breadth first, node 0 the root: u32 node count N; u16 × N number of children;
//     u16 × N the code point into the node (0 for those beyond U+FFFF); u32 count, then (u32 node, u32 code point)
//     × count for those; u16 × N 1 + the weight index of the word the node ends (0: none); u8 × N tag id
//   HMM: f64 × 4 start · f64 × 16 transitions (from × 4 + to) · u32 character count, u32 × count code points,
//     f64 × 4 × count emissions (B, E, M, S per character)
// Loading is inflating and copying the arrays (no per-word work); the builder makes the trie from the sorted words.
import * as fs from 'fs';
import * as os from 'os';
import * as zlib from 'zlib';
import { shippedModelPath } from '../core/shippedModels';
import { DictionaryTrie } from './dictionaryTrie';
import { HmmModel } from './hmmModel';

export const LEXICON_FILE = 'jieba-lexicon.bin';
const MAGIC = 'NALX';
const VERSION = 2;
const LITTLE_ENDIAN = os.endianness() === 'LE';

/** What the builder reads from jieba's files (buildLexicon.ts). */
export interface LexiconSource {
  words: Map<string, { weight: number; tag: string }>;
  minWeight: number;
  userSingles: Set<number>;
  hmm: { start: number[]; trans: number[]; emissions: Map<number, number[]> };
}

/** The loaded data. */
export interface Lexicon {
  trie: DictionaryTrie;
  tagNames: string[];
  minWeight: number;
  /** The user dictionary's one-character words (never re-cut by the HMM). */
  userSingles: Set<number>;
  hmm: HmmModel;
}

class Writer {
  private buf = Buffer.alloc(1 << 20);
  private n = 0;
  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.n + k));
    this.buf.copy(next, 0, 0, this.n);
    this.buf = next;
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.n++] = v;
  }
  u16(v: number): void {
    this.room(2);
    this.n = this.buf.writeUInt16LE(v, this.n);
  }
  u32(v: number): void {
    this.room(4);
    this.n = this.buf.writeUInt32LE(v, this.n);
  }
  f64(v: number): void {
    this.room(8);
    this.n = this.buf.writeDoubleLE(v, this.n);
  }
  varint(v: number): void {
    while (v >= 0x80) {
      this.u8((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.u8(v);
  }
  /** Zero bytes up to a multiple of `k`. */
  align(k: number): void {
    while (this.n % k !== 0) this.u8(0);
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  done(): Buffer {
    return this.buf.subarray(0, this.n);
  }
}

class Reader {
  private n = 0;
  constructor(private readonly buf: Buffer) {}
  u8(): number {
    return this.buf[this.n++];
  }
  u16(): number {
    const v = this.buf.readUInt16LE(this.n);
    this.n += 2;
    return v;
  }
  u32(): number {
    const v = this.buf.readUInt32LE(this.n);
    this.n += 4;
    return v;
  }
  f64(): number {
    const v = this.buf.readDoubleLE(this.n);
    this.n += 8;
    return v;
  }
  varint(): number {
    const buf = this.buf;
    let b = buf[this.n++];
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = buf[this.n++];
      v |= (b & 0x7f) << shift;
    }
    return v;
  }
  utf8(len: number): string {
    const s = this.buf.toString('utf8', this.n, this.n + len);
    this.n += len;
    return s;
  }
  align(k: number): void {
    this.n = Math.ceil(this.n / k) * k;
  }
  /** `count` u16 values (copied into an aligned array). */
  u16s(count: number): Uint16Array {
    return this.fill(new Uint16Array(count), () => this.u16());
  }
  /** `count` u32 values below 2^31 (copied into an aligned array). */
  i32s(count: number): Int32Array {
    return this.fill(new Int32Array(count), () => this.u32());
  }
  /** `count` f64 values (copied into an aligned array). */
  f64s(count: number): Float64Array {
    return this.fill(new Float64Array(count), () => this.f64());
  }
  /** Fills `out` with the next values: their bytes as they are on a little-endian machine, else one by one. */
  private fill<A extends Uint16Array | Int32Array | Float64Array>(out: A, read: () => number): A {
    if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(this.view(out.byteLength));
    else for (let i = 0; i < out.length; i++) out[i] = read();
    return out;
  }
  /** The next `count` bytes (a view, no copy). */
  view(count: number): Buffer {
    const v = this.buf.subarray(this.n, this.n + count);
    this.n += count;
    return v;
  }
  get offset(): number {
    return this.n;
  }
  get length(): number {
    return this.buf.length;
  }
}

const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);

function compareCodePoints(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function encodeLexicon(src: LexiconSource): Buffer {
  const entries = [...src.words].map(([word, u]) => ({ cps: codePoints(word), ...u }));
  entries.sort((a, b) => compareCodePoints(a.cps, b.cps));
  const tagNames = [...new Set(entries.map((e) => e.tag))].sort();
  if (tagNames.length > 255) throw new Error(`${tagNames.length} POS tags: more than the format's 255`);
  const weights = [...new Set(entries.map((e) => e.weight))].sort((a, b) => a - b);
  if (weights.length >= 0xffff) throw new Error(`${weights.length} distinct weights: more than the format's 65,534`);
  const weightIndex = new Map(weights.map((w, i) => [w, i]));
  const tagIndex = new Map(tagNames.map((t, i) => [t, i]));

  const w = new Writer();
  w.u32(VERSION);
  w.f64(src.minWeight);
  w.u8(tagNames.length);
  for (const t of tagNames) {
    const b = Buffer.from(t, 'utf8');
    w.u8(b.length);
    w.bytes(b);
  }
  w.u32(weights.length);
  for (const x of weights) w.f64(x);
  const singles = [...src.userSingles].sort((a, b) => a - b);
  w.u32(singles.length);
  for (const c of singles) w.u32(c);
  // the trie from the sorted words
  const chars = new Int32Array(entries.reduce((n, e) => n + e.cps.length, 0));
  const wordStart = new Int32Array(entries.length + 1);
  let at = 0;
  entries.forEach((e, i) => {
    wordStart[i] = at;
    chars.set(e.cps, at);
    at += e.cps.length;
  });
  wordStart[entries.length] = at;
  const weightId = Uint16Array.from(entries, (e) => 1 + weightIndex.get(e.weight)!);
  const trie = DictionaryTrie.fromSortedWords({ chars, wordStart, weightId, tag: Uint8Array.from(entries, (e) => tagIndex.get(e.tag)!) }, Float64Array.from([NaN, ...weights]));
  const nodes = trie.size;
  w.u32(nodes);
  w.align(2);
  for (let k = 0; k < nodes; k++) {
    const children = trie.childStart[k + 1] - trie.childStart[k];
    if (children > 0xffff) throw new Error(`a trie node with ${children} children: more than the format's 65,535`);
    w.u16(children);
  }
  const astral: number[] = [];
  for (let k = 0; k < nodes; k++) {
    const c = trie.childChar[k];
    if (c > 0xffff) astral.push(k, c);
    w.u16(c > 0xffff ? 0 : c);
  }
  w.align(4);
  w.u32(astral.length / 2);
  for (const x of astral) w.u32(x);
  w.align(2);
  for (let k = 0; k < nodes; k++) w.u16(trie.nodeWeightId[k]);
  for (let k = 0; k < nodes; k++) w.u8(trie.nodeTag[k]);
  w.align(8);
  const { start, trans, emissions } = src.hmm;
  for (const x of start) w.f64(x);
  for (const x of trans) w.f64(x);
  const hmmChars = [...emissions.keys()].sort((a, b) => a - b);
  w.u32(hmmChars.length);
  for (const c of hmmChars) w.u32(c);
  for (const c of hmmChars) for (const x of emissions.get(c)!) w.f64(x);
  const body = zlib.deflateRawSync(w.done(), { level: 6 });
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), body]);
}

export function decodeLexicon(file: Buffer): Lexicon {
  if (file.length < 4 || file.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a word lexicon file (no NALX header)');
  const r = new Reader(zlib.inflateRawSync(file.subarray(4)));
  const version = r.u32();
  if (version !== VERSION) throw new Error(`word lexicon version ${version}, this build reads version ${VERSION}`);
  const minWeight = r.f64();
  const tagNames: string[] = [];
  for (let i = 0, n = r.u8(); i < n; i++) tagNames.push(r.utf8(r.u8()));
  const weights = r.f64s(r.u32());
  const userSingles = new Set<number>();
  for (let i = 0, n = r.u32(); i < n; i++) userSingles.add(r.u32());
  const nodes = r.u32();
  r.align(2);
  const children = r.u16s(nodes);
  const childStart = new Int32Array(nodes + 1);
  childStart[0] = 1;
  for (let k = 0; k < nodes; k++) childStart[k + 1] = childStart[k] + children[k];
  const childChar = new Int32Array(r.u16s(nodes));
  r.align(4);
  for (let i = 0, n = r.u32(); i < n; i++) {
    const k = r.u32();
    childChar[k] = r.u32();
  }
  r.align(2);
  const nodeWeightId = r.u16s(nodes);
  const weightTable = new Float64Array(weights.length + 1);
  weightTable[0] = NaN;
  weightTable.set(weights, 1);
  const nodeTag = new Uint8Array(r.view(nodes));
  r.align(8);
  const start = r.f64s(4);
  const trans = r.f64s(16);
  const emitChars = r.i32s(r.u32());
  const emission = r.f64s(emitChars.length * 4);
  if (r.offset !== r.length) throw new Error(`word lexicon: ${r.length - r.offset} bytes left over`);
  const trie = new DictionaryTrie(childStart, childChar, nodeWeightId, weightTable, nodeTag);
  return { trie, tagNames, minWeight, userSingles, hmm: new HmmModel(start, trans, emitChars, emission) };
}

/** Where the shipped lexicon is ($NEWS_ANNOTATOR_LEXICON, else server/models/jieba-lexicon.bin). */
export const lexiconPath = (): string => shippedModelPath(LEXICON_FILE, 'NEWS_ANNOTATOR_LEXICON');

let shared: Lexicon | undefined;

/** The process's lexicon, loaded on first use; a missing or damaged file is a clear error. */
export function sharedLexicon(): Lexicon {
  if (!shared) {
    const file = lexiconPath();
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw new Error(`word lexicon not found at ${file} (build it with "npm run build:lexicon"): ${(e as Error).message}`);
    }
    try {
      shared = decodeLexicon(bytes);
    } catch (e) {
      throw new Error(`word lexicon ${file} is unreadable: ${(e as Error).message}`);
    }
  }
  return shared;
}
