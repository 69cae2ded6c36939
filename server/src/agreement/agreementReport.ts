// The agreement report over loaded annotation sets: per label and overall, exact-span F1 for each pair of annotators,
// Cohen's κ for each pair and Fleiss' κ for three or more (both on per-character labels, 'O' outside spans), and
// Krippendorff's αu on the spans (documents laid end to end as one continuum); then per document, worst first.
import { AnnotationSets, AnnotationSetsReader, ComparedDocument } from './annotationSets';
import { Confusion, FleissTable, LabelledSpan, alphaU, labelRuns, spanF1 } from './metrics';

export interface PairFigures {
  /** Indexes of the two annotators (folders). */
  a: number;
  b: number;
  f1: number;
  matched: number;
  countA: number;
  countB: number;
  /** Cohen's κ on per-character labels. */
  kappa: number;
}

export interface LabelFigures {
  label: string;
  pairs: Array<{ a: number; b: number; f1: number; matched: number; countA: number; countB: number }>;
  /** αu of this label's spans. */
  alphaU: number;
}

export interface DocumentFigures {
  id: string;
  characters: number;
  /** Mean exact-span F1 over the pairs. */
  f1: number;
  /** Mean Cohen's κ over the pairs (NaN when every character has one label for everyone). */
  kappa: number;
  alphaU: number;
  tags: number[];
}

export interface AgreementReport {
  annotators: string[];
  documents: number;
  characters: number;
  pairs: PairFigures[];
  /** Fleiss' κ on per-character labels, for three or more annotators. */
  fleissKappa?: number;
  alphaU: number;
  labels: LabelFigures[];
  byDocument: DocumentFigures[];
  problems: AnnotationSets['problems'];
}

const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);

function pairsOf(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) out.push([a, b]);
  return out;
}

/** The report over annotation sets, loaded (an array of documents) or read one document at a time. */
export function agreementReport(sets: AnnotationSets | AnnotationSetsReader): AgreementReport {
  const documents: Iterable<ComparedDocument> = 'read' in sets ? sets.documents() : sets.documents;
  const R = sets.folders.length;
  const pairs = pairsOf(R);
  const confusions = pairs.map(() => new Confusion());
  const fleiss = R >= 3 ? new FleissTable() : undefined;
  const matchedByPair = pairs.map(() => new Map<string, { matched: number; countA: number; countB: number }>());
  // one continuum for αu: documents end to end
  const continuum: LabelledSpan[][] = Array.from({ length: R }, () => []);
  let offset = 0;
  const byDocument: DocumentFigures[] = [];
  let count = 0;
  for (const doc of documents) {
    count++;
    const runs = labelRuns(doc.tags, doc.length);
    const docPairs = pairs.map(([a, b], p) => {
      const confusion = new Confusion();
      for (const run of runs) {
        confusion.add(run.labels[a], run.labels[b], run.length);
        confusions[p].add(run.labels[a], run.labels[b], run.length);
      }
      const f = spanF1(doc.tags[a], doc.tags[b]);
      for (const [label, e] of f.byLabel) {
        const acc = matchedByPair[p].get(label) ?? { matched: 0, countA: 0, countB: 0 };
        acc.matched += e.matched;
        acc.countA += e.countA;
        acc.countB += e.countB;
        matchedByPair[p].set(label, acc);
      }
      return { f1: f.overall.f1, kappa: confusion.kappa() };
    });
    if (fleiss) for (const run of runs) fleiss.addItem(run.labels, run.length);
    doc.tags.forEach((tags, r) => {
      for (const t of tags) continuum[r].push({ start: t.start + offset, end: t.end + offset, label: t.label });
    });
    offset += doc.length;
    byDocument.push({
      id: doc.id,
      characters: doc.length,
      f1: mean(docPairs.map((p) => p.f1)),
      kappa: mean(docPairs.map((p) => p.kappa)),
      alphaU: alphaU({ length: doc.length, raters: doc.tags }).alpha,
      tags: doc.tags.map((t) => t.length),
    });
  }
  const alpha = alphaU({ length: offset, raters: continuum });
  const labelNames = [...new Set(matchedByPair.flatMap((m) => [...m.keys()]))].sort();
  const labels: LabelFigures[] = labelNames.map((label) => ({
    label,
    pairs: pairs.map(([a, b], p) => {
      const e = matchedByPair[p].get(label) ?? { matched: 0, countA: 0, countB: 0 };
      return { a, b, ...e, f1: e.countA + e.countB === 0 ? 1 : (2 * e.matched) / (e.countA + e.countB) };
    }),
    alphaU: alpha.byCategory.get(label)?.alpha ?? NaN,
  }));
  const pairFigures: PairFigures[] = pairs.map(([a, b], p) => {
    const totals = { matched: 0, countA: 0, countB: 0 };
    for (const e of matchedByPair[p].values()) {
      totals.matched += e.matched;
      totals.countA += e.countA;
      totals.countB += e.countB;
    }
    const f1 = totals.countA + totals.countB === 0 ? 1 : (2 * totals.matched) / (totals.countA + totals.countB);
    return { a, b, ...totals, f1, kappa: confusions[p].kappa() };
  });
  // worst first: lowest F1, then lowest κ (NaN last), then id
  const rank = (x: number) => (Number.isNaN(x) ? Infinity : x);
  byDocument.sort((x, y) => rank(x.f1) - rank(y.f1) || rank(x.kappa) - rank(y.kappa) || (x.id < y.id ? -1 : 1));
  return {
    annotators: sets.folders,
    documents: count,
    characters: offset,
    pairs: pairFigures,
    fleissKappa: fleiss?.kappa(),
    alphaU: alpha.alpha,
    labels,
    byDocument,
    problems: sets.problems,
  };
}

export type { ComparedDocument };
