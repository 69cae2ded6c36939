// One entry point for the whole analysis: document date, figures, dates and entities, merged into flat spans.
// Shared by the language server and the CLI; knows nothing of VS Code or the protocol. Sits above the recognisers
// (core/ for figures and dates, ner/ for entities): neither imports from here.
import { AnalysisOptions, AnalysisResult, Label, LabelGroup, RawSpan, SPAN_VALUE_KEYS, Span } from '../core/types';
import { ALL_GROUPS, LABEL_TABLE } from '../core/labels';
import { OffsetMap } from '../core/offsets';
import { resolveDocumentDate } from '../core/documentDate';
import { recogniseFigures } from '../core/figures';
import { recogniseDates } from '../core/dates';
import { recogniseEntities, recogniseEntityUnits, spreadEntityUnits } from '../ner/entities';

export { ALL_GROUPS };

/** A recogniser: spans with UTF-16 offsets into the text; `dct` is the document date (YYYY-MM-DD[THH:MM[:SS]]). */
type Recogniser = (text: string, dct: string | undefined) => RawSpan[];

/** The recogniser of each label group. */
const RECOGNISERS: Record<LabelGroup, Recogniser> = { figures: recogniseFigures, dates: recogniseDates, entities: recogniseEntities };

/** Priority when spans of the same length overlap (lower wins), from the label table. */
const PRIORITY = Object.fromEntries(LABEL_TABLE.map((r) => [r.label, r.priority])) as Record<Label, number>;

export function analyze(text: string, options: AnalysisOptions = {}): AnalysisResult {
  const groups = options.groups ?? ALL_GROUPS;
  const dct = resolveDocumentDate(text, options);
  const raw: RawSpan[] = [];
  for (const group of ALL_GROUPS) {
    if (!groups.includes(group)) continue;
    const spans = group === 'entities' && options.documentNames !== false ? entitiesWithDocumentNames(text) : RECOGNISERS[group](text, dct.date);
    for (const item of spans) raw.push(item);
  }
  return { dct, spans: toCodePointSpans(text, flatten(raw)) };
}

/** A whole text's entities after the document-level pass (AnalysisOptions.documentNames), the text one part. */
export function entitiesWithDocumentNames(text: string): RawSpan[] {
  return spreadEntityUnits([text], recogniseEntityUnits([text]))[0];
}

/** Keeps spans flat: on overlap the longer span wins, then the higher-priority label. O(n log n) for sparse overlaps. */
export function flatten<T extends { start: number; end: number; label: Label }>(spans: T[]): T[] {
  const byStart = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  let cluster: T[] = [];
  let clusterEnd = -1;
  const settle = () => {
    if (cluster.length === 1) out.push(cluster[0]);
    else if (cluster.length > 1) {
      const ranked = cluster.sort(
        (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.label] - PRIORITY[b.label] || a.start - b.start,
      );
      const kept: T[] = [];
      for (const s of ranked) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
      for (const item of kept.sort((a, b) => a.start - b.start)) out.push(item);
    }
    cluster = [];
  };
  for (const s of byStart) {
    if (s.start >= clusterEnd) {
      settle();
      clusterEnd = s.end;
    } else clusterEnd = Math.max(clusterEnd, s.end);
    cluster.push(s);
  }
  settle();
  return out;
}

/** Converts recogniser output (UTF-16) to the public span shape (code points, with text). */
export function toCodePointSpans(text: string, raw: RawSpan[]): Span[] {
  const map = new OffsetMap(text);
  return raw.map((r) => {
    const span: Span = {
      start: map.toCodePoint(r.start),
      end: map.toCodePoint(r.end),
      label: r.label,
      text: text.slice(r.start, r.end),
    };
    for (const key of SPAN_VALUE_KEYS) {
      if (r[key] !== undefined) (span as any)[key] = r[key];
    }
    return span;
  });
}
