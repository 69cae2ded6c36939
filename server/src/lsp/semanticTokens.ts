// Spans (code points) → LSP semantic tokens (UTF-16 line/character, relative encoding). One token type per label, as
// contributed in package.json (`semanticTokenTypes`); modifier `suggestion` for machine output, `confirmed` for
// stored tags. A span that crosses a line break becomes one token per line.
import type { SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { OffsetMap } from '../core/offsets';
import { ALL_LABELS, Label, Span } from '../core/types';
import { labelRow } from '../core/labels';

/** Token type id of each label (label table): PER → newsPer, MONEY → newsMoney. */
export function tokenTypeOf(label: Label): string {
  return labelRow(label)!.tokenType;
}

export const TOKEN_TYPES: string[] = ALL_LABELS.map(tokenTypeOf);
export const TOKEN_MODIFIERS = ['suggestion', 'confirmed'] as const;
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: TOKEN_TYPES, tokenModifiers: [...TOKEN_MODIFIERS] };

const TYPE_INDEX = new Map<Label, number>(ALL_LABELS.map((l, i) => [l, i]));

/** A span to colour, with its modifier. */
export interface TokenSpan {
  start: number;
  end: number;
  label: Label;
  modifier: TokenModifier;
}

/**
 * Merges stored tags (confirmed) with machine suggestions: a suggestion that overlaps a confirmed tag is dropped, so
 * the editor shows what the annotator decided.
 */
export function mergeTokenSpans(suggestions: readonly Span[], confirmed: readonly Pick<Span, 'start' | 'end' | 'label'>[]): TokenSpan[] {
  if (confirmed.length === 0) {
    // Suggestions alone are flat and sorted already (analyze() keeps them so).
    return suggestions.map((s) => ({ start: s.start, end: s.end, label: s.label, modifier: 'suggestion' as const }));
  }
  const sorted = [...confirmed].sort((a, b) => a.start - b.start);
  // maxEnd[i]: the furthest end among sorted[0..i]; a suggestion overlaps a tag iff some tag starting before the
  // suggestion's end reaches past its start.
  const maxEnd: number[] = [];
  for (const c of sorted) maxEnd.push(Math.max(c.end, maxEnd.length ? maxEnd[maxEnd.length - 1] : -1));
  const out: TokenSpan[] = sorted.map((c) => ({ start: c.start, end: c.end, label: c.label, modifier: 'confirmed' as const }));
  for (const s of suggestions) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < s.end) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || maxEnd[lo - 1] <= s.start) out.push({ start: s.start, end: s.end, label: s.label, modifier: 'suggestion' });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Encodes token spans as LSP relative data. `range`, when given, keeps only tokens that touch it (UTF-16 offsets).
 * Spans must be sorted by start and must not overlap (analyze() keeps them flat).
 */
export function encodeTokens(
  document: TextDocument,
  spans: readonly TokenSpan[],
  range?: { start: number; end: number },
): number[] {
  const text = document.getText();
  const map = new OffsetMap(text);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  // Spans come sorted: walk the lines forwards instead of searching each position (offsetAt of a line start is O(1)).
  let line = -1;
  let lineStart = 0;
  let nextLineStart = 0;
  const lineCount = document.lineCount;
  const position = (offset: number) => {
    if (line < 0 || offset < lineStart) {
      line = document.positionAt(offset).line;
      lineStart = document.offsetAt({ line, character: 0 });
      nextLineStart = line + 1 < lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : Infinity;
    }
    while (offset >= nextLineStart) {
      line++;
      lineStart = nextLineStart;
      nextLineStart = line + 1 < lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : Infinity;
    }
    return offset - lineStart;
  };
  let first = 0;
  if (range && spans.length > 0) {
    // Skip the spans that end before the range (ends ascend with starts: spans are flat).
    const startCp = map.toCodePoint(range.start);
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end <= startCp) lo = mid + 1;
      else hi = mid;
    }
    first = lo;
  }
  for (let k = first; k < spans.length; k++) {
    const span = spans[k];
    const type = TYPE_INDEX.get(span.label);
    if (type === undefined) continue;
    const modifiers = 1 << TOKEN_MODIFIERS.indexOf(span.modifier);
    let start = map.toUtf16(span.start);
    const end = map.toUtf16(span.end);
    if (range && start >= range.end) break;
    if (range && end <= range.start) continue;
    while (start < end) {
      let lineEnd = start;
      while (lineEnd < end && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
      if (lineEnd > start) {
        const character = position(start);
        const deltaLine = line - prevLine;
        const deltaChar = deltaLine === 0 ? character - prevChar : character;
        data.push(deltaLine, deltaChar, lineEnd - start, type, modifiers);
        prevLine = line;
        prevChar = character;
      }
      start = lineEnd;
      while (start < end && (text.charCodeAt(start) === 10 || text.charCodeAt(start) === 13)) start++;
    }
  }
  return data;
}

/**
 * The edit that turns one token array into another (for semantic token delta requests): the stretch between their
 * common beginning and common end is replaced. One edit; after a keystroke it is a few integers.
 */
export function tokenEdits(before: readonly number[], after: readonly number[]): { start: number; deleteCount: number; data: number[] }[] {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before[p] === after[p]) p++;
  let s = 0;
  while (s < max - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  if (p === before.length && p === after.length) return [];
  return [{ start: p, deleteCount: before.length - p - s, data: after.slice(p, after.length - s) }];
}
