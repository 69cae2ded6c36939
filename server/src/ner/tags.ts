// The BIOES tag scheme of the entity model: tag ids, which transitions are legal, and spans <-> tag sequences.
import type { EntityLabel } from '../core/types';

export const ENTITY_TYPES: readonly EntityLabel[] = ['PER', 'LOC', 'ORG'];

/** Tag 0 is O; then B, I, E, S for each entity type in ENTITY_TYPES order. */
export const TAG_COUNT = 1 + 4 * ENTITY_TYPES.length;
export const O = 0;
const B = 0;
const I = 1;
const E = 2;
const S = 3;

export function tagOf(type: number, part: 'B' | 'I' | 'E' | 'S'): number {
  return 1 + 4 * type + { B, I, E, S }[part];
}

/** Entity type index of a tag (-1 for O) and its part (0 B, 1 I, 2 E, 3 S). */
export function tagType(tag: number): number {
  return tag === O ? -1 : (tag - 1) >> 2;
}
export function tagPart(tag: number): number {
  return tag === O ? -1 : (tag - 1) & 3;
}

export function tagName(tag: number): string {
  return tag === O ? 'O' : 'BIES'[tagPart(tag)] + '-' + ENTITY_TYPES[tagType(tag)];
}

/** True when `next` may follow `prev` in a well-formed BIOES sequence. */
export function allowedTransition(prev: number, next: number): boolean {
  const pp = tagPart(prev);
  const np = tagPart(next);
  const inside = pp === B || pp === I; // an entity is open after prev
  if (inside) return (np === I || np === E) && tagType(prev) === tagType(next);
  return next === O || np === B || np === S;
}

export function allowedStart(tag: number): boolean {
  const p = tagPart(tag);
  return tag === O || p === B || p === S;
}

export function allowedEnd(tag: number): boolean {
  const p = tagPart(tag);
  return tag === O || p === E || p === S;
}

export interface TypedRange {
  start: number;
  end: number;
  type: number;
}

/** Tags for `length` positions from non-overlapping ranges (later overlapping ranges are skipped). */
export function rangesToTags(length: number, ranges: readonly TypedRange[]): Uint8Array {
  const tags = new Uint8Array(length);
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  let last = 0;
  for (const r of sorted) {
    if (r.start < last || r.end > length || r.start >= r.end) continue;
    if (r.end - r.start === 1) tags[r.start] = tagOf(r.type, 'S');
    else {
      tags[r.start] = tagOf(r.type, 'B');
      for (let i = r.start + 1; i < r.end - 1; i++) tags[i] = tagOf(r.type, 'I');
      tags[r.end - 1] = tagOf(r.type, 'E');
    }
    last = r.end;
  }
  return tags;
}

/** Ranges from a tag sequence; ill-formed runs (which constrained decoding never produces) are closed leniently. */
export function tagsToRanges(tags: ArrayLike<number>): TypedRange[] {
  const out: TypedRange[] = [];
  let open = -1;
  let openType = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const part = tagPart(t);
    const type = tagType(t);
    if (open >= 0 && (t === O || part === B || part === S || type !== openType)) {
      out.push({ start: open, end: i, type: openType });
      open = -1;
    }
    if (t === O) continue;
    if (part === S) out.push({ start: i, end: i + 1, type });
    else if (part === B || open < 0) {
      open = i;
      openType = type;
    }
    if (part === E && open >= 0) {
      out.push({ start: open, end: i + 1, type: openType });
      open = -1;
    }
  }
  if (open >= 0) out.push({ start: open, end: tags.length, type: openType });
  return out;
}
