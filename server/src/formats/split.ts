// Train/dev/test splits by document: the document ids are sorted, shuffled with a seeded PRNG (mulberry32) and cut
// at the ratios (largest-remainder rounding), so the same seed and the same corpus always give the same split.

export const ALL = 'all';
export const SPLIT_NAMES = ['train', 'dev', 'test'] as const;

export interface SplitOptions {
  /** Ratios for train, dev, test (any non-negative numbers; normalised to their sum). */
  ratios: readonly number[];
  seed: number;
}

/** Deterministic 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parses "0.8,0.1,0.1" (or "80,10,10"); throws with a clear message on anything else. */
export function parseRatios(s: string): number[] {
  const parts = s.split(',').map((x) => x.trim());
  const nums = parts.map(Number);
  if (parts.length < 2 || parts.length > 3 || nums.some((n, i) => parts[i] === '' || !Number.isFinite(n) || n < 0)) {
    throw new Error(`--split expects two or three non-negative numbers separated by commas (train,dev[,test]), got "${s}"`);
  }
  if (nums.reduce((a, b) => a + b, 0) <= 0) throw new Error(`--split ratios must not all be zero ("${s}")`);
  return nums;
}

/** Document counts per split for n documents (largest remainder; they sum to n). */
export function splitCounts(n: number, ratios: readonly number[]): number[] {
  const sum = ratios.reduce((a, b) => a + b, 0);
  const exact = ratios.map((r) => (n * r) / sum);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

/** Which split each document id goes to. */
export function assignSplits(ids: readonly string[], options: SplitOptions): Map<string, string> {
  const sorted = [...ids].sort();
  const rand = mulberry32(options.seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j], sorted[i]];
  }
  const counts = splitCounts(sorted.length, options.ratios);
  const out = new Map<string, string>();
  let k = 0;
  counts.forEach((c, s) => {
    for (let i = 0; i < c; i++) out.set(sorted[k++], SPLIT_NAMES[s]);
  });
  return out;
}
