// The entity model: hashed feature weights quantised to int8, transition scores, a gazetteer, a confidence
// calibration, and metadata; stored as one deflated binary file (server/models/ner-msra.bin).
import * as fs from 'fs';
import * as zlib from 'zlib';
import { AdminNames, Gazetteer } from './gazetteer';
import { CodePoints, FEATURE_COUNT, FeatureExtractor, TaggedWord, WordTagger, jiebaTag } from './features';
import { TAG_COUNT, tagName } from './tags';
import { Transitions, constrain } from './decode';

const MAGIC = 'NERM';
const L = TAG_COUNT;
const F = FEATURE_COUNT;
const FORMAT_VERSION = 1;

/**
 * Confidence of a span = 1 / (1 + exp(-(a * x + b))) with x = minMargin (weight units), or log(1 + minMargin) when
 * `x` is 'log1p'; `perType` (PER, LOC, ORG order) overrides (a, b) per entity type. When `isotonic` is present
 * (per type: increasing x = log(1 + minMargin) knots and the accuracy at each) it is used instead, interpolated
 * linearly between knots and flat beyond them.
 */
export interface Calibration {
  a: number;
  b: number;
  x?: 'log1p';
  perType?: { a: number; b: number }[];
  isotonic?: { x: number[]; p: number[] }[];
}

/** A span's calibrated confidence from its smallest margin and its type index. */
export function calibratedConfidence(c: Calibration, minMargin: number, type: number): number {
  const m = Math.min(minMargin, 1e6);
  const iso = c.isotonic?.[type];
  if (iso && iso.x.length) return interpolate(iso.x, iso.p, Math.log1p(m));
  const { a, b } = c.perType?.[type] ?? c;
  const z = a * (c.x === 'log1p' ? Math.log1p(m) : m) + b;
  return 1 / (1 + Math.exp(-z));
}

function interpolate(xs: readonly number[], ps: readonly number[], x: number): number {
  if (x <= xs[0]) return ps[0];
  const last = xs.length - 1;
  if (x >= xs[last]) return ps[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]) / (xs[hi] - xs[lo] || 1);
  return ps[lo] + t * (ps[hi] - ps[lo]);
}

export interface ModelData {
  tableBits: number;
  /** (1 << tableBits) * TAG_COUNT weights; real weight = weights[k] * scale. */
  weights: Int8Array;
  scale: number;
  /** Transition scores in the same units as the int8 weights: [prev * TAG_COUNT + next], start, end. */
  trans: number[];
  start: number[];
  end: number[];
  calibration: Calibration;
  gazetteer: AdminNames;
  /** Free-form training facts shown in the model card (data, seed, epochs, dev scores). */
  meta: Record<string, unknown>;
}

export class NerModel {
  readonly extractor: FeatureExtractor;
  readonly transitions: Transitions;
  readonly data: ModelData;
  /**
   * For the 7 tags of the shipped tag set, the weights are kept only packed (packWeights: 8 MiB for 2^20 rows) and
   * `data.weights` unpacks an int8 copy when read (for saving or training, not for decoding): keeping both cost
   * the entity worker 7 MiB more, plus the inflated file the int8 view held on to.
   */
  private readonly packed?: Int32Array;

  constructor(data: ModelData, tagger: WordTagger = jiebaTag) {
    if (data.weights.length !== (1 << data.tableBits) * TAG_COUNT) {
      throw new Error(`NER model: expected ${(1 << data.tableBits) * TAG_COUNT} weights, found ${data.weights.length}`);
    }
    if (L === 7) {
      const packed = packWeights(data.weights);
      this.packed = packed;
      const { weights: _dropped, ...rest } = data;
      this.data = Object.defineProperty(rest, 'weights', { get: () => unpackWeights(packed), enumerable: true }) as ModelData;
    } else {
      this.data = data;
    }
    this.extractor = new FeatureExtractor({ tableBits: data.tableBits, gazetteer: new Gazetteer(data.gazetteer) }, tagger);
    this.transitions = constrain(data.trans, data.start, data.end);
  }

