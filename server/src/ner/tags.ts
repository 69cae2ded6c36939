// The BIO tag scheme of the entity model: tag ids, which transitions are legal, and spans <-> tag sequences.
// (BIO rather than BIOES: 7 tags instead of 13 make the weight table and the decoder about half as costly, for a
// small loss of accuracy; see server/models/README.md.)
import type { EntityLabel } from '../core/types';

export const ENTITY_TYPES: readonly EntityLabel[] = ['PER', 'LOC', 'ORG'];

/** Tag 0 is O; then B, I for each entity type in ENTITY_TYPES order. */
export const TAG_COUNT = 1 + 2 * ENTITY_TYPES.length;
export const O = 0;
const B = 0;
const I = 1;

export function tagOf(type: number, part: 'B' | 'I'): number {
  return 1 + 2 * type + (part === 'B' ? B : I);
}

/** Entity type index of a tag (-1 for O) and its part (0 B, 1 I). */
export function tagType(tag: number): number {
  return tag === O ? -1 : (tag - 1) >> 1;
}
export function tagPart(tag: number): number {
  return tag === O ? -1 : (tag - 1) & 1;
}

export function tagName(tag: number): string {
  return tag === O ? 'O' : 'BI'[tagPart(tag)] + '-' + ENTITY_TYPES[tagType(tag)];
}

/** True when `next` may follow `prev` in a well-formed BIO sequence: I-X only continues B-X or I-X. */
export function allowedTransition(prev: number, next: number): boolean {
  if (tagPart(next) !== I) return true;
  return prev !== O && tagType(prev) === tagType(next);
}

export function allowedStart(tag: number): boolean {
  return tagPart(tag) !== I;
}

export function allowedEnd(_tag: number): boolean {
  return true;
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
    tags[r.start] = tagOf(r.type, 'B');
    for (let i = r.start + 1; i < r.end; i++) tags[i] = tagOf(r.type, 'I');
    last = r.end;
  }
  return tags;
}

/** Ranges from a tag sequence; an I without its B (which constrained decoding never produces) opens a range. */
export function tagsToRanges(tags: ArrayLike<number>): TypedRange[] {
  const out: TypedRange[] = [];
  let open = -1;
  let openType = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const type = tagType(t);
    const continues = t !== O && tagPart(t) === I && open >= 0 && type === openType;
    if (open >= 0 && !continues) {
      out.push({ start: open, end: i, type: openType });
      open = -1;
    }
    if (t !== O && !continues) {
      open = i;
      openType = type;
    }
  }
  if (open >= 0) out.push({ start: open, end: tags.length, type: openType });
  return out;
}
