// Sorts the PER and ORG errors of a system by what went wrong with the span (rather than by the kind of name, which
// errorClasses.ts does): a gold span found too short, too long, shifted, split in pieces, with the wrong type, or
// not at all; a predicted span that overlaps no gold entity at all (spurious) or only gold spans of other types. Used by eval:ner's error analysis of
// the dev parts.
import { LabelledRange } from './scoring';

export const SPAN_ERROR_KINDS = ['too-short', 'too-long', 'shifted', 'split', 'wrong-type', 'wrong-type+boundary', 'missed', 'spurious', 'on-other-type'] as const;
export type SpanErrorKind = (typeof SPAN_ERROR_KINDS)[number];

export interface SpanError {
  kind: SpanErrorKind;
  /** The gold span (every kind but spurious) or the predicted one (spurious). */
  span: LabelledRange;
  /** Predicted spans overlapping the gold span. */
  found: LabelledRange[];
}

const overlaps = (a: LabelledRange, b: LabelledRange) => a.start < b.end && b.start < a.end;
const same = (a: LabelledRange, b: LabelledRange) => a.start === b.start && a.end === b.end;

/**
 * The errors of one sentence for the types in `types`: each gold span of those types that no prediction matches
 * exactly, by how the predictions overlapping it differ; each prediction of those types that overlaps no gold span
 * of any type (`gold` may hold other types too: a predicted ORG over a gold LOC is a type error of the LOC, not
 * spurious).
 */
export function spanErrors(gold: readonly LabelledRange[], predicted: readonly LabelledRange[], types: readonly string[]): SpanError[] {
  const out: SpanError[] = [];
  const exact = (g: LabelledRange) => predicted.some((p) => same(p, g) && p.label === g.label);
  for (const g of gold) {
    if (!types.includes(g.label) || exact(g)) continue;
    const found = predicted.filter((p) => overlaps(p, g));
    const sameType = found.filter((p) => p.label === g.label);
    let kind: SpanErrorKind;
    if (found.length === 0) kind = 'missed';
    else if (found.some((p) => same(p, g))) kind = 'wrong-type';
    else if (sameType.length >= 2) kind = 'split';
    else if (sameType.length === 1) {
      const p = sameType[0];
      if (p.start >= g.start && p.end <= g.end) kind = 'too-short';
      else if (p.start <= g.start && p.end >= g.end) kind = 'too-long';
      else kind = 'shifted';
    } else kind = 'wrong-type+boundary';
    out.push({ kind, span: g, found });
  }
  for (const p of predicted) {
    if (!types.includes(p.label)) continue;
    const over = gold.filter((g) => overlaps(p, g));
    if (over.length === 0) out.push({ kind: 'spurious', span: p, found: [p] });
    // over a gold span whose type is not looked at (a CLUENER address when only PER and ORG are): its own error
    else if (!over.some((g) => types.includes(g.label))) out.push({ kind: 'on-other-type', span: p, found: over });
  }
  return out;
}

/** Counts of span errors per gold/predicted type and kind, with a few examples each. */
export class SpanErrorCounter {
  readonly counts = new Map<string, number>();
  readonly examples = new Map<string, string[]>();

  constructor(private readonly types: readonly string[], private readonly keepExamples = 0) {}

  add(text: string, gold: readonly LabelledRange[], predicted: readonly LabelledRange[]): void {
    const cps = [...text];
    const show = (r: LabelledRange) => cps.slice(r.start, r.end).join('').replace(/\r?\n/g, '⏎');
    for (const e of spanErrors(gold, predicted, this.types)) {
      const key = `${e.span.label} ${e.kind}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      if (this.keepExamples === 0) continue;
      const list = this.examples.get(key) ?? [];
      if (list.length < this.keepExamples) {
        const from = Math.max(0, e.span.start - 8);
        const context = cps.slice(from, Math.min(cps.length, e.span.end + 8)).join('').replace(/\s+/g, ' ');
        const got = e.kind === 'spurious' ? '' : ` ${e.kind === 'on-other-type' ? 'over' : '→'} ${e.found.map((p) => `${p.label} ${show(p)}`).join(' | ') || '—'}`;
        list.push(`${show(e.span)}${got}   …${context}…`);
        this.examples.set(key, list);
      }
    }
  }

  get(label: string, kind: SpanErrorKind): number {
    return this.counts.get(`${label} ${kind}`) ?? 0;
  }
}
