// Hover for the span under the cursor: its label, normalised value in words and, for dates, the document date and
// where it came from; for entities, confidence and how often the same text occurs elsewhere in the document.
import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ExplicitDateOrigin, Translate, describeSpan } from '../core/describe';
import { OffsetMap } from '../core/offsets';
import { AnalysisResult, DocumentDate, Span } from '../core/types';
import { groupOf } from '../core/labels';

/** The span containing a code-point offset (spans sorted by start, flat). */
export function spanAt(spans: readonly Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const candidate = spans[lo - 1];
  return candidate && offset < candidate.end ? candidate : undefined;
}

/** Non-overlapping occurrences of `needle` in `text`. */
export function countOccurrences(text: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Escapes what Markdown would format inside a line of plain text, and list/heading markers at its start. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/^(\s*)([#>+-]|\d+[.)](?=\s))/, '$1\\$2');
}

export function hoverAt(
  document: TextDocument,
  analysis: AnalysisResult,
  utf16Offset: number,
  t: Translate,
  dctOrigin?: ExplicitDateOrigin,
): Hover | null {
  const map = new OffsetMap(document.getText());
  const span = spanAt(analysis.spans, map.toCodePoint(utf16Offset));
  if (!span) return null;
  return spanHover(document, { span, start: map.toUtf16(span.start), end: map.toUtf16(span.end) }, analysis.dct, t, dctOrigin);
}

/** The hover of a span found under the cursor (`start`/`end`: its UTF-16 offsets in the document). */
export function spanHover(
  document: TextDocument,
  found: { span: Span; start: number; end: number },
  dct: DocumentDate,
  t: Translate,
  dctOrigin?: ExplicitDateOrigin,
): Hover {
  const { span } = found;
  const isEntity = groupOf(span.label) === 'entities';
  const lines = describeSpan(span, {
    dct,
    dctOrigin,
    otherMentions: isEntity ? Math.max(0, countOccurrences(document.getText(), span.text) - 1) : undefined,
    t,
  });
  // The first line carries the span text: escape it, keep the bold label.
  const [first, ...rest] = lines;
  const head = first.replace(/ · ([^·]*)$/, (_, spanText: string) => ` · ${escapeMarkdown(spanText)}`);
  return {
    contents: { kind: 'markdown', value: [head, ...rest.map(escapeMarkdown)].join('\n\n') },
    range: { start: document.positionAt(found.start), end: document.positionAt(found.end) },
  };
}
