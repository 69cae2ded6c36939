// A worker thread of the language server's entity pool (piscina): recognises PER, LOC and ORG in paragraph texts,
// so the model and the word segmenter's dictionary (a second or two to load, most of the server's memory) load off
// the thread that answers the editor, and a keystroke never waits for them.
import { UnitEntities, recogniseEntityUnits, useModelFile } from '../ner/entities';

/** Paragraph texts, with the model file to use (a workspace's adapted model; undefined: the shipped model). */
export interface EntityTask {
  texts: string[];
  model?: string;
}

export default function recognise(task: EntityTask | string[]): UnitEntities[] {
  const { texts, model } = Array.isArray(task) ? { texts: task, model: undefined } : task;
  useModelFile(model);
  return recogniseEntityUnits(texts);
}
