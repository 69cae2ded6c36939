// Messages between the extension client and the language server beyond the standard protocol.
// Plain types only, so both sides (and the tests) can import this file without pulling in either library.
import type { AnalysisResult, DctSource, LabelGroup } from '../core/types';
import type { ExplicitDateOrigin } from '../core/describe';

/** The one document-date validator (dependency-free), for the editor's "Set Document Date" box. */
export { checkDocumentDate } from '../core/documentDateFormat';

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

export const DocumentDateRequest = 'newsAnnotator/documentDate';
export const SetDocumentDateRequest = 'newsAnnotator/setDocumentDate';
/** The current analysis of a document (code-point spans and DCT), e.g. for tests and tools. */
export const AnalysisRequest = 'newsAnnotator/analysis';
export type AnalysisResponse = AnalysisResult & { uri: string; version: number };
