// PER, LOC, ORG from the trained sequence model (server/models/ner-msra.bin), loaded lazily once.
import * as fs from 'fs';
import type { RawSpan } from '../core/types';
import { shippedModelPath } from '../core/shippedModels';
import { NerModel } from './model';
import { EntityRecogniser } from './entityRecogniser';
import { DocumentPart, commonWords, spreadDocumentNames } from './documentConsistency';
import type { EntitySpan } from './postRules';

export const MODEL_FILE = 'ner-msra.bin';

/** Where the model is: $NEWS_ANNOTATOR_NER_MODEL, else server/models/ner-msra.bin. */
export const modelPath = (): string => shippedModelPath(MODEL_FILE, 'NEWS_ANNOTATOR_NER_MODEL');

let recogniser: EntityRecogniser | undefined;
/** The file `recogniser` was loaded from. */
let recogniserFile: string | undefined;
/** A model chosen at run time (a workspace's own model, server/src/learning/modelStore.ts), else undefined. */
let chosenFile: string | undefined;

/**
 * Makes the shared recogniser use this model file from the next call on (a workspace's adapted model); undefined goes
 * back to modelPath(). Cheap when the file is already the one in use.
 */
export function useModelFile(file: string | undefined): void {
  chosenFile = file;
  if (recogniser && recogniserFile !== (file ?? modelPath())) recogniser = undefined;
}

/** The model file the shared recogniser uses (or will load on first use). */
export function modelFileInUse(): string {
  return chosenFile ?? modelPath();
}

/** The shared recogniser; throws a clear error when the model file is missing or unreadable. */
export function entityRecogniser(): EntityRecogniser {
  if (!recogniser) {
    const file = modelFileInUse();
    if (!fs.existsSync(file)) {
      throw new Error(`named-entity model not found at ${file} (train it with "npm run train:ner" or set NEWS_ANNOTATOR_NER_MODEL)`);
    }
    try {
      recogniser = new EntityRecogniser(NerModel.load(file));
      recogniserFile = file;
    } catch (e) {
      throw new Error(`cannot load the named-entity model ${file}: ${(e as Error).message}`);
    }
  }
  return recogniser;
}

/** PER / LOC / ORG spans with UTF-16 offsets and a confidence in [0, 1]. */
export function recogniseEntities(text: string): RawSpan[] {
  return recogniseEntitiesAll([text])[0];
}

/** recogniseEntities for several texts (paragraphs) at once: the same spans, the word tagger asked in batches. */
export function recogniseEntitiesAll(texts: readonly string[]): RawSpan[][] {
  return recogniseNonBlank(entityRecogniser, texts);
}

/**
 * The spans of each text by the recogniser `rec()` gives, confidences to three decimals; blank texts are not sent to
 * the model (nor is it loaded when all are blank). `wordBounds`, when given (one array per text), receives the word
 * tagger's word boundaries of each text (EntityRecogniser.recogniseAll).
 */
function recogniseNonBlank(rec: () => EntityRecogniser, texts: readonly string[], wordBounds?: number[][]): EntitySpan[][] {
  const blank = texts.map((t) => !/[^\s]/.test(t));
  const kept = texts.filter((_, k) => !blank[k]);
  const keptBounds = wordBounds && kept.map(() => [] as number[]);
  const found = kept.length ? rec().recogniseAll(kept, {}, keptBounds) : [];
  let next = 0;
  return texts.map((_, k) => {
    if (blank[k]) return [];
    if (wordBounds) wordBounds[k] = keptBounds![next];
    return found[next++].map((s) => ({ start: s.start, end: s.end, label: s.label, confidence: Math.round(s.confidence * 1000) / 1000 }));
  });
}

/**
 * A text's entities with what the document-level pass (documentConsistency.ts) needs of it: where the word tagger's
 * words start and end, and which of the spans' strings are common words. What the editor's entity worker returns
 * for each unit, and what analyze() computes for the whole text.
 */
export interface UnitEntities {
  spans: RawSpan[];
  wordBounds: Int32Array;
  common: string[];
}

/**
 * recogniseEntitiesAll, with each text's word boundaries and common words for the document-level pass; `rec` is the
 * shared recogniser unless another is given (npm run eval:ner scores a model file of its own).
 */
export function recogniseEntityUnits(texts: readonly string[], rec?: EntityRecogniser): UnitEntities[] {
  const bounds: number[][] = texts.map(() => []);
  const spans = recogniseNonBlank(() => rec ?? entityRecogniser(), texts, bounds);
  return texts.map((text, k) => ({ spans: spans[k], wordBounds: Int32Array.from(bounds[k]), common: commonWords(text, spans[k]) }));
}

/**
 * The document-level pass over the parts of one document (its paragraphs, or the whole text as one part): each
 * part's entity spans with the document's names spread (documentConsistency.ts).
 */
export function spreadEntityUnits(texts: readonly string[], units: readonly UnitEntities[]): RawSpan[][] {
  const parts: DocumentPart[] = texts.map((text, k) => ({
    text,
    spans: units[k].spans as EntitySpan[],
    wordBounds: units[k].wordBounds,
    common: units[k].common,
  }));
  return spreadDocumentNames(parts).map((spans) => spans.map((s) => ({ start: s.start, end: s.end, label: s.label, confidence: s.confidence })));
}
