// A worker thread of the language server's entity pool (piscina): recognises PER, LOC and ORG in paragraph texts,
// so the model and the word segmenter's dictionary (a second or two to load, most of the server's memory) load off
// the thread that answers the editor, and a keystroke never waits for them.
import type { RawSpan } from '../core/types';
import { recogniseEntities } from '../ner/entities';

export default function recognise(texts: string[]): RawSpan[][] {
  return texts.map((t) => recogniseEntities(t));
}
