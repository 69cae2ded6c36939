// Inter-annotator agreement measures over span annotations: exact-span F1, Cohen's κ and Fleiss' κ on per-character
// labels, and Krippendorff's unitizing alpha (αu) on the spans themselves. Pure functions, no I/O.
//
// References (the unit tests check each against a published worked example):
//   Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement 20.
//   Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin 76(5).
//   Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology 25: 47–76.
//   Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed., ch. 11 (αu).

/** A span of one annotator: [start, end) in code points, with its label. */
export interface LabelledSpan {
  start: number;
  end: number;
  label: string;
}

export interface SpanF1 {
  /** Spans with the same start, end and label in both sets. */
  matched: number;
  /** Spans in the first set, in the second set. */
  countA: number;
  countB: number;
  /** Harmonic mean of precision and recall taking either set as the reference (symmetric): 2m / (|A| + |B|). */
  f1: number;
}

const key = (s: LabelledSpan) => `${s.start}\u0000${s.end}\u0000${s.label}`;

/** Exact-span agreement of two annotators, overall and per label (a label neither used is absent). */
export function spanF1(a: readonly LabelledSpan[], b: readonly LabelledSpan[]): { overall: SpanF1; byLabel: Map<string, SpanF1> } {
  const byLabel = new Map<string, SpanF1>();
  const entry = (label: string) => {
    let e = byLabel.get(label);
    if (!e) byLabel.set(label, (e = { matched: 0, countA: 0, countB: 0, f1: NaN }));
    return e;
  };
  const inB = new Map<string, number>();
  for (const s of b) {
    inB.set(key(s), (inB.get(key(s)) ?? 0) + 1);
    entry(s.label).countB++;
  }
  for (const s of a) {
    const e = entry(s.label);
    e.countA++;
    const left = inB.get(key(s)) ?? 0;
    if (left > 0) {
      e.matched++;
      inB.set(key(s), left - 1);
    }
  }
  const overall: SpanF1 = { matched: 0, countA: 0, countB: 0, f1: NaN };
  for (const e of byLabel.values()) {
    e.f1 = f1Of(e);
    overall.matched += e.matched;
    overall.countA += e.countA;
    overall.countB += e.countB;
  }
  overall.f1 = f1Of(overall);
  return { overall, byLabel };
}

/** 2m / (|A| + |B|); 1 when both are empty (nothing to disagree on). */
function f1Of(e: { matched: number; countA: number; countB: number }): number {
  return e.countA + e.countB === 0 ? 1 : (2 * e.matched) / (e.countA + e.countB);
}

/**
 * Counts for Cohen's κ: a square table of how often annotator A gave category i where B gave category j.
 * Add items with `add`, or whole label sequences with `addSequences`.
 */
export class Confusion {
  private readonly index = new Map<string, number>();
  private cells = new Map<number, number>();
  total = 0;

  private id(category: string): number {
    let i = this.index.get(category);
    if (i === undefined) this.index.set(category, (i = this.index.size));
    return i;
  }

  add(categoryA: string, categoryB: string, count = 1): void {
    if (count <= 0) return;
    const cell = this.id(categoryA) * 65536 + this.id(categoryB);
    this.cells.set(cell, (this.cells.get(cell) ?? 0) + count);
    this.total += count;
  }

  /** Cohen's κ = (p_o − p_e) / (1 − p_e); NaN with no items; 1 when both annotators used one same category only. */
  kappa(): number {
    if (this.total === 0) return NaN;
    const n = this.index.size;
    const rowA = new Array<number>(n).fill(0);
    const colB = new Array<number>(n).fill(0);
    let agree = 0;
    for (const [cell, count] of this.cells) {
      const i = Math.floor(cell / 65536);
      const j = cell % 65536;
      rowA[i] += count;
      colB[j] += count;
      if (i === j) agree += count;
    }
    const po = agree / this.total;
    let pe = 0;
    for (let k = 0; k < n; k++) pe += (rowA[k] / this.total) * (colB[k] / this.total);
    if (pe === 1) return po === 1 ? 1 : NaN;
    return (po - pe) / (1 - pe);
  }
}

/**
 * Fleiss' κ from a table of items × categories, each cell the number of raters who put that item in that category;
 * every item must have the same number of raters (at least 2).
 */
