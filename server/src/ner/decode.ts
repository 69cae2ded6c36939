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
function forward(emit: Float64Array, n: number, tr: Transitions, loops = false): { fwd: Float64Array; back: Uint8Array } {
  if (L === 7 && !loops) return forward7(emit, n, tr);
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
  return decodeWith(emit, n, tr, false);
}

/** decode by the loops over any tag set, without the unrolled passes for the 7 tags (to check those against). */
export function decodeByLoops(emit: Float64Array, n: number, tr: Transitions): { path: Uint8Array; margins: () => Float64Array } {
  return decodeWith(emit, n, tr, true);
}

function decodeWith(emit: Float64Array, n: number, tr: Transitions, loops: boolean): { path: Uint8Array; margins: () => Float64Array } {
  const path = new Uint8Array(n);
  if (n === 0) return { path, margins: () => new Float64Array(0) };
  const { fwd, back } = forward(emit, n, tr, loops);
  bestPath(fwd, back, n, tr, path);
  return { path, margins: () => marginsFrom(emit, n, tr, fwd, path, loops) };
}

function marginsFrom(emit: Float64Array, n: number, tr: Transitions, fwd: Float64Array, path: Uint8Array, loops = false): Float64Array {
  if (L === 7 && !loops) return marginsFrom7(emit, n, tr, fwd, path);
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
  return maxMarginals(fwd, bwd, path, out);
}

