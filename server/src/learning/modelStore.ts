// The workspace's own entity model: `.news-annotator/model/ner.bin` (with `ner.json`, what it learned from and how it
// scored) is used instead of the shipped model; the model it replaced is kept as `previous.bin` / `previous.json` so
// the user can go back. Files are written to a temporary name and renamed, so a reader never sees half a model.
import * as fs from 'fs';
import * as path from 'path';
import type { NerModel } from '../ner/model';
import type { LabelScores } from './heldOutComparison';

export const MODEL_DIR = '.news-annotator/model';
const CURRENT = 'ner';
const PREVIOUS = 'previous';
/** Deflate level of a workspace model: quick to write (model.ts: encode). */
export const SAVE_LEVEL = 3;

/** What the store says about a model. */
export interface StoredModelInfo {
  /** The model file. */
  path: string;
  /** PER / LOC / ORG tags it learned from, and rejected suggestions. */
  tagsLearned: number;
  rejectionsLearned: number;
  documentsLearned: number;
  /** Overall F1 on the held-out reviewed documents (0–1), undefined when nothing was held out. */
  heldOutF1?: number;
  heldOutDocuments: number;
  /** Scores on the held-out documents of the model it replaced and of this one. */
  before?: LabelScores;
  after?: LabelScores;
  /** ISO time it was made. */
  createdAt: string;
  /** The base model it was adapted from. */
  base: string;
  /** Whether it was stored although it was not shown better (--force). */
  forced: boolean;
  /** How it was adapted (adaptModel.ts ADAPT_METHODS), chosen on the held-out documents; absent in older stores. */
  method?: string;
  /** Relative paths of the documents it learned from (the next comparison leaves them out of its held-out set). */
  learnedFrom?: string[];
}

export interface WorkspaceModelInfo extends StoredModelInfo {
  /** The model kept to go back to (undefined: going back means the shipped model). */
  previous?: StoredModelInfo;
}

export function modelDir(root: string): string {
  return path.join(path.resolve(root), MODEL_DIR);
}

/** The workspace model file when there is one (the language server and the CLI use it instead of the shipped model). */
export function workspaceModelFile(root: string): string | undefined {
  const file = path.join(modelDir(root), `${CURRENT}.bin`);
  return fs.existsSync(file) ? file : undefined;
}

/**
 * The workspace model that applies to a file or folder: `.news-annotator/model/ner.bin` in it (a folder) or in the
 * nearest folder above it that has one; undefined when none does (the shipped model applies).
 */
export function findWorkspaceModel(fileOrFolder: string): string | undefined {
  let dir = path.resolve(fileOrFolder);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const found = workspaceModelFile(dir);
    if (found) return found;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function readInfo(dir: string, name: string): StoredModelInfo | undefined {
  const bin = path.join(dir, `${name}.bin`);
  if (!fs.existsSync(bin)) return undefined;
  let info: Partial<StoredModelInfo> = {};
  try {
    info = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  } catch {
    // a model without its description (copied in by hand) is still a model
  }
  const stat = fs.statSync(bin);
  return {
    tagsLearned: 0,
    rejectionsLearned: 0,
    documentsLearned: 0,
    heldOutDocuments: 0,
    base: '',
    forced: false,
    ...info,
    createdAt: info.createdAt ?? stat.mtime.toISOString(),
    path: bin,
  };
}

/** The workspace model and the one kept before it, or undefined when the workspace uses the shipped model. */
export function workspaceModelInfo(root: string): WorkspaceModelInfo | undefined {
  const dir = modelDir(root);
  const current = readInfo(dir, CURRENT);
  if (!current) return undefined;
  const previous = readInfo(dir, PREVIOUS);
  return previous ? { ...current, previous } : current;
}

function writeAtomically(file: string, data: Buffer | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data as any);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function move(dir: string, from: string, to: string): void {
  for (const ext of ['.bin', '.json']) {
    const src = path.join(dir, from + ext);
    const dst = path.join(dir, to + ext);
    if (fs.existsSync(src)) fs.renameSync(src, dst);
    else if (fs.existsSync(dst)) fs.unlinkSync(dst);
  }
}

/** Stores a model as the workspace model; the one it replaces becomes the previous one. Returns the model file. */
export function saveWorkspaceModel(root: string, model: NerModel, info: Omit<StoredModelInfo, 'path'>): string {
  const dir = modelDir(root);
  fs.mkdirSync(dir, { recursive: true });
  const bin = path.join(dir, `${CURRENT}.bin`);
  const encoded = model.encode(SAVE_LEVEL);
  if (fs.existsSync(bin)) move(dir, CURRENT, PREVIOUS);
  writeAtomically(path.join(dir, `${CURRENT}.json`), JSON.stringify(info, null, 2) + '\n');
  writeAtomically(bin, encoded);
  return bin;
}

/**
 * Goes back to the model kept before the current one: the two swap (so going back twice returns to the newer one).
 * With no previous workspace model the current one is set aside as the previous and the shipped model is used again
 * (and going back once more brings it back). False when there is neither.
 */
export async function revertWorkspaceModel(root: string): Promise<boolean> {
  const dir = modelDir(root);
  if (!fs.existsSync(path.join(dir, `${CURRENT}.bin`))) {
    if (!fs.existsSync(path.join(dir, `${PREVIOUS}.bin`))) return false;
    move(dir, PREVIOUS, CURRENT);
    return true;
  }
  if (fs.existsSync(path.join(dir, `${PREVIOUS}.bin`))) {
    move(dir, CURRENT, 'swap');
    move(dir, PREVIOUS, CURRENT);
    move(dir, 'swap', PREVIOUS);
  } else {
    move(dir, CURRENT, PREVIOUS);
  }
  return true;
}