export class FleissTable {
  private readonly index = new Map<string, number>();
  private categoryTotals: number[] = [];
  private sumPi = 0;
  items = 0;
  private raters = 0;

  /** Adds `times` identical items whose ratings are `categories` (one category per rater). */
  addItem(categories: readonly string[], times = 1): void {
    if (times <= 0) return;
    if (this.raters === 0) this.raters = categories.length;
    if (categories.length !== this.raters) throw new Error(`every item needs ${this.raters} ratings, got ${categories.length}`);
    const counts = new Map<number, number>();
    for (const c of categories) {
      let i = this.index.get(c);
      if (i === undefined) {
        this.index.set(c, (i = this.index.size));
        this.categoryTotals.push(0);
      }
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    this.addCounts(counts, times);
  }

  /** Adds one item given as counts per category (a row of Fleiss' table). */
  addRow(row: readonly number[]): void {
    const n = row.reduce((s, x) => s + x, 0);
    if (this.raters === 0) this.raters = n;
    if (n !== this.raters) throw new Error(`every item needs ${this.raters} ratings, got ${n}`);
    const counts = new Map<number, number>();
    row.forEach((x, k) => {
      const name = `#${k}`;
      let i = this.index.get(name);
      if (i === undefined) {
        this.index.set(name, (i = this.index.size));
        this.categoryTotals.push(0);
      }
      if (x > 0) counts.set(i, x);
    });
    this.addCounts(counts, 1);
  }

  private addCounts(counts: Map<number, number>, times: number): void {
    const n = this.raters;
    let agreeingPairs = 0;
    for (const [i, c] of counts) {
      this.categoryTotals[i] += c * times;
      agreeingPairs += c * (c - 1);
    }
    this.sumPi += (agreeingPairs / (n * (n - 1))) * times;
    this.items += times;
  }

  kappa(): number {
    if (this.items === 0 || this.raters < 2) return NaN;
    const pBar = this.sumPi / this.items;
    const all = this.items * this.raters;
    const peBar = this.categoryTotals.reduce((s, t) => s + (t / all) ** 2, 0);
    if (peBar === 1) return pBar === 1 ? 1 : NaN;
    return (pBar - peBar) / (1 - peBar);
  }
}

/** A unitizing study: R annotators' units of one or more categories on one continuum [0, length). */
export interface UnitizingStudy {
  length: number;
  /** Per annotator, their units. Units of one category by one annotator must not overlap (flat spans). */
  raters: readonly (readonly LabelledSpan[])[];
}

interface Segment {
  start: number;
  end: number;
  unit: boolean;
}

/** One annotator's units of `category`, sorted, cut into units and the gaps between them covering [0, length). */
function segmentsOf(units: readonly LabelledSpan[], category: string, length: number): Segment[] {
  const mine = units.filter((u) => u.label === category).sort((x, y) => x.start - y.start || y.end - x.end);
  const out: Segment[] = [];
  let pos = 0;
  for (const u of mine) {
    if (u.start < pos) continue; // overlapping unit of the same category: the first (longest) one counts
    if (u.start > pos) out.push({ start: pos, end: u.start, unit: false });
    out.push({ start: u.start, end: u.end, unit: true });
    pos = u.end;
  }
  if (pos < length) out.push({ start: pos, end: length, unit: false });
  return out;
}

/** Krippendorff's (1995) distance between two overlapping segments of two annotators. */
function distance(x: Segment, y: Segment): number {
  if (x.unit && y.unit) return (x.start - y.start) ** 2 + (x.end - y.end) ** 2;
  if (x.unit && !y.unit && y.start <= x.start && x.end <= y.end) return (x.end - x.start) ** 2;
  if (!x.unit && y.unit && x.start <= y.start && y.end <= x.end) return (y.end - y.start) ** 2;
  return 0;
}

export interface AlphaU {
  /** αu = 1 − D_o / D_e (categories averaged as in Krippendorff 1995); NaN when no unit was coded at all. */
  alpha: number;
  observed: number;
  expected: number;
  byCategory: Map<string, { alpha: number; observed: number; expected: number }>;
}

/** Observed disagreement of one category: the squared distances of all pairs of overlapping segments. */
export function observedDisagreement(study: UnitizingStudy, category: string): number {
  const R = study.raters.length;
  const L = study.length;
  const segs = study.raters.map((units) => segmentsOf(units, category, L));
  let sum = 0;
  for (let r1 = 0; r1 < R; r1++) {
    for (let r2 = r1 + 1; r2 < R; r2++) {
      const a = segs[r1];
      const b = segs[r2];
      let i = 0;
      let j = 0;
      while (i < a.length && j < b.length) {
        if (a[i].start < b[j].end && b[j].start < a[i].end) sum += distance(a[i], b[j]);
        if (a[i].end <= b[j].end) i++;
        else j++;
      }
    }
  }
  return (2 * sum) / (R * (R - 1) * L * L);
}

/** Expected disagreement of one category: over all ways the coded units could lie on the continuum. */
export function expectedDisagreement(study: UnitizingStudy, category: string): number {
  const R = study.raters.length;
  const L = study.length;
  const units: number[] = [];
  const gaps: number[] = [];
  for (const rater of study.raters) {
    for (const s of segmentsOf(rater, category, L)) (s.unit ? units : gaps).push(s.end - s.start);
  }
  const N = units.length;
  // Σ over gaps g ≥ l of (g − l + 1), for every unit length l: sorted gaps and suffix sums, O((N + G) log G).
  gaps.sort((x, y) => x - y);
  const suffix = new Array<number>(gaps.length + 1).fill(0);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + gaps[k];
  const firstAtLeast = (l: number) => {
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid] < l) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let squaredLengths = 0;
  let sum = 0;
  for (const l of units) {
    squaredLengths += l * (l - 1);
    const k = firstAtLeast(l);
    const fitting = gaps.length - k;
    const placements = suffix[k] - (l - 1) * fitting;
    sum += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * placements;
  }
  return ((2 / L) * sum) / (R * L * (R * L - 1) - squaredLengths);
}

