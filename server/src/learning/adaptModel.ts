// Adapting the shipped entity model to an annotator's decisions: a residual averaged perceptron on top of the frozen
// base model. The base's int8 emission and transition scores stay as they are; a sparse correction, in the same
// units, is trained on the workspace examples only (the base's training data does not ship), each example given
// `repeat` times per epoch, then averaged and folded into the int8 table. Partial labels use the latent-variable
// reference of the base training (the best path the masks allow); a rejected span is excluded from the reference
// exactly (the best path that does not hold that span), so the update pushes the model away from it.
import { NerModel } from '../ner/model';
import { toCodePoints, FEATURE_COUNT } from '../ner/features';
import { TAG_COUNT, TypedRange, tagOf } from '../ner/tags';
import { Transitions, constrain, viterbi } from '../ner/decode';
import { maskEmissions, rng } from '../ner/perceptron';
import { LearningExample } from './workspaceTrainingData';

const L = TAG_COUNT;
const F = FEATURE_COUNT;
/** A position whose tag the annotator's decisions leave entirely open. */
const OPEN = (1 << TAG_COUNT) - 1;

export interface AdaptOptions {
  /** Passes over the examples (default 6). */
  epochs?: number;
  /** Times each example is seen per epoch (default 2). */
  repeat?: number;
  /** Size of one perceptron update in int8 weight units (default 4, about two float units of the shipped model). */
  rate?: number;
  seed?: number;
  /** Feature templates (0 .. FEATURE_COUNT-1, ner/features.ts) the residual may change (default LEXICAL_TEMPLATES). */
  templates?: readonly number[];
  /** Whether the tag transition scores are adapted too (default false). */
  transitions?: boolean;
  /**
   * Update size of the templates not in `templates` and, when `transitions`, of the transition scores (default 0:
   * they stay as the base has them). They learn only from examples where the decisions constrain every position
   * (none left entirely open: a reviewed document, a CLUENER line without book / game / movie spans; not a document
   * where only the tagged spans are known) and where O is possible somewhere (not a unit that is one tagged name):
   * otherwise the only evidence is "more names here", and moving the bias and transitions on it made the model find
   * names everywhere (ALL F1 57.3 -> 23.8 in bench:learning's negative-evidence part, base trained on MSRA alone;
   * 30.5 when units with at most half their positions open still taught them, 41.9 when units that are one tagged
   * name did).
   */
  generalRate?: number;
  /**
   * Pull towards the base model: after each epoch the learned change (residual) is multiplied by 1 - prior (an L2
   * prior centred on the base weights; default 0).
   */
  prior?: number;
  signal?: AbortSignal;
  /** Called now and then with examples processed so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface AdaptResult {
  model: NerModel;
  /** Examples whose reference differed from the prediction, in the last epoch. */
  lastEpochErrors: number;
  /** int8 weights changed by the fold. */
  weightsChanged: number;
  examples: number;
  characters: number;
}

/** Thrown when the AbortSignal fires. */
export class LearningCancelled extends Error {
  constructor() {
    super('learning was cancelled');
    this.name = 'AbortError';
  }
}

/**
 * Templates naming particular words and characters (ner/features.ts: character bigrams and trigrams, the character
 * or word at its word position, the neighbouring words): what an annotator's tags say something about. The general
 * templates (bias, character classes, POS patterns, gazetteer and suffix bits, single characters) and the transitions
 * carry what the base learned from 54,000 sentences; moving them helps when the user's news differs from the base's
 * training data and hurts when it does not (ADAPT_METHODS below).
 */
export const LEXICAL_TEMPLATES: readonly number[] = [6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 24, 25];
export const ALL_TEMPLATES: readonly number[] = Array.from({ length: FEATURE_COUNT }, (_, f) => f);

/**
 * Characters of training examples one update takes (about 130 bytes each while training: feature slots and base
 * scores), so a very large workspace cannot exhaust the worker's memory; updateWorkspaceModel.ts reports what is
 * left out.
 */
export const MAX_TRAINING_CHARACTERS = 1_500_000;

export const DEFAULT_ADAPT = { epochs: 6, repeat: 2, rate: 4, seed: 1, templates: LEXICAL_TEMPLATES, transitions: false, generalRate: 0, prior: 0 };

/**
 * The two ways of adapting, chosen between on the held-out documents of each update (updateWorkspaceModel.ts; the
 * same choice in test/bench/learning.ts). `words`: the residual on the word and character templates only, the rest of
 * the base untouched. `all`: continued training of every template and the transitions from the base weights (the
 * word and character templates at update size 4, the others and the transitions at 2). On the --dev split of
 * bench:learning (README, "Retraining the model from your tags"), `all` gains most for a base that never saw modern
 * news and loses points for the shipped base, which trained on CLUENER, where `words` stays level: neither is right
 * for every corpus, so the held-out documents decide.
 */
