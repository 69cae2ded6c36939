// Constrained Viterbi decoding over BIOES tags, and max-marginals (the best score of any path through each tag at
// each position) from which a span's confidence is derived.
import { TAG_COUNT, allowedEnd, allowedStart, allowedTransition } from './tags';

const L = TAG_COUNT;

/** Transition scores with illegal BIOES moves set to -Infinity. */
export interface Transitions {
  /** [prev * L + next] */
  trans: Float64Array;
  start: Float64Array;
  end: Float64Array;
}

/** Adds the BIOES constraints to learned transition scores. */
export function constrain(trans: ArrayLike<number>, start: ArrayLike<number>, end: ArrayLike<number>): Transitions {
  const t = new Float64Array(L * L);
  const s = new Float64Array(L);
  const e = new Float64Array(L);
  for (let p = 0; p < L; p++) {
    s[p] = allowedStart(p) ? start[p] : -Infinity;
    e[p] = allowedEnd(p) ? end[p] : -Infinity;
    for (let q = 0; q < L; q++) t[p * L + q] = allowedTransition(p, q) ? trans[p * L + q] : -Infinity;
  }
  return { trans: t, start: s, end: e };
}

/** The best tag sequence for n positions of emission scores emit[i * L + tag]. */
export function viterbi(emit: Float64Array, n: number, tr: Transitions, out = new Uint8Array(n)): Uint8Array {
  if (n === 0) return out;
  const score = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let q = 0; q < L; q++) score[q] = tr.start[q] + emit[q];
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    for (let q = 0; q < L; q++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const v = score[prev + p] + tr.trans[p * L + q];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[cur + q] = best + emit[cur + q];
      back[cur + q] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * L;
  for (let q = 0; q < L; q++) {
    const v = score[last + q] + tr.end[q];
    if (v > best) {
      best = v;
      arg = q;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg];
  }
  return out;
}

/**
 * For each position, how much better the best path is than the best path with a different tag there
 * (max-marginal margin; >= 0, 0 on ties). Large margins mean the decision at that character is clear.
 */
export function margins(emit: Float64Array, n: number, tr: Transitions, path: ArrayLike<number>): Float64Array {
  const out = new Float64Array(n);
  if (n === 0) return out;
  const fwd = new Float64Array(n * L);
  const bwd = new Float64Array(n * L);
  for (let q = 0; q < L; q++) fwd[q] = tr.start[q] + emit[q];
  for (let i = 1; i < n; i++) {
    for (let q = 0; q < L; q++) {
      let best = -Infinity;
      for (let p = 0; p < L; p++) {
        const v = fwd[(i - 1) * L + p] + tr.trans[p * L + q];
        if (v > best) best = v;
      }
      fwd[i * L + q] = best + emit[i * L + q];
    }
  }
  for (let q = 0; q < L; q++) bwd[(n - 1) * L + q] = tr.end[q];
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < L; p++) {
      let best = -Infinity;
      for (let q = 0; q < L; q++) {
        const v = tr.trans[p * L + q] + emit[(i + 1) * L + q] + bwd[(i + 1) * L + q];
        if (v > best) best = v;
      }
      bwd[i * L + p] = best;
    }
  }
  for (let i = 0; i < n; i++) {
    const chosen = fwd[i * L + path[i]] + bwd[i * L + path[i]];
    let other = -Infinity;
    for (let q = 0; q < L; q++) {
      if (q === path[i]) continue;
      const v = fwd[i * L + q] + bwd[i * L + q];
      if (v > other) other = v;
    }
    out[i] = other === -Infinity ? Infinity : Math.max(0, chosen - other);
  }
  return out;
}
