// cppjieba's constants that the word tagger's output depends on (include/cppjieba/DictTrie.hpp, Trie.hpp,
// SegmentBase.hpp).

/** The weight of an impossible route or HMM state (DictTrie.hpp MIN_DOUBLE). */
export const MIN_DOUBLE = -3.14e100;

/** The longest dictionary word the route considers, in code points (Trie.hpp MAX_WORD_LENGTH). */
export const MAX_WORD_LENGTH = 512;

/** Characters the text is split at before segmenting, each a word of its own: space, tab, line feed, ， and 。 */
export function isSeparator(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0xff0c || cp === 0x3002;
}
