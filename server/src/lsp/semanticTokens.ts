// Spans (code points) → LSP semantic tokens (UTF-16 line/character, relative encoding). One token type per label, as
// contributed in package.json (`semanticTokenTypes`); modifier `suggestion` for machine output, `confirmed` for
// stored tags. A span that crosses a line break becomes one token per line.
// Two encoders give the same data: encodeTokens() from one array of spans (any spans: stored tags merged with
// suggestions), and encodeSegmentTokens() / encodeSegmentLayout() from the incremental analysis' segments
// (suggestions only), which encode each segment once, relative to its own start; after an edit the answer is made from
// the previous one (its integers before and after the changed segments copied), so a keystroke in a long article
// costs a walk over the segments' spans arrays, the changed paragraphs and a copy of the integers.
import type { SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Segment } from '../analysis/incrementalAnalysis';
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
  const map = new OffsetMap(document.getText());
  if (!map.hasAstral) return encodeUtf16Tokens(document, spans, range);
  return encodeUtf16Tokens(
    document,
    spans.map((s) => ({ ...s, start: map.toUtf16(s.start), end: map.toUtf16(s.end) })),
    range,
  );
}

/** encodeTokens() for spans in UTF-16 offsets. */
function encodeUtf16Tokens(document: TextDocument, spans: readonly TokenSpan[], range?: { start: number; end: number }): number[] {
  const text = document.getText();
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
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end <= range.start) lo = mid + 1;
      else hi = mid;
    }
    first = lo;
  }
  for (let k = first; k < spans.length; k++) {
    const span = spans[k];
    const type = TYPE_INDEX.get(span.label);
    if (type === undefined) continue;
    const modifiers = 1 << TOKEN_MODIFIERS.indexOf(span.modifier);
    let start = span.start;
    const end = span.end;
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
 * One segment's suggestion tokens in LSP relative encoding, except the first token: its line is counted from the
 * segment's first line and, when on that line, its character from the segment's start. `lastLine`/`lastChar` give
 * the last token's position the same way.
 */
interface SegmentTokens {
  data: Uint32Array;
  lastLine: number;
  lastChar: number;
}

/**
 * A segment's encoded tokens, kept in its derived slot while its spans array is the same (the analysis keeps that
 * array while the segment is unchanged). A property read per segment: a WeakMap lookup by array took 7 ms for the
 * 46,048 segments of a 1 M-character article.
 */
function segmentTokens(segment: Segment): SegmentTokens {
  const slot = segment.derived;
  if (slot.of !== segment.spans) {
    slot.value = encodeSegment(segment.text, segment.astral, segment.spans);
    slot.of = segment.spans;
  }
  return slot.value as SegmentTokens;
}

const SUGGESTION = 1 << TOKEN_MODIFIERS.indexOf('suggestion');

/** Tokens of spans (code points relative to the text) within one segment's text; lines as the LSP counts them. */
function encodeSegment(text: string, astral: boolean, spans: readonly Span[]): SegmentTokens {
  const map = astral ? new OffsetMap(text) : undefined;
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  // A cursor walking the text forwards: line number and line start of `scan` (\r\n, \r and \n end a line).
  let scan = 0;
  let line = 0;
  let lineStart = 0;
  for (const span of spans) {
    const type = TYPE_INDEX.get(span.label);
    if (type === undefined) continue;
    let start = map ? map.toUtf16(span.start) : span.start;
    const end = map ? map.toUtf16(span.end) : span.end;
    while (start < end) {
      let lineEnd = start;
      while (lineEnd < end && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
      if (lineEnd > start) {
        while (scan < start) {
          const c = text.charCodeAt(scan++);
          if (c === 13 || c === 10) {
            if (c === 13 && text.charCodeAt(scan) === 10) scan++;
            line++;
            lineStart = scan;
          }
        }
        const character = start - lineStart;
        if (data.length === 0) data.push(line, character, lineEnd - start, type, SUGGESTION);
        else data.push(line - prevLine, line === prevLine ? character - prevChar : character, lineEnd - start, type, SUGGESTION);
        prevLine = line;
        prevChar = character;
      }
      start = lineEnd;
      while (start < end && (text.charCodeAt(start) === 10 || text.charCodeAt(start) === 13)) start++;
    }
  }
  // (the segment's own line count, Segment.lines / tail, places the next one)
  return { data: data.length ? Uint32Array.from(data) : NO_TOKENS, lastLine: prevLine, lastChar: prevChar };
}

const NO_TOKENS = new Uint32Array(0);

/** Visits segments in order from the one containing UTF-16 offset `from` (IncrementalAnalysis.segments). */
export type SegmentSource = (visit: (segment: Segment) => boolean, from?: number) => void;

/**
 * The suggestion tokens of a document from its analysis' segments: encodeTokens(document, mergeTokenSpans(spans,
 * [])) for the same spans, as a typed array. Each segment's tokens are encoded once (cached by its spans array).
 * `range`, when given (UTF-16 offsets), keeps only the tokens that touch it.
 */
export function encodeSegmentTokens(
  document: TextDocument,
  segments: SegmentSource,
  range?: { start: number; end: number },
  spare?: Uint32Array,
): Uint32Array {
  if (range) return encodeSegmentRange(document, segments, range);
  return encodeSegmentLayout(segments, undefined, spare).data;
}

/**
 * An answer of encodeSegmentLayout() with what it was made of: per segment, in order, its spans array, where it
 * starts (line and character), the index in `data` of its first integer, and where the last token at or before its
 * end is (absolute; 0, 0 before the first token).
 */
export interface TokenLayout {
  data: Uint32Array;
  count: number;
  spans: (readonly Span[])[];
  line: Int32Array;
  char: Int32Array;
  /** count + 1 entries: the last is data.length. */
  tok: Int32Array;
  lastLine: Int32Array;
  lastChar: Int32Array;
  /** When made from an earlier answer: its array, and how many integers at the start and at the end the two share. */
  from?: { data: Uint32Array; head: number; tail: number };
}

/**
 * encodeSegmentTokens() made from `previous` (an earlier answer's layout, any version of the document): the segments
 * at the start and at the end whose spans arrays `previous` had, at the same places (the end ones moved by whole
 * lines), keep its integers, copied as two blocks; only the segments between have their tokens read and placed. A
 * keystroke in a 1 M-character article visits its 36,000 segments once (their spans and line counts, no tokens) and
 * places one paragraph's tokens. Without `previous`, every segment is placed. The answer is written into `spare`
 * when that is large enough and is not `previous`'s array.
 */
export function encodeSegmentLayout(segments: SegmentSource, previous?: TokenLayout, spare?: Uint32Array): TokenLayout {
  // 1. Every segment's spans array and place, from the segments' own line counts.
  let cap = Math.max(64, (previous?.count ?? 0) + 64);
  const spans: (readonly Span[])[] = [];
  let line: Int32Array = new Int32Array(cap);
  let char: Int32Array = new Int32Array(cap);
  let start: Int32Array = new Int32Array(cap);
  let n = 0;
  let atLine = 0;
  let atChar = 0;
  segments((segment) => {
    if (n === cap) {
      cap *= 2;
      line = grown(line, cap);
      char = grown(char, cap);
      start = grown(start, cap);
    }
    spans.push(segment.spans);
    line[n] = atLine;
    char[n] = atChar;
    start[n] = segment.start;
    n++;
    if (segment.lines > 0) {
      atLine += segment.lines;
      atChar = segment.tail;
    } else atChar += segment.end - segment.start;
    return true;
  });
  // 2. The segments at the start and at the end that `previous` has at the same places.
  const m = previous?.count ?? 0;
  let same = 0;
  let sameEnd = 0;
  let shift = 0;
  if (previous) {
    const max = Math.min(n, m);
    while (same < max && spans[same] === previous.spans[same] && line[same] === previous.line[same] && char[same] === previous.char[same]) same++;
    if (same === n && same === m) return { ...previous, from: { data: previous.data, head: previous.data.length, tail: 0 } };
    if (n > 0 && m > 0) shift = line[n - 1] - previous.line[m - 1];
    while (
      sameEnd < max - same &&
      spans[n - 1 - sameEnd] === previous.spans[m - 1 - sameEnd] &&
      char[n - 1 - sameEnd] === previous.char[m - 1 - sameEnd] &&
      line[n - 1 - sameEnd] - previous.line[m - 1 - sameEnd] === shift
    )
      sameEnd++;
  }
  // 3. The tokens of the segments between (a walk from the first of them).
  const middle: SegmentTokens[] = [];
  const middleEnd = n - sameEnd;
  if (same < middleEnd) {
    let k = same;
    segments((segment) => {
      if (segment.start !== start[k]) throw new Error(`segment ${k} starts at ${segment.start}, not ${start[k]}: the segments changed during the walk`);
      middle.push(segment.spans.length > 0 ? segmentTokens(segment) : NO_SEGMENT_TOKENS);
      return ++k < middleEnd;
    }, start[same]);
  }
  const headInts = previous ? previous.tok[same] : 0;
  const tailFrom = m - sameEnd;
  const tailStart = previous && sameEnd > 0 ? previous.tok[tailFrom] : 0;
  const tailInts = previous && sameEnd > 0 ? previous.data.length - tailStart : 0;
  let total = headInts + tailInts;
  for (const t of middle) total += t.data.length;
  // written into `spare` when it is large enough (the answer before last, no longer needed: a 1 M-character article's
  // tokens are some 2 MB, and a new array per keystroke kept the collector busy)
  const usable = spare && spare.byteOffset === 0 && spare.buffer.byteLength >= 4 * total && spare.buffer !== previous?.data.buffer;
  const out = usable ? new Uint32Array(spare!.buffer, 0, total) : new Uint32Array(Math.ceil(total * 1.25));
  const tok = new Int32Array(n + 1);
  const lastLine = new Int32Array(n);
  const lastChar = new Int32Array(n);
  let prevLine = 0;
  let prevChar = 0;
  if (previous && same > 0) {
    out.set(previous.data.subarray(0, headInts), 0);
    tok.set(previous.tok.subarray(0, same), 0);
    lastLine.set(previous.lastLine.subarray(0, same), 0);
    lastChar.set(previous.lastChar.subarray(0, same), 0);
    prevLine = previous.lastLine[same - 1];
    prevChar = previous.lastChar[same - 1];
  }
  let o = headInts;
  for (let k = same; k < middleEnd; k++) {
    tok[k] = o;
    const { data, lastLine: segLastLine, lastChar: segLastChar } = middle[k - same];
    if (data.length > 0) {
      const segLine = line[k];
      const segChar = char[k];
      const first = segLine + data[0];
      const firstChar = data[0] === 0 ? segChar + data[1] : data[1];
      // the segment's tokens copied as a block, then its first token placed after the previous segment's last
      out.set(data, o);
      out[o] = first - prevLine;
      out[o + 1] = first === prevLine ? firstChar - prevChar : firstChar;
      o += data.length;
      prevLine = segLine + segLastLine;
      prevChar = segLastLine === 0 ? segChar + segLastChar : segLastChar;
    }
    lastLine[k] = prevLine;
    lastChar[k] = prevChar;
  }
  if (previous && sameEnd > 0) {
    const before = tailFrom > 0 ? [previous.lastLine[tailFrom - 1], previous.lastChar[tailFrom - 1]] : [0, 0];
    const beforeLine = prevLine;
    const beforeChar = prevChar;
    if (tailInts > 0) {
      out.set(previous.data.subarray(tailStart), o);
      // the first token after the copied block: where it was, moved by whole lines, placed after the last one before it
      const d = previous.data;
      const absLine = before[0] + d[tailStart] + shift;
      const absChar = d[tailStart] === 0 ? before[1] + d[tailStart + 1] : d[tailStart + 1];
      out[o] = absLine - beforeLine;
      out[o + 1] = absLine === beforeLine ? absChar - beforeChar : absChar;
    }
    for (let t = 0; t < sameEnd; t++) {
      const k = middleEnd + t;
      const j = tailFrom + t;
      tok[k] = o + (previous.tok[j] - tailStart);
      if (previous.tok[j + 1] > tailStart) {
        lastLine[k] = previous.lastLine[j] + shift;
        lastChar[k] = previous.lastChar[j];
      } else {
        lastLine[k] = beforeLine;
        lastChar[k] = beforeChar;
      }
    }
    o += tailInts;
  }
  tok[n] = o;
  const data = out.length === total ? out : out.subarray(0, total);
  // (the first token after the copied end block may have moved: its first two integers are not shared)
  const from = previous ? { data: previous.data, head: headInts, tail: Math.max(0, tailInts - 2) } : undefined;
  return { data, count: n, spans, line, char, tok, lastLine, lastChar, from };
}

const NO_SEGMENT_TOKENS: SegmentTokens = { data: NO_TOKENS, lastLine: 0, lastChar: 0 };

function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** encodeSegmentTokens() for a range: the spans of the segments it touches, encoded as encodeTokens() does. */
function encodeSegmentRange(document: TextDocument, segments: SegmentSource, range: { start: number; end: number }): Uint32Array {
  const spans: TokenSpan[] = [];
  segments((segment) => {
    if (segment.start >= range.end) return false;
    const map = segment.astral ? new OffsetMap(segment.text) : undefined;
    for (const s of segment.spans) {
      const start = segment.start + (map ? map.toUtf16(s.start) : s.start);
      const end = segment.start + (map ? map.toUtf16(s.end) : s.end);
      if (end <= range.start || start >= range.end) continue;
      spans.push({ start, end, label: s.label, modifier: 'suggestion' });
    }
    return segment.end < range.end;
  }, range.start);
  return Uint32Array.from(encodeUtf16Tokens(document, spans, range));
}

/**
 * The edit that turns one token array into another (for semantic token delta requests): the stretch between their
 * common beginning and common end is replaced. One edit; after a keystroke it is a few integers.
 */
export function tokenEdits(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  /** Integers known to be the same at the start and at the end (TokenLayout.from), not compared again. */
  known: { head: number; tail: number } = { head: 0, tail: 0 },
): { start: number; deleteCount: number; data: number[] }[] {
  const max = Math.min(before.length, after.length);
  let p = Math.min(known.head, max);
  while (p < max && before[p] === after[p]) p++;
  let s = Math.min(known.tail, max - p);
  while (s < max - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  if (p === before.length && p === after.length) return [];
  return [{ start: p, deleteCount: before.length - p - s, data: Array.prototype.slice.call(after, p, after.length - s) as number[] }];
}
