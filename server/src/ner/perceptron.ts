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
  const data: Prepared[] = sentences.map((s) => {
    const cp = toCodePoints(s.text);
    return { rows: extractor.extract(s.text, cp), gold: rangesToTags(cp.cps.length, s.ranges) };
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
      const { rows, gold } = data[idx];
      const n = gold.length;
      if (n === 0) continue;
      const emit = emissionScores(w, rows, n);
      const tr = constrain(tw, sw, ew);
      const pred = viterbi(emit, n, tr);
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

/**
 * Fits confidence = sigmoid(a * minMargin + b) to whether each predicted span on held-out sentences is exactly
 * right (logistic regression by gradient descent on the log loss).
 */
export function calibrate(model: NerModel, sentences: readonly TrainingSentence[]): Calibration & { spans: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of sentences) {
    const cp = toCodePoints(s.text);
    const n = cp.cps.length;
    if (n === 0) continue;
    const emit = model.emissions(model.extractor.extract(s.text, cp), n);
    const { path, margins: m } = decodeWithMargins(emit, n, model.transitions);
    const gold = new Set(s.ranges.map((r) => `${r.start}:${r.end}:${r.type}`));
    for (const r of tagsToRanges(path)) {
      let v = Infinity;
      for (let i = r.start; i < r.end; i++) v = Math.min(v, m[i]);
      xs.push(Math.min(v, 1e4));
      ys.push(gold.has(`${r.start}:${r.end}:${r.type}`) ? 1 : 0);
    }
  }
  if (xs.length === 0) return { a: 0.05, b: 0, spans: 0 };
  // standardise x for a well-conditioned descent, then map back
  const mean = xs.reduce((p, x) => p + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((p, x) => p + (x - mean) ** 2, 0) / xs.length) || 1;
  let a = 0;
  let b = 0;
  for (let it = 0; it < 2000; it++) {
    let ga = 0;
    let gb = 0;
    for (let k = 0; k < xs.length; k++) {
      const z = (xs[k] - mean) / sd;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      ga += (p - ys[k]) * z;
      gb += p - ys[k];
    }
    a -= (0.5 * ga) / xs.length;
    b -= (0.5 * gb) / xs.length;
  }
  return { a: a / sd, b: b - (a * mean) / sd, spans: xs.length };
}