/** Krippendorff's αu for a study, per category and overall. */
export function alphaU(study: UnitizingStudy): AlphaU {
  const categories = [...new Set(study.raters.flatMap((units) => units.map((u) => u.label)))].sort();
  const byCategory = new Map<string, { alpha: number; observed: number; expected: number }>();
  let observed = 0;
  let expected = 0;
  for (const c of categories) {
    const o = observedDisagreement(study, c);
    const e = expectedDisagreement(study, c);
    byCategory.set(c, { observed: o, expected: e, alpha: o === e ? 0 : 1 - o / e });
    observed += o;
    expected += e;
  }
  if (categories.length === 0 || study.length === 0 || study.raters.length < 2) {
    return { alpha: NaN, observed: NaN, expected: NaN, byCategory };
  }
  observed /= categories.length;
  expected /= categories.length;
  return { alpha: observed === expected ? 0 : 1 - observed / expected, observed, expected, byCategory };
}

/**
 * The per-character categories of several annotators over [0, length), as runs: between two consecutive span
 * boundaries every annotator's category is constant, so a run of `length` characters stands for that many items
 * (O(number of spans) instead of O(characters)). A character outside every span of an annotator is 'O'; where an
 * annotator's own spans overlap (the gold standard is flat, but brat allows it), the span starting first (then the
 * longer) wins.
 */
export function labelRuns(raters: readonly (readonly LabelledSpan[])[], length: number): Array<{ length: number; labels: string[] }> {
  // Each annotator's spans made disjoint.
  const flat = raters.map((spans) => {
    const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
    const out: LabelledSpan[] = [];
    let covered = 0;
    for (const s of sorted) {
      const start = Math.max(s.start, covered);
      const end = Math.min(s.end, length);
      if (start < end) out.push({ start, end, label: s.label });
      covered = Math.max(covered, s.end);
    }
    return out;
  });
  const cuts = new Set<number>([0, length]);
  for (const spans of flat) for (const s of spans) cuts.add(s.start).add(s.end);
  const points = [...cuts].filter((p) => p >= 0 && p <= length).sort((x, y) => x - y);
  const next = raters.map(() => 0);
  const runs: Array<{ length: number; labels: string[] }> = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k];
    const labels = flat.map((spans, r) => {
      while (next[r] < spans.length && spans[next[r]].end <= from) next[r]++;
      const s = spans[next[r]];
      return s && s.start <= from ? s.label : 'O';
    });
    runs.push({ length: points[k + 1] - from, labels });
  }
  return runs;
}
