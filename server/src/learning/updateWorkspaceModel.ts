// "Update suggestions from my tags", in this thread: read the workspace's decisions, hold out part of the reviewed
// documents, adapt the base model on the rest, score the model in use and the candidate on the held-out documents,
// refuse a worse one (saying which label fell and by how much), else store the candidate in the workspace (the model
// it replaces kept to go back to). index.ts runs this in a worker thread.
import * as fs from 'fs';
import { NerModel } from '../ner/model';
import { modelPath as shippedModelPath } from '../ner/entities';
import { ADAPT_METHODS, AdaptMethod, AdaptOptions, LearningCancelled, MAX_TRAINING_CHARACTERS, METHOD_ORDER, adaptModel } from './adaptModel';
import { LabelScores, scoreModel, splitHeldOut, whyWorse } from './heldOutComparison';
import { SAVE_LEVEL, saveWorkspaceModel, workspaceModelFile, workspaceModelInfo } from './modelStore';
import { DocumentProblem, LearningExample, LearningInputError, WorkspaceDocument, documentExamples, learningCounts, readWorkspaceDocuments } from './workspaceTrainingData';

export interface LearningProgress {
  done: number;
  total: number;
  /** 'reading' | 'training' | 'comparing' | 'saving' */
  stage: string;
}

/** The options that cross to the worker thread (no functions, no signal). */
export interface UpdateSettings {
  /** The workspace folder. */
  root: string;
  /** Only these articles (article, .ann or sidecar paths, absolute or relative to root); default every one under root. */
  files?: string[];
  /** The model to adapt (default: the shipped model, or $NEWS_ANNOTATOR_NER_MODEL). */
  baseModel?: string;
  /** Share of the reviewed documents held out for the comparison (default 0.2; at least one when two are reviewed). */
  holdoutFraction?: number;
  /** Store the model even when it is not shown better (or nothing can be held out). */
  force?: boolean;
  /** Write the model to this file instead of the workspace store (the CLI's --out). */
  out?: string;
  /**
   * How to adapt (adaptModel.ts ADAPT_METHODS); default: both are trained and the one with the higher F1 on the
   * held-out documents is kept ('words' when nothing is held out).
   */
  method?: AdaptMethod;
  /** Training settings (defaults in adaptModel.ts: DEFAULT_ADAPT). */
  epochs?: number;
  repeat?: number;
  rate?: number;
}

export interface UpdateOptions extends UpdateSettings {
  signal?: AbortSignal;
  onProgress?: (p: LearningProgress) => void;
  /** Run in the calling thread instead of a worker (the CLI, tests, benchmarks). */
  inThread?: boolean;
}

export interface UpdateResult {
  /** Whether the new model was stored (and is used from now on). */
  accepted: boolean;
  /** Why it was not stored, or a note when it was stored without a comparison (--force). */
  reason?: string;
  /** Held-out scores of the model in use and of the candidate (empty when nothing was held out). */
  before: LabelScores;
  after: LabelScores;
  /** PER / LOC / ORG tags learned from (the training documents: the held-out ones are not learned from). */
  tagsLearned: number;
  rejectionsLearned: number;
  documentsLearned: number;
  heldOutDocuments: number;
  /** How the new model was adapted, and each method's overall held-out F1 (0-1) when several were tried. */
  method?: AdaptMethod;
  methodF1?: Partial<Record<AdaptMethod, number>>;
  /** The stored model file, when accepted. */
  modelPath?: string;
  /** Documents and lines left out, with why. */
  problems: DocumentProblem[];
  /** Wall-clock seconds of the whole update. */
  seconds: number;
}

export const DEFAULT_HOLDOUT = 0.2;

function loadModel(file: string, what: string): NerModel {
  if (!fs.existsSync(file)) throw new LearningInputError(`${what} not found: ${file}`);
  try {
    return NerModel.load(file);
  } catch (err) {
    throw new LearningInputError(`${what} ${file} cannot be loaded: ${(err as Error).message}`);
  }
}

/**
 * The training examples of the documents, reviewed documents first, up to MAX_TRAINING_CHARACTERS; the documents
 * that did not fit are named in `left`.
 */
export function examplesOf(docs: readonly WorkspaceDocument[], budget = MAX_TRAINING_CHARACTERS): { examples: LearningExample[]; left: WorkspaceDocument[] } {
  const examples: LearningExample[] = [];
  const left: WorkspaceDocument[] = [];
  let chars = 0;
  for (const d of [...docs].sort((a, b) => Number(b.reviewed) - Number(a.reviewed))) {
    const mine = documentExamples(d);
    const n = mine.reduce((k, e) => k + e.allowed.length, 0);
    if (chars + n > budget) {
      left.push(d);
      continue;
    }
    chars += n;
    examples.push(...mine);
  }
  return { examples, left };
}

