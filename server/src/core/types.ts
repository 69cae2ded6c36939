// The label set and span shape shared by every recogniser, the store, the exports, the CLI and the server.
// See ../shared/ANNOTATION-GUIDELINES.md (conventions) and README.md (project-specific choices).
// The labels and their groups are rows of the label table (core/labels.ts); the lists here are derived from it.
import { ALL_GROUPS, ALL_LABELS, Label, LabelGroup, LabelsOf, labelsOf } from './labels';

export { ALL_GROUPS, ALL_LABELS };
export type { Label, LabelGroup };

export type FigureLabel = LabelsOf<'figures'>;
export type DateLabel = LabelsOf<'dates'>;
export type EntityLabel = LabelsOf<'entities'>;

export const FIGURE_LABELS: readonly FigureLabel[] = labelsOf('figures');
export const DATE_LABELS: readonly DateLabel[] = labelsOf('dates');
export const ENTITY_LABELS: readonly EntityLabel[] = labelsOf('entities');

/** The labels of each recogniser group. */
export const LABEL_GROUPS: Record<LabelGroup, readonly Label[]> = Object.fromEntries(
  ALL_GROUPS.map((g) => [g, labelsOf(g)]),
) as Record<LabelGroup, readonly Label[]>;

/** Modifiers, as in the guidelines (TIMEX3 MOD values plus our figure modifiers). */
export type Mod =
  | 'approx'
  | 'more_than'
  | 'less_than'
  | 'equal_or_more'
  | 'equal_or_less'
  | 'since_start'
  | 'start'
  | 'mid'
  | 'end'
  // Dates with a postposed 以前/之前 (before), 以后/之后 (after), 或之前/及以前 (on_or_before), 或之后/及以后 (on_or_after).
  | 'before'
  | 'after'
  | 'on_or_before'
  | 'on_or_after';

/**
 * A recognised or stored span. Offsets are Unicode code points into the text, end exclusive,
 * and `text === [...content].slice(start, end).join('')`.
 */
export interface Span {
  start: number;
  end: number;
  label: Label;
  text: string;
  /** Figures: the normalised number (MONEY in the currency's base unit, PERCENT as a fraction). */
  value?: number;
  /** Ranges (3至5年, 20%—30%): the upper bound; `value` holds the lower one. */
  valueMax?: number;
  /** Figures: ISO 4217 code for MONEY, "pp" for percentage points, the unit as written otherwise. */
  unit?: string;
  mod?: Mod;
  /** Dates and times: the TIMEX3 value. */
  timex?: string;
  /** Machine confidence in [0, 1] (entities). */
  confidence?: number;
}

/** A span as recognisers produce it: UTF-16 offsets into the text (analyze() converts them to code points). */
export type RawSpan = Omit<Span, 'start' | 'end' | 'text'> & { start: number; end: number };

/** The normalised-value fields of a Span (all but offsets, label and text), in the order they are written. */
export const SPAN_VALUE_KEYS = ['value', 'valueMax', 'unit', 'mod', 'timex', 'confidence'] as const;
export type SpanValueKey = (typeof SPAN_VALUE_KEYS)[number];

/** Where the document creation time (DCT) came from, in the guidelines' order of precedence. */
export type DctSource = 'explicit' | 'header' | 'filename' | 'text' | 'none';

/** What an explicit DCT came from: a per-file choice (the store), the setting, or a caller (CLI --dct, a JSONL line). */
export type ExplicitDateOrigin = 'file' | 'setting' | 'caller';

export interface DocumentDate {
  /** YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] when an explicit date has a time; undefined when no source gave one. */
  date?: string;
  source: DctSource;
  /** With source 'explicit': where the date came from. */
  origin?: ExplicitDateOrigin;
  /** Human-readable detail: the header line, the file name, or the text the date was taken from. */
  detail?: string;
}

/** The inputs of the document-date policy (core/documentDate.ts resolveDocumentDate), in its order. */
export interface DocumentDateOptions {
  /** The date chosen for this file with "Set Document Date for This File" (the per-file store); wins over `dct`. */
  storedDct?: string;
  /** An explicit DCT for the run (--dct, a JSONL line's "dct", the newsAnnotator.documentDate setting). */
  dct?: string;
  /** Where `dct` came from (default 'caller'). */
  dctOrigin?: Exclude<ExplicitDateOrigin, 'file'>;
  /** File name (base name or path), used to find a date in the name. */
  fileName?: string;
}

export interface AnalysisOptions extends DocumentDateOptions {
  /** Recogniser groups to run; all when omitted. */
  groups?: readonly LabelGroup[];
  /**
   * The document-level pass over the entities (ner/documentConsistency.ts): names found with good confidence are
   * suggested at their other occurrences in the text, cut names completed. On unless false (the editor's incremental
   * analysis runs the same pass over its units: analysis/incrementalAnalysis.ts); false gives the model + post-rules.
   */
  documentNames?: boolean;
}

export interface AnalysisResult {
  dct: DocumentDate;
  spans: Span[];
}
