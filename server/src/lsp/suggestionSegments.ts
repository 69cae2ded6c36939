// The tagging state's suggestions patch after a pause in typing, made from what the edit changed instead of from two
// whole lists. The suggestions are the analysis' spans, segment by segment (IncrementalAnalysis.segments), minus
// those tags cover or rejections hide. A segment the edit left alone keeps its spans array, so the segments at the
// start whose arrays are the same objects at the same offsets give the suggestions kept, those at the end the same
// arrays moved by the edit give the suggestions moved, and only the segments between are made into suggestions again.
// Building the whole list and comparing it with the last one (taggingStatePatch.diffSuggestions) was some 0.6 s of
// work and garbage per pause on a 1 M-character article; this is proportional to the segments the edit touched plus a
// pass of pointer comparisons over the segments.
// Valid only while the suggestions are exactly the segments' spans filtered: no workspace adaptation, the same label
// schema, and tags and rejections (which move with the text) neither crossing into the segments kept nor changed
// there. The caller checks the first two; segmentPatch() the rest, and says undefined when it cannot tell.
import type { Span } from '../core/types';
import type { DocumentView } from './documentAnalysis';
import type { SuggestionsPatch, WirePosition, WireSuggestion } from '../annotations/taggingProtocol';

/** What decides which spans are suggestions: a tag (label) or a rejection ('!' + label), with its extent. */
export interface Mark {
  start: number;
  end: number;
  label: string;
}

/** The segments a state's suggestions were made from. */
export interface SegmentRecord {
  /** Per segment: its spans array (by identity), code-point start, UTF-16 start and its start's line and character. */
  spans: (readonly Span[])[];
  cpStarts: number[];
  lines: number[];
  characters: number[];
  /** How many suggestions each segment gave. */
  counts: number[];
  /** The text's length in code points. */
  cpLength: number;
  marks: readonly Mark[];
}

/** What the segments are read from: the analysis view of the current version. */
type SegmentSource = Pick<DocumentView, 'segments'>;

interface Walked {
  spans: (readonly Span[])[];
  cpStarts: number[];
  starts: number[];
}

function walk(view: SegmentSource): Walked {
  const out: Walked = { spans: [], cpStarts: [], starts: [] };
  view.segments((segment) => {
    out.spans.push(segment.spans);
    out.cpStarts.push(segment.cpStart);
    out.starts.push(segment.start);
    return true;
  });
  return out;
}

/**
 * The record of the state whose suggestions (by start) were made from `view`'s segments, or undefined when a
 * suggestion lies outside every segment (they were not).
 */
export function recordSegments(
  view: SegmentSource,
  suggestions: readonly { start: number }[],
  cpLength: number,
  marks: readonly Mark[],
  positionAt: (utf16: number) => WirePosition,
): SegmentRecord | undefined {
  const w = walk(view);
  const counts: number[] = new Array(w.spans.length).fill(0);
  const lines: number[] = new Array(w.spans.length);
  const characters: number[] = new Array(w.spans.length);
  let p = 0;
  for (let k = 0; k < w.spans.length; k++) {
    const end = k + 1 < w.spans.length ? w.cpStarts[k + 1] : cpLength;
    while (p < suggestions.length && suggestions[p].start < end) {
      counts[k]++;
      p++;
    }
    const at = positionAt(w.starts[k]);
    lines[k] = at.line;
    characters[k] = at.character;
  }
  if (p < suggestions.length) return undefined;
  return { spans: w.spans, cpStarts: w.cpStarts, lines, characters, counts, cpLength, marks };
}

/**
 * The patch from the state `prev` records to the suggestions of `view` now, and the new state's record; undefined
 * when the marks moved in a way the segments cannot tell (the caller compares whole lists then).
 * `suggestionsOf` filters spans (code points of the current text) into suggestions; `wire` makes one a wire suggestion.
 */
