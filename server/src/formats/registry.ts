// Every dataset format by its command-line name.
import { brat } from './brat';
import { conllBio, conllBioes, conllWord } from './conll';
import { DatasetFormat, FORMAT_NAMES, FormatName } from './datasetFormat';
import { doccano } from './doccano';
import { huggingFace } from './huggingFace';
import { labelStudio } from './labelStudio';
import { spacy } from './spacy';

export const FORMATS: Record<FormatName, DatasetFormat> = {
  doccano,
  'label-studio': labelStudio,
  brat,
  'conll-bio': conllBio,
  'conll-bioes': conllBioes,
  'conll-word': conllWord,
  spacy,
  hf: huggingFace,
};

export function formatByName(name: string): DatasetFormat {
  const f = (FORMATS as Record<string, DatasetFormat>)[name];
  if (!f) throw new Error(`unknown format "${name}"; expected one of ${FORMAT_NAMES.join(', ')}`);
  return f;
}
