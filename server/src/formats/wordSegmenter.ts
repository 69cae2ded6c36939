// Chinese words for the word-level CoNLL export: jieba's dictionary route (nodejieba's `cut(text)`, no HMM), from the
// project's own word tagger (server/src/segmentation), on the calling thread: it segments about 4 million
// characters a second, so a worker thread would cost more in messages than it saves.
import { sharedWordTagger } from '../segmentation/wordTagger';

/**
 * Code-point offsets of the word ends of `text` (ascending), or undefined when the text holds a lone surrogate
 * (jieba sees U+FFFD there, so its words are not the text's: the caller falls back to characters, as it did when
 * nodejieba changed the text).
 */
export function wordEndsSync(text: string): Uint32Array | undefined {
  if (text === '') return new Uint32Array(0);
  const tagger = sharedWordTagger();
  const count = tagger.segment(text, false, false);
  if (!tagger.wellFormed) return undefined;
  return Uint32Array.from(tagger.wordEnd.subarray(0, count));
}
