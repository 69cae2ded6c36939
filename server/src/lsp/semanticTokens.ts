// Spans (code points) → LSP semantic tokens (UTF-16 line/character, relative encoding). One token type per label, as
// contributed in package.json (`semanticTokenTypes`); modifier `suggestion` for machine output, `confirmed` for
// stored tags. A span that crosses a line break becomes one token per line.
import type { SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { OffsetMap } from '../core/offsets';
import { ALL_LABELS, Label, Span } from '../core/types';

/** Token type id of each label: PER → newsPer, MONEY → newsMoney. */
export function tokenTypeOf(label: Label): string {
  return 'news' + label[0] + label.slice(1).toLowerCase();
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
  for (const span of spans) {
    const type = TYPE_INDEX.get(span.label);
    if (type === undefined) continue;
    const modifiers = 1 << TOKEN_MODIFIERS.indexOf(span.modifier);
    let start = map.toUtf16(span.start);
    const end = map.toUtf16(span.end);
    if (range && (end <= range.start || start >= range.end)) continue;
    while (start < end) {
      let lineEnd = start;
      while (lineEnd < end && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
      if (lineEnd > start) {
        const pos = document.positionAt(start);
        const deltaLine = pos.line - prevLine;
        const deltaChar = deltaLine === 0 ? pos.character - prevChar : pos.character;
        data.push(deltaLine, deltaChar, lineEnd - start, type, modifiers);
        prevLine = pos.line;
        prevChar = pos.character;
      }
      start = lineEnd;
      while (start < end && (text.charCodeAt(start) === 10 || text.charCodeAt(start) === 13)) start++;
    }
  }
  return data;
}