export async function updateInThread(options: UpdateOptions): Promise<UpdateResult> {
  const t0 = Date.now();
  const progress = (stage: string, done: number, total: number) => options.onProgress?.({ stage, done, total });
  const check = () => {
    if (options.signal?.aborted) throw new LearningCancelled();
  };
  const fraction = options.holdoutFraction ?? DEFAULT_HOLDOUT;
  if (!(fraction >= 0 && fraction < 1)) throw new LearningInputError(`the held-out share must be from 0 to less than 1, got ${fraction}`);
  progress('reading', 0, 1);
  const { documents, problems } = readWorkspaceDocuments(options.root, options.files);
  progress('reading', 1, 1);
  check();
  const empty = (reason: string): UpdateResult => ({
    accepted: false, reason, before: [], after: [], tagsLearned: 0, rejectionsLearned: 0, documentsLearned: 0, heldOutDocuments: 0, problems, seconds: (Date.now() - t0) / 1000,
  });
  if (!documents.length) {
    return empty(`nothing to learn from under ${options.root}: no article has PER / LOC / ORG tags, rejected suggestions or a "reviewed" mark`);
  }
  const baseFile = options.baseModel ?? shippedModelPath();
  const base = loadModel(baseFile, 'base model');
  const inUseFile = options.out ? baseFile : workspaceModelFile(options.root) ?? baseFile;
  let leftOut = new Set<WorkspaceDocument>();
  const examplesFor = (docs: readonly WorkspaceDocument[]) => {
    const { examples, left } = examplesOf(docs);
    leftOut = new Set(left);
    if (left.length) {
      problems.push({ file: left[0].relative, message: `${left.length} document(s) left out of this update (${left.map((d) => d.relative).slice(0, 3).join(', ')}${left.length > 3 ? ', …' : ''}): one update learns from at most ${MAX_TRAINING_CHARACTERS.toLocaleString('en-US')} characters` });
    }
    return examples;
  };
  const adapt = (examples: LearningExample[], method: AdaptMethod, stage: string) => {
    const opts: AdaptOptions = {
      ...ADAPT_METHODS[method],
      epochs: options.epochs, repeat: options.repeat, rate: options.rate, signal: options.signal,
      onProgress: (done, total) => progress(stage, done, total),
    };
    return adaptModel(base, examples, opts).model;
  };
  const methods = options.method ? [options.method] : METHOD_ORDER;

  const { train, heldOut } = splitHeldOut(documents, fraction);
  let before: LabelScores = [];
  let after: LabelScores = [];
  let reason: string | undefined;
  let model: NerModel;
  let learnedFrom = train;
  let compared = heldOut;
  let method: AdaptMethod = methods[0];
  const methodF1: Partial<Record<AdaptMethod, number>> = {};
  if (heldOut.length) {
    const inUse = inUseFile === baseFile ? base : loadModel(inUseFile, 'workspace model');
    // a held-out document the model in use learned from (it was not reviewed then, or not held out) would flatter it:
    // left out of the comparison while others remain
    const seen = new Set(inUseFile === baseFile ? [] : (workspaceModelInfo(options.root)?.learnedFrom ?? []));
    const unseen = heldOut.filter((d) => !seen.has(d.relative));
    if (unseen.length) compared = unseen;
    const examples = examplesFor(train);
    // each method trained on the same documents; the one with the higher held-out F1 is the candidate
    let candidate: NerModel | undefined;
    for (const [k, m] of methods.entries()) {
      const model = adapt(examples, m, methods.length > 1 ? `training (${k + 1} of ${methods.length})` : 'training');
      check();
      const scores = scoreModel(model, compared);
      const f1 = scores.find((s) => s.label === 'ALL')?.f1 ?? 0;
      methodF1[m] = f1;
      if (!candidate || f1 > (after.find((s) => s.label === 'ALL')?.f1 ?? 0)) {
        candidate = model;
        after = scores;
        method = m;
      }
    }
    progress('comparing', 0, 1);
    before = scoreModel(inUse, compared);
    progress('comparing', 1, 1);
    check();
    const worse = whyWorse(before, after);
    if (worse && !options.force) {
      const c = learningCounts(train);
      return { ...empty(`the new model is worse on ${compared.length} held-out reviewed document(s): ${worse}; the model in use is kept`), before, after, tagsLearned: c.tags, rejectionsLearned: c.rejected, documentsLearned: c.documents, heldOutDocuments: compared.length, method, methodF1 };
    }
    if (worse) reason = `stored although worse (forced): ${worse}`;
    // the model stored is the one compared: the held-out documents stay out of it
    model = candidate!;
  } else {
    const c = learningCounts(documents);
    if (!options.force) {
      return {
        ...empty(`no reviewed document can be held out to show the new model is better (${c.reviewed} reviewed): mark at least two documents reviewed, or force the update`),
        tagsLearned: c.tags, rejectionsLearned: c.rejected, documentsLearned: c.documents,
      };
    }
    reason = 'stored without a held-out comparison (forced; fewer than two reviewed documents)';
    model = adapt(examplesFor(documents), method, 'training');
    learnedFrom = documents;
  }
  check();
  progress('saving', 0, 1);
  const learned = learnedFrom.filter((d) => !leftOut.has(d));
  const c = learningCounts(learned);
  const overall = after.find((s) => s.label === 'ALL');
  model = new NerModel({
    ...model.data,
    meta: { ...model.data.meta, adaptedFrom: baseFile, adaptedOn: new Date().toISOString(), workspaceTags: c.tags, workspaceRejections: c.rejected, workspaceDocuments: c.documents },
  });
  let modelPath: string;
  if (options.out) {
    model.save(options.out, SAVE_LEVEL);
    modelPath = options.out;
  } else {
    modelPath = saveWorkspaceModel(options.root, model, {
      tagsLearned: c.tags,
      rejectionsLearned: c.rejected,
      documentsLearned: c.documents,
      heldOutF1: overall?.f1,
      heldOutDocuments: compared.length,
      before: before.length ? before : undefined,
      after: after.length ? after : undefined,
      createdAt: new Date().toISOString(),
      base: baseFile,
      forced: !!reason,
      method,
      learnedFrom: learned.map((d) => d.relative),
    });
  }
  progress('saving', 1, 1);
  return {
    accepted: true, reason, before, after, tagsLearned: c.tags, rejectionsLearned: c.rejected, documentsLearned: c.documents,
    heldOutDocuments: compared.length, modelPath, problems, seconds: (Date.now() - t0) / 1000, method, methodF1,
  };
}
