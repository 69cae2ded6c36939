// Constrained Viterbi decoding over BIOES tags, and max-marginals (the best score of any path through each tag at
// each position) from which a span's confidence is derived. Only legal transitions are visited.
import { TAG_COUNT, allowedEnd, allowedStart, allowedTransition } from './tags';

const L = TAG_COUNT;

/** Transition scores with illegal BIOES moves set to -Infinity, and the legal predecessors of each tag. */
export interface Transitions {
  /** [prev * L + next] */
  trans: Float64Array;
  start: Float64Array;
  end: Float64Array;
  /** For tag q: legal previous tags prev[prevStart[q] .. prevStart[q + 1]). */
  prev: Uint8Array;
  prevStart: Uint8Array;
  /** For tag p: legal next tags next[nextStart[p] .. nextStart[p + 1]). */
  next: Uint8Array;
  nextStart: Uint8Array;
}

/** Adds the BIOES constraints to learned transition scores. */
export function constrain(trans: ArrayLike<number>, start: ArrayLike<number>, end: ArrayLike<number>): Transitions {
  const t = new Float64Array(L * L);
  const s = new Float64Array(L);
  const e = new Float64Array(L);
  const prev: number[] = [];
  const prevStart = [0];
  const next: number[] = [];
  const nextStart = [0];
  for (let p = 0; p < L; p++) {
    s[p] = allowedStart(p) ? start[p] : -Infinity;
    e[p] = allowedEnd(p) ? end[p] : -Infinity;
    for (let q = 0; q < L; q++) t[p * L + q] = allowedTransition(p, q) ? trans[p * L + q] : -Infinity;
  }
  for (let q = 0; q < L; q++) {
    for (let p = 0; p < L; p++) if (allowedTransition(p, q)) prev.push(p);
    prevStart.push(prev.length);
    for (let r = 0; r < L; r++) if (allowedTransition(q, r)) next.push(r);
    nextStart.push(next.length);
  }
  return { trans: t, start: s, end: e, prev: Uint8Array.from(prev), prevStart: Uint8Array.from(prevStart), next: Uint8Array.from(next), nextStart: Uint8Array.from(nextStart) };
}

/** Forward max scores fwd[i * L + q] (best prefix ending in q at i, emission included) and back-pointers. */
function forward(emit: Float64Array, n: number, tr: Transitions): { fwd: Float64Array; back: Uint8Array } {
  const fwd = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  const { trans, prev, prevStart } = tr;
  for (let q = 0; q < L; q++) fwd[q] = tr.start[q] + emit[q];
  for (let i = 1; i < n; i++) {
    const po = (i - 1) * L;
    const co = i * L;
    for (let q = 0; q < L; q++) {
      let best = -Infinity;
      let arg = 0;
      for (let k = prevStart[q], ke = prevStart[q + 1]; k < ke; k++) {
        const p = prev[k];
        const v = fwd[po + p] + trans[p * L + q];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      fwd[co + q] = best + emit[co + q];
      back[co + q] = arg;
    }
  }
  return { fwd, back };
}

function bestPath(fwd: Float64Array, back: Uint8Array, n: number, tr: Transitions, out: Uint8Array): Uint8Array {
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * L;
  for (let q = 0; q < L; q++) {
    const v = fwd[last + q] + tr.end[q];
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

/** The best tag sequence for n positions of emission scores emit[i * L + tag]. */
export function viterbi(emit: Float64Array, n: number, tr: Transitions, out = new Uint8Array(n)): Uint8Array {
  if (n === 0) return out;
  const { fwd, back } = forward(emit, n, tr);
  return bestPath(fwd, back, n, tr, out);
}

/**
 * The best path, and for each position how much better it is than the best path with a different tag there
 * (max-marginal margin; >= 0, 0 on ties). Large margins mean the decision at that character is clear.
 */
export function decodeWithMargins(emit: Float64Array, n: number, tr: Transitions): { path: Uint8Array; margins: Float64Array } {
  const d = decode(emit, n, tr);
  return { path: d.path, margins: d.margins() };
}

/** The best path now, the margins on demand (they cost a backward pass, skipped for sentences without entities). */
export function decode(emit: Float64Array, n: number, tr: Transitions): { path: Uint8Array; margins: () => Float64Array } {
  const path = new Uint8Array(n);
  if (n === 0) return { path, margins: () => new Float64Array(0) };
  const { fwd, back } = forward(emit, n, tr);
  bestPath(fwd, back, n, tr, path);
  return { path, margins: () => marginsFrom(emit, n, tr, fwd, path) };
}

function marginsFrom(emit: Float64Array, n: number, tr: Transitions, fwd: Float64Array, path: Uint8Array): Float64Array {
  const out = new Float64Array(n);
  const bwd = new Float64Array(n * L);
  const { trans, next, nextStart } = tr;
  for (let q = 0; q < L; q++) bwd[(n - 1) * L + q] = tr.end[q];
  for (let i = n - 2; i >= 0; i--) {
    const no = (i + 1) * L;
    for (let p = 0; p < L; p++) {
      let best = -Infinity;
      for (let k = nextStart[p], ke = nextStart[p + 1]; k < ke; k++) {
        const q = next[k];
        const v = trans[p * L + q] + emit[no + q] + bwd[no + q];
        if (v > best) best = v;
      }
      bwd[i * L + p] = best;
    }
  }
  for (let i = 0; i < n; i++) {
    const o = i * L;
    const chosen = fwd[o + path[i]] + bwd[o + path[i]];
    let other = -Infinity;
    for (let q = 0; q < L; q++) {
      if (q === path[i]) continue;
      const v = fwd[o + q] + bwd[o + q];
      if (v > other) other = v;
    }
    out[i] = other === -Infinity ? Infinity : Math.max(0, chosen - other);
  }
  return out;
}
