// Messages between the extension client and the language server for suggestions that learn (issue 14): the model in
// use, updating it from the workspace's tags (progress, cancel, the held-out comparison before switching), going
// back, and the corpus-wide uncertainty order. The client reaches it through lsp/protocol.ts.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { LabelScore } from '../learning/heldOutComparison';

/** F1 and counts of one label on the held-out documents (0–1), as the held-out comparison computes them. */
export type WireLabelScore = LabelScore;

/** The entity model suggestions come from, and what the suggestions learned. */
export interface ModelStatus {
  /** 'shipped': the model that comes with the extension; 'workspace': one adapted to this workspace's tags. */
  kind: 'shipped' | 'workspace';
  path: string;
  /** Tags the workspace model was trained on (0 for the shipped model). */
  tagsLearned: number;
  documentsLearned: number;
  /** Overall held-out F1 of the workspace model (0–1) and on how many reviewed documents. */
  heldOutF1?: number;
  heldOutDocuments: number;
  createdAt?: string;
  /** Whether "Revert to the Previous Suggestion Model" has something to go back to. */
  canRevert: boolean;
  /** What online adaptation uses now: confirmed tags in the workspace lexicon and remembered rejections. */
  lexiconTags: number;
  rejections: number;
}

export interface UpdateModelParams {
  /** An article of the workspace folder to update (default: the first workspace folder). */
  uri?: string;
}

export interface UpdateModelResult {
  /** True when the new model was shown no worse on the held-out documents and waits for "use" or "discard". */
  accepted: boolean;
  /** Why the new model is refused (worse, nothing to learn, nothing to hold out). */
  reason?: string;
  before: WireLabelScore[];
  after: WireLabelScore[];
  tagsLearned: number;
  rejectionsLearned: number;
  documentsLearned: number;
  heldOutDocuments: number;
  seconds: number;
  /** Problems with single files (left out of training), for the output channel. */
  problems: { file: string; message: string }[];
}

export interface ModelChoiceParams {
  uri?: string;
}

export interface LearningProgress {
  done: number;
  total: number;
  stage: string;
}

export interface UncertainSuggestion {
  uri: string;
  /** Code points, end exclusive. */
  start: number;
  end: number;
  label: string;
  text: string;
  confidence: number;
}

export interface DocumentUsefulness {
  uri: string;
  /** Unreviewed entity suggestions with confidence below UNCERTAIN_BELOW, and the sum of (1 − confidence) over all. */
  uncertain: number;
  doubt: number;
  suggestions: number;
}

export interface UncertaintyParams {
  /** At most this many suggestions (lowest confidence first); default 200. */
  limit?: number;
}

export interface UncertaintyResult {
  suggestions: UncertainSuggestion[];
  /** Every unreviewed article, most useful first. */
  documents: DocumentUsefulness[];
  /** Milliseconds the server took (entities of articles not seen before included). */
  ms: number;
}

/** A suggestion below this calibrated confidence counts as uncertain for the Corpus view's order. */
export const UNCERTAIN_BELOW = 0.6;

export const ModelStatusRequest = new RequestType<ModelChoiceParams, ModelStatus, void>('newsAnnotator/modelStatus');
/** Trains a new model in a worker and scores old and new on held-out reviewed documents; nothing switches yet. */
export const UpdateModelRequest = new RequestType<UpdateModelParams, UpdateModelResult, void>('newsAnnotator/updateModel');
/** Switches to the new model the last update made (suggestions are recomputed); answers with the status. */
export const UseNewModelRequest = new RequestType<ModelChoiceParams, ModelStatus, void>('newsAnnotator/useNewModel');
/** Drops the new model the last update made (the model in use stays). */
export const DiscardNewModelRequest = new RequestType<ModelChoiceParams, ModelStatus, void>('newsAnnotator/discardNewModel');
/** Goes back to the model used before the last switch (or the shipped one). */
export const RevertModelRequest = new RequestType<ModelChoiceParams, ModelStatus, void>('newsAnnotator/revertModel');
/** The workspace's unreviewed suggestions, lowest confidence first, and its articles by expected usefulness. */
export const UncertaintyRequest = new RequestType<UncertaintyParams, UncertaintyResult, void>('newsAnnotator/uncertainty');
/** Server → client while an update runs. */
export const LearningProgressNotification = new NotificationType<LearningProgress>('newsAnnotator/learningProgress');
/** Server → client: the model or what online adaptation learned changed (the status item refreshes). */
export const ModelChangedNotification = new NotificationType<ModelStatus>('newsAnnotator/modelChanged');