export function segmentPatch<S extends { start: number }>(
  prev: SegmentRecord,
  view: SegmentSource,
  cpLength: number,
  marks: readonly Mark[],
  positionAt: (utf16: number) => WirePosition,
  suggestionsOf: (spans: Span[]) => S[],
  wire: (s: S) => WireSuggestion,
): { patch: SuggestionsPatch; record: SegmentRecord } | undefined {
  const now = walk(view);
  const nOld = prev.spans.length;
  const nNew = now.spans.length;
  const delta = cpLength - prev.cpLength;
  let head = 0;
  while (head < nOld && head < nNew && prev.spans[head] === now.spans[head] && prev.cpStarts[head] === now.cpStarts[head]) head++;
  let tail = 0;
  while (
    tail < nOld - head &&
    tail < nNew - head &&
    prev.spans[nOld - 1 - tail] === now.spans[nNew - 1 - tail] &&
    now.cpStarts[nNew - 1 - tail] - prev.cpStarts[nOld - 1 - tail] === delta
  )
    tail++;
  // the changed window, in old and new code points
  const from = head < nNew ? now.cpStarts[head] : cpLength;
  const toOld = tail > 0 ? prev.cpStarts[nOld - tail] : prev.cpLength;
  const toNew = tail > 0 ? now.cpStarts[nNew - tail] : cpLength;
  if (!sameMarks(prev.marks, marks, from, toOld, toNew, delta)) return undefined;

  let keep = 0;
  for (let k = 0; k < head; k++) keep += prev.counts[k];
  let moved = 0;
  for (let k = nOld - tail; k < nOld; k++) moved += prev.counts[k];
  const counts: number[] = prev.counts.slice(0, head);
  const lines: number[] = prev.lines.slice(0, head);
  const characters: number[] = prev.characters.slice(0, head);
  const insert: WireSuggestion[] = [];
  for (let k = head; k < nNew - tail; k++) {
    const at = now.cpStarts[k];
    const spans: Span[] = [];
    for (const s of now.spans[k]) spans.push({ ...s, start: s.start + at, end: s.end + at });
    const made = suggestionsOf(spans);
    counts.push(made.length);
    for (const s of made) insert.push(wire(s));
    const position = positionAt(now.starts[k]);
    lines.push(position.line);
    characters.push(position.character);
  }
  // how the segments at the end moved: lines by the lines the edit added, characters on the line where they begin
  let shift = { cp: delta, line: 0, fromLine: -1, character: 0 };
  if (tail > 0) {
    const first = positionAt(now.starts[nNew - tail]);
    const oldLine = prev.lines[nOld - tail];
    shift = { cp: delta, line: first.line - oldLine, fromLine: oldLine, character: first.character - prev.characters[nOld - tail] };
  }
  for (let k = nOld - tail; k < nOld; k++) {
    counts.push(prev.counts[k]);
    const line = prev.lines[k];
    lines.push(line + shift.line);
    characters.push(line === shift.fromLine ? prev.characters[k] + shift.character : prev.characters[k]);
  }
  return {
    patch: { keep, insert, tail: moved, shift },
    record: { spans: now.spans, cpStarts: now.cpStarts, lines, characters, counts, cpLength, marks },
  };
}

/**
 * Whether the marks leave the suggestions of the kept and moved segments as they were: those before the window the
 * same, those after it moved by `delta`, none reaching from the window into them.
 */
function sameMarks(prev: readonly Mark[], now: readonly Mark[], from: number, toOld: number, toNew: number, delta: number): boolean {
  const split = (marks: readonly Mark[], to: number) => {
    const before: Mark[] = [];
    const after: Mark[] = [];
    for (const m of marks) {
      if (m.end <= from) before.push(m);
      else if (m.start >= to) after.push(m);
      else if (m.start < from || m.end > to) return undefined;
    }
    return { before, after };
  };
  const a = split(prev, toOld);
  const b = split(now, toNew);
  if (!a || !b || a.before.length !== b.before.length || a.after.length !== b.after.length) return false;
  for (let k = 0; k < a.before.length; k++) {
    const x = a.before[k];
    const y = b.before[k];
    if (x.start !== y.start || x.end !== y.end || x.label !== y.label) return false;
  }
  for (let k = 0; k < a.after.length; k++) {
    const x = a.after[k];
    const y = b.after[k];
    if (x.start + delta !== y.start || x.end + delta !== y.end || x.label !== y.label) return false;
  }
  return true;
}
