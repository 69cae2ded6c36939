// Messages between the extension client and the language server for tagging: plain types and typed request and
// notification types (vscode-languageserver-protocol, shared by both sides' libraries, as vscode-eslint does), so
// the compiler checks the parameters and results on both sides. The client reaches it through lsp/protocol.ts.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { LabelDefinition } from './labelSchema';
import type { NormalisedValues } from './annFile';
import type { TagFinding } from '../checks/tagIntegrity';

/** LSP-style position and range (line, UTF-16 character). */
export interface WirePosition {
  line: number;
  character: number;
}
export interface WireRange {
  start: WirePosition;
  end: WirePosition;
}

export interface WireTag extends NormalisedValues {
  id: string;
  label: string;
  text: string;
  /** Code points, end exclusive, as in the .ann. */
  start: number;
  end: number;
  range: WireRange;
}

export interface WireSuggestion extends NormalisedValues {
  key: string;
  /** Set for a suggestion learned from the workspace's tags (online adaptation): how many tags it comes from. */
  learned?: number;
  label: string;
  text: string;
  start: number;
  end: number;
  range: WireRange;
}

export interface WireMismatch {
  id: string;
  label: string;
  text: string;
  start: number;
  end: number;
  message: string;
  /** Where the tag's offsets point in the text now (clipped to the text), for the diagnostic. */
  range: WireRange;
}

export interface WireProblem {
  message: string;
  range: WireRange;
}

/** Everything the client shows for one article. */
export interface TaggingState {
  uri: string;
  version: number;
  annPath?: string;
  reviewPath?: string;
  reviewed: boolean;
  tags: WireTag[];
  suggestions: WireSuggestion[];
  mismatches: WireMismatch[];
  /** Tag integrity findings (server/src/checks/tagIntegrity.ts) at their default severities. */
  integrity: TagFinding<WireRange>[];
  labels: LabelDefinition[];
  /** The schema file in force (undefined: the default labels). */
  schemaPath?: string;
  /** Problems in the schema file (the default labels are then in force). */
  schemaProblems: WireProblem[];
  /** Malformed lines of the .ann (kept verbatim), 1-based line numbers. */
  annErrors: { line: number; message: string }[];
  reviewErrors: { line: number; message: string }[];
  canUndo: boolean;
  canRedo: boolean;
  /** Set when the files could not be written or read; the state is kept in memory and written on the next change. */
  storageError?: string;
  /** Set when the document cannot be tagged (not a file on disk). */
  unavailable?: string;
  /** Counts the states the server sent for this article (pushed or answered): what a patch's `baseSeq` refers to. */
  seq?: number;
}

/** How the old suggestions at the end of the list moved: by `cp` code points and `line` lines; positions on old line
 *  `fromLine` also by `character` characters (taggingStatePatch.ts makes and applies patches). */
export interface SuggestionShift {
  cp: number;
  line: number;
  fromLine: number;
  character: number;
}

export interface SuggestionsPatch {
  /** Old suggestions kept as they are at the start. */
  keep: number;
  /** New suggestions after those. */
  insert: WireSuggestion[];
  /** Old suggestions at the end, moved by `shift`. */
  tail: number;
  shift: SuggestionShift;
}

/**
 * A state sent as a change of the suggestions of the state the client has (the one with `seq` = `baseSeq`), every
 * other field whole (they are small). See taggingStatePatch.ts.
 */
export interface TaggingStatePatch extends Omit<TaggingState, 'suggestions'> {
  baseSeq: number;
  suggestionsPatch: SuggestionsPatch;
}

/** Offsets are UTF-16 offsets into the document (what `document.offsetAt` gives). */
export type TaggingOp =
  | { op: 'tag'; start: number; end: number; label: string }
  | { op: 'accept'; offset: number }
  | { op: 'acceptAll'; start?: number; end?: number; label?: string }
  | { op: 'reject'; offset: number }
  | { op: 'rejectAll'; start?: number; end?: number; label?: string }
  | { op: 'remove'; offset: number }
  | { op: 'relabel'; offset: number; label: string }
  | { op: 'resize'; offset: number; edge: 'start' | 'end'; delta: 1 | -1 }
  | { op: 'markReviewed'; reviewed: boolean }
  | { op: 'undo' }
  | { op: 'redo' }
  | { op: 'reanchor' }
  | { op: 'next'; offset: number; direction: 1 | -1 };

export interface TaggingOpParams {
  uri: string;
  op: TaggingOp;
}

export interface TaggingOpResult {
  ok: boolean;
  changed: boolean;
  /** Localised, for the user (why nothing was done, or what was done). */
  message?: string;
  /** The tag or suggestion the operation is about (for 'next': where to go). */
  target?: WireRange;
  /** How many tags or suggestions an 'acceptAll' / 'rejectAll' / 'reanchor' handled. */
  count?: number;
  state: TaggingState;
  /** Milliseconds: applying the operation, writing the files, building the state. */
  timings: { apply: number; write: number; state: number };
}

export interface DocumentUriParams {
  uri: string;
}

/** Server → client: the state of an article changed (edits, outside changes, schema). */
export const TaggingStateNotification = new NotificationType<TaggingState>('newsAnnotator/taggingState');
/** Server → client: the state changed, sent as a patch of the previous one (after edits: see taggingStatePatch.ts). */
export const TaggingStatePatchNotification = new NotificationType<TaggingStatePatch>('newsAnnotator/taggingStatePatch');
/** Client → server: the state of an article (TaggingState). */
export const TaggingStateRequest = new RequestType<DocumentUriParams, TaggingState, void>('newsAnnotator/getTaggingState');
/** Client → server: one tagging operation (TaggingOpParams → TaggingOpResult). */
export const TaggingOpRequest = new RequestType<TaggingOpParams, TaggingOpResult, void>('newsAnnotator/taggingOp');
