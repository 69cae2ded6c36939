// Training of the entity model: an averaged structured perceptron over BIOES tags with constrained Viterbi,
// deterministic for a given seed (the shuffle is the only randomness), then int8 quantisation and a logistic
// calibration of span confidences on held-out sentences.
import { AdminNames, Gazetteer } from './gazetteer';
import { FEATURE_COUNT, FeatureExtractor, WordTagger, jiebaTag, toCodePoints } from './features';
import { TAG_COUNT, TypedRange, rangesToTags, tagsToRanges } from './tags';
import { constrain, decodeWithMargins, viterbi } from './decode';
import { Calibration, ModelData, NerModel, emissionScores } from './model';

const L = TAG_COUNT;
const F = FEATURE_COUNT;

export interface TrainingSentence {
  text: string;
  /** Code-point ranges of the gold entities. */
  ranges: TypedRange[];
  /**
   * Partial labels: per code point, a bit mask of the tags allowed there (bit t for tag t). When present the
   * sentence's reference path is the best path, under the current weights, among those consistent with the masks
   * (latent-variable perceptron), so positions whose type the data does not say are not forced to O.
   */
  allowed?: Uint8Array;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  tableBits: number;
  gazetteer: AdminNames;
  tagger?: WordTagger;
  /** Called after each epoch with the current averaged model (for dev scores); optional. */
  onEpoch?: (epoch: number, model: NerModel, seconds: number, errors: number) => void;
  log?: (msg: string) => void;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Prepared {
  rows: Int32Array;
  gold: Uint8Array;
  allowed?: Uint8Array;
}

/** Averaged weights (float) and transitions. */
export interface FloatModel {
  weights: Float32Array;
  trans: Float64Array;
  start: Float64Array;
  end: Float64Array;
}

export function trainPerceptron(sentences: readonly TrainingSentence[], opt: TrainOptions): FloatModel {
  const log = opt.log ?? (() => {});
  const extractor = new FeatureExtractor({ tableBits: opt.tableBits, gazetteer: new Gazetteer(opt.gazetteer) }, opt.tagger ?? jiebaTag);
  const t0 = Date.now();
  // a sentence given several times (CLUENER twice per epoch) is prepared once and shared
  const prepared = new Map<TrainingSentence, Prepared>();
  const data: Prepared[] = sentences.map((s) => {
    let p = prepared.get(s);
    if (!p) {
      const cp = toCodePoints(s.text);
      prepared.set(s, (p = { rows: extractor.extract(s.text, cp), gold: rangesToTags(cp.cps.length, s.ranges), allowed: s.allowed }));
    }
    return p;
  });
  log(`features for ${data.length} sentences in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const size = (1 << opt.tableBits) * L;
  const w = new Int32Array(size);
  const u = new Float64Array(size);
  const tw = new Float64Array(L * L);
  const tu = new Float64Array(L * L);
  const sw = new Float64Array(L);
  const su = new Float64Array(L);
  const ew = new Float64Array(L);
  const eu = new Float64Array(L);
  let c = 1;
  const random = rng(opt.seed);
  const order = data.map((_, i) => i);

  const upd = (arr: Int32Array | Float64Array, acc: Float64Array, k: number, d: number) => {
    arr[k] += d;
    acc[k] += c * d;
  };

  for (let epoch = 1; epoch <= opt.epochs; epoch++) {
    const te = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    for (const idx of order) {
      const { rows, allowed } = data[idx];
      let gold = data[idx].gold;
      const n = gold.length;
      if (n === 0) continue;
      const emit = emissionScores(w, rows, n);
      const tr = constrain(tw, sw, ew);
      const pred = viterbi(emit, n, tr);
      if (allowed) gold = viterbi(maskEmissions(emit, allowed, n), n, tr);
      let same = true;
      for (let i = 0; i < n; i++) if (pred[i] !== gold[i]) same = false;
      if (!same) {
        errors++;
        for (let i = 0; i < n; i++) {
          const g = gold[i];
          const p = pred[i];
          if (g !== p) {
            for (let f = i * F, fe = f + F; f < fe; f++) {
              const r = rows[f];
              upd(w, u, r + g, 1);
              upd(w, u, r + p, -1);
            }
          }
          if (i > 0 && (g !== p || gold[i - 1] !== pred[i - 1])) {
            upd(tw, tu, gold[i - 1] * L + g, 1);
            upd(tw, tu, pred[i - 1] * L + p, -1);
          }
        }
        if (gold[0] !== pred[0]) {
          upd(sw, su, gold[0], 1);
          upd(sw, su, pred[0], -1);
        }
        if (gold[n - 1] !== pred[n - 1]) {
          upd(ew, eu, gold[n - 1], 1);
          upd(ew, eu, pred[n - 1], -1);
        }
      }
      c++;
    }
    const seconds = (Date.now() - te) / 1000;
    log(`epoch ${epoch}: ${errors} sentences wrong of ${order.length}, ${seconds.toFixed(1)} s`);
    if (opt.onEpoch) {
      const avg = average();
      opt.onEpoch(epoch, quantise(avg, opt.tableBits, opt.gazetteer, { a: 1, b: 0 }, {}, opt.tagger), seconds, errors);
    }
  }
  return average();

  function average(): FloatModel {
    const weights = new Float32Array(size);
    for (let k = 0; k < size; k++) weights[k] = w[k] - u[k] / c;
    const avg = (x: Float64Array, acc: Float64Array) => x.map((v, k) => v - acc[k] / c);
    return { weights, trans: avg(tw, tu), start: avg(sw, su), end: avg(ew, eu) };
  }
}

/** Emission scores with the tags a position does not allow set to -Infinity (for constrained decoding). */
export function maskEmissions(emit: Float64Array, allowed: Uint8Array, n: number): Float64Array {
  const out = new Float64Array(emit);
  for (let i = 0; i < n; i++) {
    const a = allowed[i];
    for (let t = 0; t < L; t++) if (!(a & (1 << t))) out[i * L + t] = -Infinity;
  }
  return out;
}

/** int8 weights with one scale (max |weight| maps to 127); transitions kept as floats in the same units. */
export function quantise(m: FloatModel, tableBits: number, gazetteer: AdminNames, calibration: Calibration, meta: Record<string, unknown>, tagger?: WordTagger): NerModel {
  let max = 0;
  for (let k = 0; k < m.weights.length; k++) max = Math.max(max, Math.abs(m.weights[k]));
  const scale = max > 0 ? max / 127 : 1;
  const weights = new Int8Array(m.weights.length);
  for (let k = 0; k < m.weights.length; k++) weights[k] = Math.round(m.weights[k] / scale);
  const units = (x: Float64Array) => Array.from(x, (v) => Math.round((v / scale) * 1000) / 1000);
  const data: ModelData = { tableBits, weights, scale, trans: units(m.trans), start: units(m.start), end: units(m.end), calibration, gazetteer, meta };
  return new NerModel(data, tagger);
}

/** Held-out sentences for the calibration; `types` lists the entity types whose predicted spans can be judged. */
export interface CalibrationSet {
  sentences: readonly TrainingSentence[];
  /** Share of the fit this set carries (sets are weighted to these shares whatever their sizes). */
  weight: number;
  types: readonly number[];
}

/**
 * Platt scaling per entity type: confidence = sigmoid(a_t * log(1 + minMargin) + b_t), fitted (weighted logistic
 * regression, gradient descent on the log loss) to whether each predicted span on held-out sentences is exactly
 * right. A global (a, b) is fitted too and used for types with too few spans.
 */
export function calibrate(model: NerModel, sets: readonly CalibrationSet[]): Calibration & { spans: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  const ts: number[] = [];
  for (const set of sets) {
    const first = xs.length;
    for (const s of set.sentences) {
      const cp = toCodePoints(s.text);
      const n = cp.cps.length;
      if (n === 0) continue;
      const emit = model.emissions(model.extractor.extract(s.text, cp), n);
      const { path, margins: m } = decodeWithMargins(emit, n, model.transitions);
      const gold = new Set(s.ranges.map((r) => `${r.start}:${r.end}:${r.type}`));
      for (const r of tagsToRanges(path)) {
        if (!set.types.includes(r.type)) continue;
        let v = Infinity;
        for (let i = r.start; i < r.end; i++) v = Math.min(v, m[i]);
        xs.push(Math.log1p(Math.min(v, 1e6)));
        ys.push(gold.has(`${r.start}:${r.end}:${r.type}`) ? 1 : 0);
        ts.push(r.type);
      }
    }
    const count = xs.length - first;
    for (let k = first; k < xs.length; k++) ws.push(set.weight / count);
  }
  if (xs.length === 0) return { a: 0.05, b: 0, spans: 0 };
  const all = xs.map((_, k) => k);
  const global = fitLogistic(all, xs, ys, ws);
  const perType: { a: number; b: number }[] = [];
  for (let t = 0; t < TAG_COUNT; t++) {
    const idx = all.filter((k) => ts[k] === t);
    if (t >= (TAG_COUNT - 1) / 2) break;
    perType.push(idx.length >= 50 ? fitLogistic(idx, xs, ys, ws) : global);
  }
  const isotonic: { x: number[]; p: number[] }[] = [];
  for (let t = 0; t < perType.length; t++) {
    const idx = all.filter((k) => ts[k] === t);
    isotonic.push(idx.length >= 50 ? fitIsotonic(idx, xs, ys, ws) : fitIsotonic(all, xs, ys, ws));
  }
  return { ...global, x: 'log1p', perType, isotonic, spans: xs.length };
}

/**
 * Isotonic regression (pool adjacent violators) of correctness on x, weighted: a non-decreasing step function,
 * returned as knots at each pooled block's weighted mean x with its accuracy (shrunk towards the overall accuracy
 * by one pseudo-span's weight so that tiny blocks do not claim 0 or 1), rounded for a compact model header.
 */
export function fitIsotonic(idx: readonly number[], xs: readonly number[], ys: readonly number[], ws: readonly number[]): { x: number[]; p: number[] } {
  const order = [...idx].sort((a, b) => xs[a] - xs[b]);
  let wAll = 0;
  let yAll = 0;
  for (const k of order) (wAll += ws[k]), (yAll += ws[k] * ys[k]);
  const prior = yAll / wAll;
  const unit = wAll / order.length;
  const blocks: { w: number; wy: number; wx: number }[] = [];
  for (const k of order) {
    blocks.push({ w: ws[k], wy: ws[k] * ys[k], wx: ws[k] * xs[k] });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      const sameX = Math.abs(a.wx / a.w - b.wx / b.w) < 1e-9;
      if (!sameX && a.wy / a.w < b.wy / b.w) break;
      blocks.pop();
      a.w += b.w;
      a.wy += b.wy;
      a.wx += b.wx;
    }
  }
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  const x: number[] = [];
  const p: number[] = [];
  let lastP = 0;
  for (const b of blocks) {
    const v = Math.max(lastP, round((b.wy + unit * prior) / (b.w + unit), 4));
    x.push(round(b.wx / b.w, 4));
    p.push(v);
    lastP = v;
  }
  return { x, p };
}

function fitLogistic(idx: readonly number[], xs: readonly number[], ys: readonly number[], ws: readonly number[]): { a: number; b: number } {
  let wsum = 0;
  let mean = 0;
  for (const k of idx) (wsum += ws[k]), (mean += ws[k] * xs[k]);
  mean /= wsum;
  let v = 0;
  for (const k of idx) v += ws[k] * (xs[k] - mean) ** 2;
  const sd = Math.sqrt(v / wsum) || 1;
  let a = 0;
  let b = 0;
  for (let it = 0; it < 3000; it++) {
    let ga = 0;
    let gb = 0;
    for (const k of idx) {
      const z = (xs[k] - mean) / sd;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      ga += ws[k] * (p - ys[k]) * z;
      gb += ws[k] * (p - ys[k]);
    }
    a -= (1.0 * ga) / wsum;
    b -= (1.0 * gb) / wsum;
  }
  return { a: a / sd, b: b - (a * mean) / sd };
}
