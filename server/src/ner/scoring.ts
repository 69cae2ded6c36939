// Entity-level precision, recall and F1: a predicted span counts only when start, end and label all match.

export interface LabelledRange {
  start: number;
  end: number;
  label: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

/** Accumulates per-label and overall counts over many sentences. */
export class EntityScorer {
  readonly byLabel = new Map<string, Counts>();
  readonly total: Counts = { tp: 0, fp: 0, fn: 0 };

  constructor(labels: readonly string[]) {
    for (const l of labels) this.byLabel.set(l, { tp: 0, fp: 0, fn: 0 });
  }

  private counts(label: string): Counts {
    let c = this.byLabel.get(label);
    if (!c) this.byLabel.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  }

  add(gold: readonly LabelledRange[], predicted: readonly LabelledRange[]): void {
    const key = (r: LabelledRange) => `${r.start}:${r.end}:${r.label}`;
    const g = new Set(gold.map(key));
    const p = new Set(predicted.map(key));
    for (const r of predicted) {
      const hit = g.has(key(r));
      this.counts(r.label)[hit ? 'tp' : 'fp']++;
      this.total[hit ? 'tp' : 'fp']++;
    }
    for (const r of gold) {
      if (!p.has(key(r))) {
        this.counts(r.label).fn++;
        this.total.fn++;
      }
    }
  }

  report(): { label: string; scores: Scores }[] {
    return [...[...this.byLabel].map(([label, c]) => ({ label, scores: scores(c) })), { label: 'ALL', scores: scores(this.total) }];
  }
}

/** A fixed-width table of P/R/F1 rows. */
export function formatScores(title: string, rows: { label: string; scores: Scores }[]): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const lines = [title, '  type       P      R     F1     tp     fp     fn'];
  for (const { label, scores: s } of rows) {
    lines.push(`  ${label.padEnd(5)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.tp).padStart(6)} ${String(s.fp).padStart(6)} ${String(s.fn).padStart(6)}`);
  }
  return lines.join('\n');
}

/** A predicted span's confidence and whether it was exactly right. */
export interface ConfidenceOutcome {
  confidence: number;
  correct: boolean;
}

/**
 * Expected calibration error over `bins` equal-width confidence bins: the average, weighted by the share of spans
 * in each bin, of |accuracy − mean confidence|. 0 is perfectly calibrated.
 */
export function expectedCalibrationError(xs: readonly ConfidenceOutcome[], bins = 10): { ece: number; spans: number; table: { from: number; to: number; spans: number; confidence: number; accuracy: number }[] } {
  const n = new Array(bins).fill(0);
  const conf = new Array(bins).fill(0);
  const acc = new Array(bins).fill(0);
  for (const x of xs) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(x.confidence * bins)));
    n[b]++;
    conf[b] += x.confidence;
    acc[b] += x.correct ? 1 : 0;
  }
  let ece = 0;
  const table = [];
  for (let b = 0; b < bins; b++) {
    if (!n[b]) continue;
    ece += (n[b] / xs.length) * Math.abs(acc[b] / n[b] - conf[b] / n[b]);
    table.push({ from: b / bins, to: (b + 1) / bins, spans: n[b], confidence: conf[b] / n[b], accuracy: acc[b] / n[b] });
  }
  return { ece, spans: xs.length, table };
}