export type AdaptMethod = 'words' | 'all';
export const ADAPT_METHODS: Record<AdaptMethod, AdaptOptions> = {
  words: {},
  all: { generalRate: 2, transitions: true },
};
/** Tried in this order; on equal held-out F1 the first (the smaller change) is kept. */
export const METHOD_ORDER: readonly AdaptMethod[] = ['words', 'all'];

interface Prepared {
  n: number;
  /** Base emissions (sums of int8 weights: exact in float32), computed once. */
  base: Float32Array;
  /** Per character and feature: the slot of its feature row in the residual table, times L. */
  slots: Int32Array;
  allowed: Uint8Array;
  rejected: TypedRange[];
  /** Whether the decisions constrain every position (none left entirely open) and O is possible somewhere: see `generalRate`. */
  constrained: boolean;
}

export function adaptModel(base: NerModel, examples: readonly LearningExample[], options: AdaptOptions = {}): AdaptResult {
  const { epochs, repeat, rate, seed, templates, transitions: adaptTransitions, generalRate, prior } = { ...DEFAULT_ADAPT, ...definedOnly(options) };
  // update size per template
  const allRates = new Float64Array(F).fill(generalRate);
  const lexicalRates = new Float64Array(F);
  for (const t of templates) allRates[t] = lexicalRates[t] = rate;
  const transitions = adaptTransitions && generalRate > 0;
  const trate = generalRate;
  const { signal, onProgress } = options;
  const check = () => {
    if (signal?.aborted) throw new LearningCancelled();
  };
  check();
  // feature rows of every example, and one residual slot per distinct row
  const rowSlot = new Map<number, number>();
  const rowOfSlot: number[] = [];
  const data: Prepared[] = [];
  let characters = 0;
  for (const ex of examples) {
    const cp = toCodePoints(ex.text);
    const n = cp.cps.length;
    if (n === 0 || n !== ex.allowed.length) continue;
    characters += n;
    const rows = base.extractor.extract(ex.text, cp);
    const slots = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) {
      let s = rowSlot.get(rows[k]);
      if (s === undefined) {
        s = rowOfSlot.length;
        rowSlot.set(rows[k], s);
        rowOfSlot.push(rows[k]);
      }
      slots[k] = s * L;
    }
    data.push({ n, base: Float32Array.from(base.emissions(rows, n)), slots, allowed: ex.allowed, rejected: ex.rejected, constrained: ex.allowed.every((a) => a !== OPEN) && ex.allowed.some((a) => a & 1) });
    if (data.length % 64 === 0) check();
  }
  const size = rowOfSlot.length * L;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  const tw = new Float64Array(L * L);
  const tu = new Float64Array(L * L);
  const sw = new Float64Array(L);
  const su = new Float64Array(L);
  const ew = new Float64Array(L);
  const eu = new Float64Array(L);
  const baseTrans = base.data.trans;
  const baseStart = base.data.start;
  const baseEnd = base.data.end;
  let c = 1;
  const random = rng(seed);
  const order: number[] = [];
  for (let r = 0; r < repeat; r++) for (let i = 0; i < data.length; i++) order.push(i);
  const total = epochs * order.length;
  let done = 0;
  let lastEpochErrors = 0;
  const upd = (arr: Float64Array, acc: Float64Array, k: number, d: number) => {
    arr[k] += d;
    acc[k] += c * d;
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const tr = constrain(add(baseTrans, tw), add(baseStart, sw), add(baseEnd, ew));
    let errors = 0;
    for (const idx of order) {
      if (++done % 256 === 0) {
        check();
        onProgress?.(done, total);
      }
      const ex = data[idx];
      const n = ex.n;
      const emit = residualEmissions(ex, w);
      const pred = viterbi(emit, n, tr);
      const gold = reference(emit, n, tr, ex.allowed, ex.rejected);
      if (!gold) continue;
      let same = true;
      for (let i = 0; i < n; i++) if (pred[i] !== gold[i]) same = false;
      if (!same) {
        errors++;
        for (let i = 0; i < n; i++) {
          const g = gold[i];
          const p = pred[i];
          if (g !== p) {
            const rates = ex.constrained ? allRates : lexicalRates;
            for (let f = 0; f < F; f++) {
              const r = rates[f];
              if (!r) continue;
              const s = ex.slots[i * F + f];
              upd(w, u, s + g, r);
              upd(w, u, s + p, -r);
            }
          }
          if (transitions && ex.constrained && i > 0 && (g !== p || gold[i - 1] !== pred[i - 1])) {
            upd(tw, tu, gold[i - 1] * L + g, trate);
            upd(tw, tu, pred[i - 1] * L + p, -trate);
          }
        }
        if (transitions && ex.constrained && gold[0] !== pred[0]) {
          upd(sw, su, gold[0], trate);
          upd(sw, su, pred[0], -trate);
        }
        if (transitions && ex.constrained && gold[n - 1] !== pred[n - 1]) {
          upd(ew, eu, gold[n - 1], trate);
          upd(ew, eu, pred[n - 1], -trate);
        }
        // transitions change: recompute the constrained table for the next example
        if (transitions && ex.constrained) Object.assign(tr, constrain(add(baseTrans, tw), add(baseStart, sw), add(baseEnd, ew)));
      }
      c++;
    }
    lastEpochErrors = errors;
    if (prior > 0 && epoch < epochs) {
      // shrink the residual (as an update, so that the running average stays exact)
      for (const [arr, acc] of [[w, u], [tw, tu], [sw, su], [ew, eu]] as const) for (let k = 0; k < arr.length; k++) if (arr[k]) upd(arr, acc, k, -prior * arr[k]);
    }
  }
  onProgress?.(total, total);
  check();

  // fold the averaged residual into the int8 table (same scale: the base's units are kept)
  const weights = new Int8Array(base.data.weights);
  let weightsChanged = 0;
  for (let s = 0; s < rowOfSlot.length; s++) {
    const row = rowOfSlot[s];
    for (let t = 0; t < L; t++) {
      const k = s * L + t;
      const delta = w[k] - u[k] / c;
      if (delta === 0) continue;
      const v = Math.max(-127, Math.min(127, Math.round(weights[row + t] + delta)));
      if (v !== weights[row + t]) {
        weights[row + t] = v;
        weightsChanged++;
      }
    }
  }
  const avg = (b: readonly number[], x: Float64Array, acc: Float64Array) => b.map((v, k) => Math.round((v + x[k] - acc[k] / c) * 1000) / 1000);
  const model = new NerModel({
    ...base.data,
    weights,
    trans: avg(baseTrans, tw, tu),
    start: avg(baseStart, sw, su),
    end: avg(baseEnd, ew, eu),
  });
  return { model, lastEpochErrors, weightsChanged, examples: data.length, characters };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function add(a: readonly number[], b: Float64Array): number[] {
  return a.map((v, k) => v + b[k]);
}

