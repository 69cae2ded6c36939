// Messages between the extension client and the language server for exporting and importing labelled datasets.
// Plain types and method names only, so the client and the tests can import this file without pulling in the
// export code or either library.
import type { ExportSummary } from '../formats/exportCorpus';
import type { ImportSummary } from '../formats/importDataset';
import type { DocumentScope, ScopeCounts } from '../formats/exportScope';

/** The dataset formats, with a localised one-line description for pickers. */
export const ExportFormatsRequest = 'newsAnnotator/exportFormats';
export interface DatasetFormatInfo {
  name: string;
  description: string;
}

export const ExportRequest = 'newsAnnotator/export';
export interface ExportParams {
  /** Format names (see ExportFormatsRequest); several are written into one subfolder each. */
  formats: string[];
  /** Article files and folders (file system paths). */
  paths: string[];
  outDir: string;
  includeSuggestions?: boolean;
  /** Which articles: marked reviewed, with a tag, or all (default). */
  documents?: DocumentScope;
  /** Train/dev/test ratios (normalised to their sum) and seed; no split when absent. */
  split?: { ratios: number[]; seed: number };
  /** Token for `$/progress` reports carrying a DatasetProgressValue. */
  progressToken?: string;
}

/** How many articles an export of these paths would take per scope (shown before the export). */
export const ExportCountsRequest = 'newsAnnotator/exportCounts';
export interface ExportCountsParams {
  paths: string[];
  /** Left out when it lies inside the paths. */
  outDir?: string;
}
export type ExportCountsResult = ScopeCounts;

export interface ExportResult {
  /** True when the request was cancelled: the output folder holds a partial export and `summary` is absent. */
  cancelled: boolean;
  summary?: ExportSummary;
  /** Documents written (also when cancelled) and documents in scope. */
  done: number;
  total: number;
  /** Non-fatal problems (also when cancelled). */
  warnings: string[];
  elapsedMs: number;
}

export const ImportRequest = 'newsAnnotator/import';
export interface ImportParams {
  format: string;
  /** Exported files or folders holding them. */
  inputs: string[];
  /** The article folder to merge into. */
  intoDir: string;
  includeSuggestions?: boolean;
  progressToken?: string;
}

export interface ImportResult {
  cancelled: boolean;
  summary?: ImportSummary;
  /** Documents imported (also when cancelled). */
  done: number;
  /** Problems met (also when cancelled), "file:line: message". */
  problems: string[];
  elapsedMs: number;
}

/** The value of `$/progress` reports for an export or import. `total` is unknown for imports. */
export interface DatasetProgressValue {
  done: number;
  total?: number;
  /** The document just written or read. */
  document: string;
}