/** Per position: how much the best path beats the best path with another tag there (Infinity when none is legal). */
function maxMarginals(fwd: Float64Array, bwd: Float64Array, path: Uint8Array, out: Float64Array): Float64Array {
  for (let i = 0, o = 0; i < path.length; i++, o += L) {
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

// The same two passes for the 7 BIO tags of PER / LOC / ORG (tags.ts), unrolled: the legal moves are written out and
// the previous position's scores kept in locals. Same operations in the same order as the loops above, so the same
// paths, ties and margins to the last bit, in about half the time (test/unit/nerDecode.test.ts compares them).
// Tags: 0 O, 1 B-PER, 2 I-PER, 3 B-LOC, 4 I-LOC, 5 B-ORG, 6 I-ORG; tPQ is the score of moving from tag P to tag Q.

function forward7(emit: Float64Array, n: number, tr: Transitions): { fwd: Float64Array; back: Uint8Array } {
  const fwd = new Float64Array(n * 7);
  const back = new Uint8Array(n * 7);
  const t = tr.trans;
  const t00 = t[0], t01 = t[1], t03 = t[3], t05 = t[5];
  const t10 = t[7], t11 = t[8], t12 = t[9], t13 = t[10], t15 = t[12];
  const t20 = t[14], t21 = t[15], t22 = t[16], t23 = t[17], t25 = t[19];
  const t30 = t[21], t31 = t[22], t33 = t[24], t34 = t[25], t35 = t[26];
  const t40 = t[28], t41 = t[29], t43 = t[31], t44 = t[32], t45 = t[33];
  const t50 = t[35], t51 = t[36], t53 = t[38], t55 = t[40], t56 = t[41];
  const t60 = t[42], t61 = t[43], t63 = t[45], t65 = t[47], t66 = t[48];
  for (let q = 0; q < 7; q++) fwd[q] = tr.start[q] + emit[q];
  let f0 = fwd[0], f1 = fwd[1], f2 = fwd[2], f3 = fwd[3], f4 = fwd[4], f5 = fwd[5], f6 = fwd[6];
  let best: number, v: number, arg: number;
  for (let co = 7; co < n * 7; co += 7) {
    // O
    best = -Infinity;
    arg = 0;
    if ((v = f0 + t00) > best) (best = v), (arg = 0);
    if ((v = f1 + t10) > best) (best = v), (arg = 1);
    if ((v = f2 + t20) > best) (best = v), (arg = 2);
    if ((v = f3 + t30) > best) (best = v), (arg = 3);
    if ((v = f4 + t40) > best) (best = v), (arg = 4);
    if ((v = f5 + t50) > best) (best = v), (arg = 5);
    if ((v = f6 + t60) > best) (best = v), (arg = 6);
    const g0 = best + emit[co];
    back[co] = arg;
    // B-PER
    best = -Infinity;
    arg = 0;
    if ((v = f0 + t01) > best) (best = v), (arg = 0);
    if ((v = f1 + t11) > best) (best = v), (arg = 1);
    if ((v = f2 + t21) > best) (best = v), (arg = 2);
    if ((v = f3 + t31) > best) (best = v), (arg = 3);
    if ((v = f4 + t41) > best) (best = v), (arg = 4);
    if ((v = f5 + t51) > best) (best = v), (arg = 5);
    if ((v = f6 + t61) > best) (best = v), (arg = 6);
    const g1 = best + emit[co + 1];
    back[co + 1] = arg;
    // I-PER
    best = -Infinity;
    arg = 0;
    if ((v = f1 + t12) > best) (best = v), (arg = 1);
    if ((v = f2 + t22) > best) (best = v), (arg = 2);
    const g2 = best + emit[co + 2];
    back[co + 2] = arg;
    // B-LOC
    best = -Infinity;
    arg = 0;
    if ((v = f0 + t03) > best) (best = v), (arg = 0);
    if ((v = f1 + t13) > best) (best = v), (arg = 1);
    if ((v = f2 + t23) > best) (best = v), (arg = 2);
    if ((v = f3 + t33) > best) (best = v), (arg = 3);
    if ((v = f4 + t43) > best) (best = v), (arg = 4);
    if ((v = f5 + t53) > best) (best = v), (arg = 5);
    if ((v = f6 + t63) > best) (best = v), (arg = 6);
    const g3 = best + emit[co + 3];
    back[co + 3] = arg;
    // I-LOC
    best = -Infinity;
    arg = 0;
    if ((v = f3 + t34) > best) (best = v), (arg = 3);
    if ((v = f4 + t44) > best) (best = v), (arg = 4);
    const g4 = best + emit[co + 4];
    back[co + 4] = arg;
    // B-ORG
    best = -Infinity;
    arg = 0;
    if ((v = f0 + t05) > best) (best = v), (arg = 0);
    if ((v = f1 + t15) > best) (best = v), (arg = 1);
    if ((v = f2 + t25) > best) (best = v), (arg = 2);
    if ((v = f3 + t35) > best) (best = v), (arg = 3);
    if ((v = f4 + t45) > best) (best = v), (arg = 4);
    if ((v = f5 + t55) > best) (best = v), (arg = 5);
    if ((v = f6 + t65) > best) (best = v), (arg = 6);
    const g5 = best + emit[co + 5];
    back[co + 5] = arg;
    // I-ORG
    best = -Infinity;
    arg = 0;
    if ((v = f5 + t56) > best) (best = v), (arg = 5);
    if ((v = f6 + t66) > best) (best = v), (arg = 6);
    const g6 = best + emit[co + 6];
    back[co + 6] = arg;
    fwd[co] = f0 = g0;
    fwd[co + 1] = f1 = g1;
    fwd[co + 2] = f2 = g2;
    fwd[co + 3] = f3 = g3;
    fwd[co + 4] = f4 = g4;
    fwd[co + 5] = f5 = g5;
    fwd[co + 6] = f6 = g6;
  }
  return { fwd, back };
}

function marginsFrom7(emit: Float64Array, n: number, tr: Transitions, fwd: Float64Array, path: Uint8Array): Float64Array {
  const out = new Float64Array(n);
  const bwd = new Float64Array(n * 7);
  const t = tr.trans;
  const t00 = t[0], t01 = t[1], t03 = t[3], t05 = t[5];
  const t10 = t[7], t11 = t[8], t12 = t[9], t13 = t[10], t15 = t[12];
  const t20 = t[14], t21 = t[15], t22 = t[16], t23 = t[17], t25 = t[19];
  const t30 = t[21], t31 = t[22], t33 = t[24], t34 = t[25], t35 = t[26];
  const t40 = t[28], t41 = t[29], t43 = t[31], t44 = t[32], t45 = t[33];
  const t50 = t[35], t51 = t[36], t53 = t[38], t55 = t[40], t56 = t[41];
  const t60 = t[42], t61 = t[43], t63 = t[45], t65 = t[47], t66 = t[48];
  const last = (n - 1) * 7;
  for (let q = 0; q < 7; q++) bwd[last + q] = tr.end[q];
  let b0 = bwd[last], b1 = bwd[last + 1], b2 = bwd[last + 2], b3 = bwd[last + 3], b4 = bwd[last + 4], b5 = bwd[last + 5], b6 = bwd[last + 6];
  let best: number, v: number;
  for (let no = last; no > 0; no -= 7) {
    const e0 = emit[no], e1 = emit[no + 1], e2 = emit[no + 2], e3 = emit[no + 3], e4 = emit[no + 4], e5 = emit[no + 5], e6 = emit[no + 6];
    // from O
    best = -Infinity;
    if ((v = t00 + e0 + b0) > best) best = v;
    if ((v = t01 + e1 + b1) > best) best = v;
    if ((v = t03 + e3 + b3) > best) best = v;
    if ((v = t05 + e5 + b5) > best) best = v;
    const c0 = best;
    // from B-PER
    best = -Infinity;
    if ((v = t10 + e0 + b0) > best) best = v;
    if ((v = t11 + e1 + b1) > best) best = v;
    if ((v = t12 + e2 + b2) > best) best = v;
    if ((v = t13 + e3 + b3) > best) best = v;
    if ((v = t15 + e5 + b5) > best) best = v;
    const c1 = best;
    // from I-PER
    best = -Infinity;
    if ((v = t20 + e0 + b0) > best) best = v;
    if ((v = t21 + e1 + b1) > best) best = v;
    if ((v = t22 + e2 + b2) > best) best = v;
    if ((v = t23 + e3 + b3) > best) best = v;
    if ((v = t25 + e5 + b5) > best) best = v;
    const c2 = best;
    // from B-LOC
    best = -Infinity;
    if ((v = t30 + e0 + b0) > best) best = v;
    if ((v = t31 + e1 + b1) > best) best = v;
    if ((v = t33 + e3 + b3) > best) best = v;
    if ((v = t34 + e4 + b4) > best) best = v;
    if ((v = t35 + e5 + b5) > best) best = v;
    const c3 = best;
    // from I-LOC
    best = -Infinity;
    if ((v = t40 + e0 + b0) > best) best = v;
    if ((v = t41 + e1 + b1) > best) best = v;
    if ((v = t43 + e3 + b3) > best) best = v;
    if ((v = t44 + e4 + b4) > best) best = v;
    if ((v = t45 + e5 + b5) > best) best = v;
    const c4 = best;
    // from B-ORG
    best = -Infinity;
    if ((v = t50 + e0 + b0) > best) best = v;
    if ((v = t51 + e1 + b1) > best) best = v;
    if ((v = t53 + e3 + b3) > best) best = v;
    if ((v = t55 + e5 + b5) > best) best = v;
    if ((v = t56 + e6 + b6) > best) best = v;
    const c5 = best;
    // from I-ORG
    best = -Infinity;
    if ((v = t60 + e0 + b0) > best) best = v;
    if ((v = t61 + e1 + b1) > best) best = v;
    if ((v = t63 + e3 + b3) > best) best = v;
    if ((v = t65 + e5 + b5) > best) best = v;
    if ((v = t66 + e6 + b6) > best) best = v;
    const c6 = best;
    const po = no - 7;
    bwd[po] = b0 = c0;
    bwd[po + 1] = b1 = c1;
    bwd[po + 2] = b2 = c2;
    bwd[po + 3] = b3 = c3;
    bwd[po + 4] = b4 = c4;
    bwd[po + 5] = b5 = c5;
    bwd[po + 6] = b6 = c6;
  }
  return maxMarginals(fwd, bwd, path, out);
}