  /** Emission scores emit[i * TAG_COUNT + tag] for n characters of feature rows (weight-table offsets). */
  emissions(rows: Int32Array, n: number): Float64Array {
    if (!this.packed) return emissionScores(this.data.weights, rows, n);
    const numbers = new Int32Array(n * F);
    for (let k = 0; k < numbers.length; k++) numbers[k] = rows[k] / 7;
    return emissionScoresPacked(this.packed, numbers, n);
  }

  /**
   * Emission scores of a sentence (the same numbers as emissions(extractor.extract(sentence), n)), the way decoding
   * wants them: rows in the extractor's scratch array and summed from the packed weights (emissionScoresPacked).
   * `words`: the tagger's words for the sentence when already asked for.
   */
  sentenceEmissions(sentence: string, cp: CodePoints, words?: readonly TaggedWord[]): Float64Array {
    const n = cp.cps.length;
    if (!this.packed) return this.emissions(this.extractor.extractShared(sentence, cp, words), n);
    return emissionScoresPacked(this.packed, this.extractor.extractRowNumbers(sentence, cp, words), n);
  }

  /**
   * The serialised model: magic, then deflate-compressed header length, JSON header and int8 weights. `level` is the
   * deflate level: 9 for the shipped model (smallest, about 5 s), lower where saving must be quick (a workspace model:
   * level 3 takes about 0.15 s for 15 % more bytes).
   */
  encode(level = 9): Buffer {
    const { weights, ...rest } = this.data;
    const header = Buffer.from(JSON.stringify({ version: FORMAT_VERSION, tags: Array.from({ length: TAG_COUNT }, (_, t) => tagName(t)), featureCount: FEATURE_COUNT, ...rest }), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const body = zlib.deflateRawSync(Buffer.concat([len, header, Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength)]), { level });
    return Buffer.concat([Buffer.from(MAGIC, 'ascii'), body]);
  }

  static decode(buf: Buffer, tagger?: WordTagger): NerModel {
    if (buf.length < 8 || buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a News Annotator NER model (bad magic number)');
    let body: Buffer;
    try {
      body = zlib.inflateRawSync(buf.subarray(4));
    } catch (e) {
      throw new Error(`NER model is corrupt: ${(e as Error).message}`);
    }
    const hlen = body.readUInt32LE(0);
    const header = JSON.parse(body.toString('utf8', 4, 4 + hlen));
    if (header.version !== FORMAT_VERSION) throw new Error(`NER model format ${header.version} is not supported (expected ${FORMAT_VERSION})`);
    if (header.featureCount !== FEATURE_COUNT || header.tags?.length !== TAG_COUNT) {
      throw new Error('NER model was trained with a different feature set or tag set; retrain it with npm run train:ner');
    }
    const weights = new Int8Array(body.buffer, body.byteOffset + 4 + hlen, body.length - 4 - hlen);
    const { tableBits, scale, trans, start, end, calibration, gazetteer, meta } = header;
    return new NerModel({ tableBits, weights, scale, trans, start, end, calibration, gazetteer, meta }, tagger);
  }

  save(file: string, level = 9): void {
    fs.writeFileSync(file, this.encode(level));
  }

  static load(file: string, tagger?: WordTagger): NerModel {
    return NerModel.decode(fs.readFileSync(file), tagger);
  }
}

/** Sums the weights of each character's feature rows for every tag. */
export function emissionScores(weights: Int8Array | Int32Array | Float64Array | Float32Array, rows: Int32Array, n: number): Float64Array {
  const emit = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    const e = i * L;
    const f0 = i * F;
    for (let f = 0; f < F; f++) {
      const r = rows[f0 + f];
      for (let t = 0; t < L; t++) emit[e + t] += weights[r + t];
    }
  }
  return emit;
}

/**
 * emissionScores for the 7 BIO tags of PER/LOC/ORG with the sums in locals: the weight table is larger than the
 * caches, and keeping the running sums out of memory lets the loads of successive rows overlap (about twice as fast
 * as the generic loop; see test/bench/ner.ts).
 */
