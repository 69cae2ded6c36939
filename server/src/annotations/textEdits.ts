// How spans follow the text through edits. All offsets are code points.
import { OffsetMap, codePointLength } from '../core/offsets';
import { commonEnds } from '../core/commonEnds';

/** One replacement: the code points [start, end) of the text before the change become `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export type ShiftOutcome =
  /** The span lies outside the change; it may have moved. */
  | { kind: 'moved'; start: number; end: number }
  /** The change touched the span's own text (inside it or across one boundary); it survives with new bounds. */
  | { kind: 'touched'; start: number; end: number }
  /** All of the span's text was replaced or deleted. */
  | { kind: 'deleted' };

/**
 * Where a span [start, end) is after a change replacing [a, b) with `insertedLength` code points.
 * Text inserted exactly at a span's start or end is not taken into the span.
 */
export function shiftSpan(start: number, end: number, a: number, b: number, insertedLength: number): ShiftOutcome {
  const delta = insertedLength - (b - a);
  if (end <= a) {
    // Wholly before the change. (A pure insertion at the span's end does not extend it.)
    return { kind: 'moved', start, end };
  }
  if (start >= b) return { kind: 'moved', start: start + delta, end: end + delta };
  if (a <= start && b >= end) return { kind: 'deleted' };
  let s = start;
  let e = end;
  if (a >= start && b <= end) {
    e = end + delta; // inside the span
  } else if (a < start) {
    s = a + insertedLength; // over the start: the span keeps its surviving tail
    e = end + delta;
  } else {
    e = a; // over the end: the span keeps its surviving head
  }
  if (e <= s) return { kind: 'deleted' };
  return { kind: 'touched', start: s, end: e };
}

/** Where a point is after a change; undefined when the change replaced the text around it. */
export function shiftPoint(p: number, a: number, b: number, insertedLength: number): number | undefined {
  if (p <= a) return p;
  if (p >= b) return p + insertedLength - (b - a);
  return undefined;
}

/**
 * The single change that turns `before` into `after` (common prefix and suffix removed), in code points;
 * undefined when the texts are equal. Used when only the new text is known. `beforeMap`, the offset map of `before`
 * when the caller has one, saves counting the code points of the common prefix.
 */
export function diffTexts(before: string, after: string, beforeMap?: OffsetMap): TextChange | undefined {
  const d = diffUtf16(before, after);
  if (!d) return undefined;
  const { prefix: p, suffix: s } = d;
  // counted without spreading the text into an array of characters (a keystroke in a 1 M-character article spread
  // half a million one-character strings here)
  const cpStart = beforeMap ? beforeMap.toCodePoint(p) : codePointLength(before.slice(0, p));
  const cpEnd = beforeMap ? beforeMap.toCodePoint(before.length - s) : cpStart + codePointLength(before.slice(p, before.length - s));
  return { start: cpStart, end: cpEnd, text: after.slice(p, after.length - s) };
}

/**
 * The lengths (UTF-16) of the common beginning and end of two different texts, not splitting a surrogate pair and
 * not overlapping (core/commonEnds.ts); undefined when they are equal.
 */
export function diffUtf16(before: string, after: string): { prefix: number; suffix: number } | undefined {
  return before === after ? undefined : commonEnds(before, after, true);
}
