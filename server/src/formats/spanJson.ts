// The JSON shapes the JSON-based formats share for what their own schema has no room for: normalised values
// and the marking of unreviewed suggestions. Read back leniently, with a problem per bad entry.
import { Span } from '../core/types';
import { SpanValues, isLabel, makeSpan, parseValues, valuesOf } from './document';
import type { ReportProblem } from './datasetFormat';

/** `[start, end, label]` triples (doccano's and spaCy's span shape). */
export type Triple = [number, number, string];

export function triple(s: Span): Triple {
  return [s.start, s.end, s.label];
}

/** One entry per span that has normalised values: {start, end, label, value?, valueMax?, unit?, mod?, timex?}. */
export function valueEntries(spans: readonly Span[]): Array<{ start: number; end: number; label: string } & SpanValues> {
  const out: Array<{ start: number; end: number; label: string } & SpanValues> = [];
  for (const s of spans) {
    const v = valuesOf(s);
    if (v) out.push({ start: s.start, end: s.end, label: s.label, ...v });
  }
  return out;
}

export function key(start: number, end: number, label: string): string {
  return `${start}:${end}:${label}`;
}

/** Reads value entries into a map keyed by start:end:label; bad entries become problems. */
export function readValueEntries(raw: unknown, problems: string[]): Map<string, SpanValues> {
  const map = new Map<string, SpanValues>();
  if (raw === undefined) return map;
  if (!Array.isArray(raw)) {
    problems.push('"values" must be a list');
    return map;
  }
  for (const e of raw) {
    if (!e || typeof e !== 'object' || !Number.isInteger(e.start) || !Number.isInteger(e.end) || !isLabel(e.label)) {
      problems.push(`value entry ${JSON.stringify(e)} needs integer start, end and a label`);
      continue;
    }
    const { start, end, label, ...rest } = e;
    const { values, problems: p } = parseValues(rest);
    for (const m of p) problems.push(`value entry ${key(start, end, label)}: ${m}`);
    map.set(key(start, end, label), values);
  }
  return map;
}

/** Reads [start, end, label] triples; checks their shape (bounds are checked by the caller against the text). */
export function readTriples(raw: unknown, field: string, problems: string[]): Triple[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`"${field}" must be a list of [start, end, label]`);
    return [];
  }
  const out: Triple[] = [];
  for (const t of raw) {
    if (Array.isArray(t) && t.length >= 3 && Number.isInteger(t[0]) && Number.isInteger(t[1]) && typeof t[2] === 'string') {
      out.push([t[0], t[1], t[2]]);
    } else if (t && typeof t === 'object' && Number.isInteger(t.start_offset) && Number.isInteger(t.end_offset) && typeof t.label === 'string') {
      // doccano's relation-project shape: {"id", "label", "start_offset", "end_offset"}
      out.push([t.start_offset, t.end_offset, t.label]);
    } else problems.push(`"${field}" entry ${JSON.stringify(t)} is not [start, end, label]`);
  }
  return out;
}

/** Spans from triples checked against the text; bad ones become problems and are skipped. */
export function spansFromTriples(
  chars: readonly string[],
  triples: readonly Triple[],
  values: Map<string, SpanValues>,
  problems: string[],
): Span[] {
  const out: Span[] = [];
  for (const [start, end, label] of triples) {
    if (!isLabel(label)) {
      problems.push(`span [${start}, ${end}) has an invalid label name ${JSON.stringify(label)}`);
      continue;
    }
    if (start < 0 || end <= start || end > chars.length) {
      problems.push(`span ${label} [${start}, ${end}) lies outside the text (${chars.length} characters)`);
      continue;
    }
    out.push(makeSpan(chars, start, end, label, values.get(key(start, end, label))));
  }
  return out;
}

/** Where a JSON-lines record keeps its spans, normalised values and suggestion marks (raw JSON, field names). */
export interface SpanFields {
  spans: unknown;
  spansField: string;
  values: unknown;
  suggestions: unknown;
  suggestionsField: string;
}

/**
 * The tags and suggestions of one JSON-lines record (doccano, spaCy): triples checked against the text, with their
 * normalised values; each bad entry is reported against the line and skipped.
 */
export function readRecordSpans(text: string, fields: SpanFields, file: string, line: number, report: ReportProblem): { spans: Span[]; suggestions: Span[] } {
  const problems: string[] = [];
  const chars = Array.from(text);
  const triples = readTriples(fields.spans, fields.spansField, problems);
  const values = readValueEntries(fields.values, problems);
  const spans = spansFromTriples(chars, triples, values, problems);
  const split = separateSuggestions(spans, readTriples(fields.suggestions, fields.suggestionsField, problems));
  for (const m of problems) report({ file, line, message: m });
  return split;
}

/** Splits labelled triples into confirmed tags and suggestions (those also listed under "suggestions"). */
export function separateSuggestions(spans: Span[], suggested: readonly Triple[]): { spans: Span[]; suggestions: Span[] } {
  if (suggested.length === 0) return { spans, suggestions: [] };
  const marks = new Set(suggested.map((t) => key(t[0], t[1], t[2])));
  const confirmed: Span[] = [];
  const suggestions: Span[] = [];
  for (const s of spans) (marks.has(key(s.start, s.end, s.label)) ? suggestions : confirmed).push(s);
  return { spans: confirmed, suggestions };
}