export function emissionScores7(w: Int8Array, rows: Int32Array, n: number): Float64Array {
  const emit = new Float64Array(n * 7);
  for (let i = 0; i < n; i++) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0;
    for (let f = i * F, fe = f + F; f < fe; f++) {
      const r = rows[f];
      a0 += w[r]; a1 += w[r + 1]; a2 += w[r + 2]; a3 += w[r + 3]; a4 += w[r + 4]; a5 += w[r + 5]; a6 += w[r + 6];
    }
    const e = i * 7;
    emit[e] = a0; emit[e + 1] = a1; emit[e + 2] = a2; emit[e + 3] = a3; emit[e + 4] = a4; emit[e + 5] = a5; emit[e + 6] = a6;
  }
  return emit;
}

/**
 * The 7 int8 weights of each row as 8 bytes (the 8th 0) in two int32 words, each byte stored plus 128 (0..255), for
 * emissionScoresPacked. 8 MiB for the 2^20 rows of the shipped model, built when the model is made (about 10 ms).
 */
export function packWeights(w: Int8Array): Int32Array {
  const rows = w.length / 7;
  const out = new Int32Array(rows * 2);
  for (let r = 0, k = 0; r < rows; r++, k += 7) {
    out[2 * r] = (w[k] + 128) | ((w[k + 1] + 128) << 8) | ((w[k + 2] + 128) << 16) | ((w[k + 3] + 128) << 24);
    out[2 * r + 1] = (w[k + 4] + 128) | ((w[k + 5] + 128) << 8) | ((w[k + 6] + 128) << 16) | (128 << 24);
  }
  return out;
}

/** packWeights undone: the int8 weights, 7 a row. */
export function unpackWeights(p: Int32Array): Int8Array {
  const rows = p.length / 2;
  const out = new Int8Array(rows * 7);
  for (let r = 0, k = 0; r < rows; r++, k += 7) {
    const x = p[2 * r];
    const y = p[2 * r + 1];
    out[k] = (x & 0xff) - 128;
    out[k + 1] = ((x >>> 8) & 0xff) - 128;
    out[k + 2] = ((x >>> 16) & 0xff) - 128;
    out[k + 3] = (x >>> 24) - 128;
    out[k + 4] = (y & 0xff) - 128;
    out[k + 5] = ((y >>> 8) & 0xff) - 128;
    out[k + 6] = ((y >>> 16) & 0xff) - 128;
  }
  return out;
}

/**
 * emissionScores7 from packed weights and row numbers: the bytes of a row's two words are added two at a time in
 * 16-bit lanes (x & 0x00ff00ff holds bytes 0 and 2, (x >>> 8) & 0x00ff00ff bytes 1 and 3; 26 rows of at most 255
 * stay below 2^16), then 128 per row is taken off. The same integers as emissionScores7, from 2 loads a row instead
 * of 7, so more of the weight table's cache misses overlap (see server/models/README.md, Speed and size).
 */
export function emissionScoresPacked(p: Int32Array, rows: Int32Array, n: number): Float64Array {
  const emit = new Float64Array(n * 7);
  const bias = F * 128;
  for (let i = 0; i < n; i++) {
    let even0 = 0, odd0 = 0, even1 = 0, odd1 = 0;
    for (let f = i * F, fe = f + F; f < fe; f++) {
      const k = rows[f] << 1;
      const x = p[k];
      const y = p[k + 1];
      even0 = (even0 + (x & 0x00ff00ff)) | 0;
      odd0 = (odd0 + ((x >>> 8) & 0x00ff00ff)) | 0;
      even1 = (even1 + (y & 0x00ff00ff)) | 0;
      odd1 = (odd1 + ((y >>> 8) & 0x00ff00ff)) | 0;
    }
    const e = i * 7;
    emit[e] = (even0 & 0xffff) - bias;
    emit[e + 1] = (odd0 & 0xffff) - bias;
    emit[e + 2] = (even0 >>> 16) - bias;
    emit[e + 3] = (odd0 >>> 16) - bias;
    emit[e + 4] = (even1 & 0xffff) - bias;
    emit[e + 5] = (odd1 & 0xffff) - bias;
    emit[e + 6] = (even1 >>> 16) - bias;
  }
  return emit;
}
