// Random edits for the property tests of incremental analysis: where (a fraction of the text), how many UTF-16 units
// to remove, and pieces to insert; applied without ever splitting a surrogate pair.
import fc from 'fast-check';

export interface RandomEdit {
  at: number;
  remove: number;
  insert: string;
}

/** Edits removing up to `maxRemove` units and inserting up to three of `pieces`. */
export function randomEdit(pieces: readonly string[], maxRemove: number): fc.Arbitrary<RandomEdit> {
  return fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.integer({ min: 0, max: maxRemove }),
    insert: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((a) => a.join('')),
  });
}

/** The text after the edit; its ends are moved off the middle of a surrogate pair. */
export function applyEdit(text: string, e: RandomEdit): string {
  let at = Math.floor(e.at * text.length);
  if (at > 0 && at < text.length && /[\udc00-\udfff]/.test(text[at])) at--;
  let end = Math.min(text.length, at + e.remove);
  if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
  return text.slice(0, at) + e.insert + text.slice(end);
}
