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
