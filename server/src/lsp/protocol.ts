// Messages between the extension client and the language server beyond the standard protocol.
// Plain types and typed request types (vscode-languageserver-protocol, which both sides' libraries share).
import type { AnalysisResult, DctSource, LabelGroup } from '../core/types';
import type { ExplicitDateOrigin } from '../core/describe';
import { RequestType } from 'vscode-languageserver-protocol';

/** The one document-date validator (dependency-free), for the editor's "Set Document Date" box. */
export { checkDocumentDate } from '../core/documentDateFormat';

/**
 * Node options the language server process is started with (by the extension and by the benchmarks alike). A young
 * generation of 2 MB semi-spaces instead of V8's default of up to 16 MB keeps the server with everything loaded about
 * 10-20 MiB lower at its peak (`npm run bench -- --only memory`: 160-175 MiB against 170-184 MiB at load 1-2) with
 * no measurable cost in keystroke latency (`--only lsp,keystroke`, the same minutes: 1 M chars tokens p95 43.3 ms
 * against 49.3 ms). --expose-gc gives the server gc(), which it runs once when it goes quiet after work
 * (server/src/lsp/idleCollection.ts); the flag alone changes no keystroke figure (four runs each alternated,
 * 04:40-04:47Z: 10 k p95 7.1-8.8 ms with it, 7.2-10.0 without).
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=2', '--expose-gc'];

/**
 * Environment the language server process gets on top of its parent's. glibc's malloc raises its threshold for
 * serving a request with its own mapping each time such a block is freed, so after a burst of edits the large typed
 * arrays come from the heap and their memory stays with the process; fixed thresholds give it back when freed
 * (`npm run bench:soak` with a first version of the idle collection of server/src/lsp/idleCollection.ts, after 3 s
 * of quiet, one run each: 15 s after 30 s of edits 205 MiB against a baseline of 186 without them, 160 against 180
 * with them; keystroke latency in
 * `npm run bench -- --only lsp`, three runs each alternated, 04:27-04:32Z: 10 k p95 7.3-9.7 ms with them, 7.6-9.3
 * without; 1 M p95 27.0-45.9 ms with, 24.3-33.5 without: within the spread of runs minutes apart). Other C libraries
 * ignore the variables.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/** What the client passes in `initializationOptions`. */
export interface InitializationOptions {
  /** The client's l10n bundle (vscode.l10n.bundle) for localised hovers; English when absent. */
  l10nBundle?: Record<string, string>;
}

export interface DocumentParams {
  uri: string;
}

/** The document date in use for one document and where it came from. */
export interface DocumentDateInfo {
  uri: string;
  date?: string;
  source: DctSource;
  /** For source 'explicit': a per-file choice or the setting. */
  origin?: ExplicitDateOrigin;
  /** The header line, file name or text the date was found in. */
  detail?: string;
  /** The localised one-line description, as in hovers ("Document date 2023-06-18 — from the file name"). */
  description: string;
  /** The file that stores per-file choices for this document. */
  storeFile: string;
}

export interface SetDocumentDateParams {
  uri: string;
  /** YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (checkDocumentDate), or null to forget the per-file choice. */
  date: string | null;
}

export type AnalysisResponse = AnalysisResult & { uri: string; version: number };

/** The document date in use for a document. */
export const DocumentDateRequest = new RequestType<DocumentParams, DocumentDateInfo, void>('newsAnnotator/documentDate');
/** Stores (or with null, forgets) the date of a document; answers with the date now in use. */
export const SetDocumentDateRequest = new RequestType<SetDocumentDateParams, DocumentDateInfo, void>('newsAnnotator/setDocumentDate');
/** The current analysis of a document (code-point spans and DCT), e.g. for tests and tools. */
export const AnalysisRequest = new RequestType<DocumentParams, AnalysisResponse, void>('newsAnnotator/analysis');

// ---------------------------------------------------------------------------------------------------------------
// The one module the extension client imports from the server side (checked by test/unit/layering.test.ts): the
// other protocol modules, and the few shared pieces the editor applies itself (the article rules, the .ann parser,
// the document-date validator and date candidates, the label schema's and the export's result types).
export * from '../annotations/taggingProtocol';
export { applySuggestionsPatch } from '../annotations/taggingStatePatch';
export * from './exportProtocol';
export * from './comparisonProtocol';
export * from './learningProtocol';
export {
  ANN_EXTENSION, ARTICLE_SAMPLE_LENGTH, DEFAULT_ARTICLE_GLOB, DEFAULT_MIN_CJK_SHARE, NEWS_EXTENSION, REVIEW_SUFFIX,
  articleBase, articleCandidates, hasArticleExtension, inExportFolder, looksLikeArticle,
} from '../annotations/articleRules';
export { parseAnn } from '../annotations/annFile';
export { HEADER_LINES, dateInFileName, parseDateString } from '../core/documentDate';
export type { LabelDefinition } from '../annotations/labelSchema';
export type { ExportSummary } from '../formats/exportCorpus';
export type { DocumentScope } from '../formats/exportScope';
export type { ImportSummary } from '../formats/importDataset';