function residualEmissions(ex: Prepared, w: Float64Array): Float64Array {
  const emit = new Float64Array(ex.base);
  const { slots, n } = ex;
  for (let i = 0; i < n; i++) {
    const e = i * L;
    for (let f = i * F, fe = f + F; f < fe; f++) {
      const s = slots[f];
      for (let t = 0; t < L; t++) emit[e + t] += w[s + t];
    }
  }
  return emit;
}

/**
 * The reference path: the best path the masks allow that holds none of the rejected spans exactly. A path holds
 * [s, e) of type T exactly when it has B-T at s, I-T at s+1..e-1 and no I-T at e; so the best path without it is
 * the best of: no B-T at s; I-T at e; for some i in (s, e), no I-T at i. Undefined when the masks allow no path.
 */
export function reference(emit: Float64Array, n: number, tr: Transitions, allowed: Uint8Array, rejected: readonly TypedRange[]): Uint8Array | undefined {
  let masked = maskEmissions(emit, allowed, n);
  let path = viterbi(masked, n, tr);
  if (!Number.isFinite(pathScore(masked, path, tr))) return undefined;
  for (let round = 0; round < 4; round++) {
    const hit = rejected.find((r) => holds(path, r, n));
    if (!hit) return path;
    let best: Uint8Array | undefined;
    let bestScore = -Infinity;
    let bestEmit = masked;
    const B = tagOf(hit.type, 'B');
    const I = tagOf(hit.type, 'I');
    const variants: [number, (bit: number) => number][] = [[hit.start, (a) => a & ~(1 << B)]];
    if (hit.end < n) variants.push([hit.end, (a) => a & (1 << I)]);
    for (let i = hit.start + 1; i < hit.end; i++) variants.push([i, (a) => a & ~(1 << I)]);
    for (const [at, change] of variants) {
      const e = new Float64Array(masked);
      for (let t = 0; t < L; t++) if (!(change(0x7f) & (1 << t))) e[at * L + t] = -Infinity;
      const p = viterbi(e, n, tr);
      const score = pathScore(e, p, tr);
      if (score > bestScore) {
        bestScore = score;
        best = p;
        bestEmit = e;
      }
    }
    if (!best) return path; // the masks leave no other way: the annotator's tags win
    path = best;
    masked = bestEmit;
  }
  return path;
}

function holds(path: Uint8Array, r: TypedRange, n: number): boolean {
  const B = tagOf(r.type, 'B');
  const I = tagOf(r.type, 'I');
  if (path[r.start] !== B) return false;
  for (let i = r.start + 1; i < r.end; i++) if (path[i] !== I) return false;
  return r.end >= n || path[r.end] !== I;
}

function pathScore(emit: Float64Array, path: Uint8Array, tr: Transitions): number {
  const n = path.length;
  if (n === 0) return 0;
  let s = tr.start[path[0]] + emit[path[0]] + tr.end[path[n - 1]];
  for (let i = 1; i < n; i++) s += tr.trans[path[i - 1] * L + path[i]] + emit[i * L + path[i]];
  return s;
}
