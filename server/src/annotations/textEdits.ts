// How spans follow the text through edits. All offsets are code points.
import { OffsetMap, codePointLength } from '../core/offsets';

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
 * not overlapping; undefined when they are equal. Compares blocks first (native string comparison), so a keystroke
 * in a long article costs a fraction of a character-by-character loop.
 */
export function diffUtf16(before: string, after: string): { prefix: number; suffix: number } | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  const BLOCK = 4096;
  let p = 0;
  while (p + BLOCK <= max && before.slice(p, p + BLOCK) === after.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // do not split a surrogate pair
  if (p > 0 && isHigh(before.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s + BLOCK <= max - p && before.slice(before.length - s - BLOCK, before.length - s) === after.slice(after.length - s - BLOCK, after.length - s)) s += BLOCK;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (s > 0 && isLow(before.charCodeAt(before.length - s))) s--;
  return { prefix: p, suffix: s };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
