// A word's POS tag (cppjieba PosTagger::LookupTag): the dictionary's tag when the word is in the dictionary with a
// tag, else by its characters (PosTagger::SpecialRule): "x" when it has no ASCII character among those looked at,
// "m" when those ASCII characters are all digits, "eng" otherwise. SpecialRule stops counting once the ASCII
// characters reach half the word's length (rounded down), so a one-character word not in the dictionary is always
// "x", "1a" is "m" and "a1" is "eng".
import { DictionaryTrie } from './dictionaryTrie';

/** Tag ids beyond the dictionary's own: the special rule's three tags. */
export interface SpecialTagIds {
  m: number;
  eng: number;
  x: number;
}

/** The special rule's tag for the word cps[from..to). */
export function specialRuleTag(cps: Int32Array, from: number, to: number, ids: SpecialTagIds): number {
  const size = to - from;
  const half = size >>> 1;
  let m = 0;
  let eng = 0;
  for (let i = 0; i < size && eng < half; i++) {
    const r = cps[from + i];
    if (r < 0x80) {
      eng++;
      if (r >= 0x30 && r <= 0x39) m++;
    }
  }
  if (eng === 0) return ids.x;
  if (m === eng) return ids.m;
  return ids.eng;
}

/**
 * The tag id of the word cps[from..to) given its trie node (-1 when not known to be in the dictionary);
 * `emptyTag` is the id of the dictionary's empty tag (user words without one), -1 if none.
 */
export function lookupTag(trie: DictionaryTrie, node: number, cps: Int32Array, from: number, to: number, emptyTag: number, ids: SpecialTagIds): number {
  if (node >= 0 && trie.isWord(node)) {
    const t = trie.nodeTag[node];
    if (t !== emptyTag) return t;
  }
  return specialRuleTag(cps, from, to, ids);
}
