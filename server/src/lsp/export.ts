// Export and import of labelled datasets over the protocol: the editor's commands send one request each; the server
// runs exportCorpus / importDataset (server/src/formats), reports progress with `$/progress` on the token the client
// gives, turns the request's cancellation into an AbortSignal, and answers with the summary and the warnings.
// Before reading anything, tag writes still waiting for a pause in typing are flushed, and an article open in the
// editor whose text differs from the file on disk (unsaved edits) stops the request: its tags refer to the editor's
// text, so exporting the file would pair them with the wrong text.
import { realPath } from '../core/safeFiles';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationToken, ProgressType, ResponseError } from 'vscode-languageserver/node';
import { decodeFile, DecodeError } from '../core/textDecoding';
import { CancelledError, FormatError } from '../formats/document';
import { FORMAT_NAMES, FormatName, isFormatName } from '../formats/datasetFormat';
import { exportCorpus } from '../formats/exportCorpus';
import { listCorpus } from '../formats/corpus';
import { DOCUMENT_SCOPES, isDocumentScope, scopeEntries } from '../formats/exportScope';
import { importDataset } from '../formats/importDataset';
import { FORMATS } from '../formats/registry';
import { analyzeWhatWorks, filePathOf } from './documentAnalysis';
import { DEFAULT_SETTINGS, NewsAnnotatorSettings, enabledGroups } from './settings';
import type { ArticleRuleSettings } from '../annotations/articleRules';
import { DocumentDateStore } from '../core/documentDateStore';
import { AnalysisOptions, LabelGroup, Span } from '../core/types';
import {
  DatasetFormatInfo,
  DatasetProgressValue,
  ExportCountsParams,
  ExportCountsRequest,
  ExportCountsResult,
  ExportFormatsRequest,
  ExportParams,
  ExportRequest,
  ExportResult,
  ImportParams,
  ImportRequest,
  ImportResult,
} from './exportProtocol';
import type { ServerContext } from './serverContext';

const progressType = new ProgressType<DatasetProgressValue>();
/** At most this often a progress report goes to the client (a 10,000-document export would otherwise send 10,000). */
const PROGRESS_INTERVAL_MS = 100;

/** What export needs from tagging: writing the tags still waiting for a pause in typing. */
export interface PendingTagWrites {
  flush(): void;
}

type ExportHost = Pick<ServerContext, 'connection' | 'documents' | 't'> & Partial<Pick<ServerContext, 'settings' | 'workspaceRoots'>>;

type Suggest = (text: string, options: AnalysisOptions, textPath?: string) => Span[];

/**
 * Suggestions as the editor shows them: the document-date policy with the newsAnnotator.documentDate setting of the
 * article's workspace folder as the explicit date (the per-file stored date comes in `options.storedDct`, read by the
 * export from the store); only the enabled label groups. Settings are read once per workspace folder before the
 * export starts.
 */
export async function editorSuggestions(host: ExportHost, warn: (message: string) => void): Promise<Suggest> {
  const roots = (host.workspaceRoots?.() ?? []).map((r) => path.resolve(r));
  const settingsOf = new Map<string, NewsAnnotatorSettings>();
  for (const root of roots) {
    settingsOf.set(root, host.settings ? await host.settings(pathToFileURL(root).toString()) : DEFAULT_SETTINGS);
  }
  const reported = new Set<string>();
  return (text, options, textPath) => {
    const file = textPath ? path.resolve(textPath) : undefined;
    const root = file ? roots.filter((r) => inside(file, r)).sort((a, b) => b.length - a.length)[0] : undefined;
    const settings = (root && settingsOf.get(root)) || DEFAULT_SETTINGS;
    const groups = enabledGroups(settings);
    const { result, failures } = analyzeWhatWorks(text, {
      storedDct: options.storedDct,
      dct: settings.documentDate || undefined,
      dctOrigin: 'setting',
      fileName: file ?? options.fileName,
      groups,
    });
    for (const f of failures) {
      if (!reported.has(f)) {
        reported.add(f);
        warn(`a recogniser failed and is skipped: ${f}`);
      }
    }
    return result.spans;
  };
}

/**
 * The article rule for a folder being exported, as the editor's Corpus view applies it: the newsAnnotator.articleFiles
 * glob (relative to the workspace folder holding it) and newsAnnotator.articleMinCjkShare of that workspace folder.
 */
export async function workspaceArticleRule(host: ExportHost): Promise<(folder: string) => { rule: ArticleRuleSettings; root: string }> {
  const roots = (host.workspaceRoots?.() ?? []).map((r) => path.resolve(r));
  const rules = new Map<string, ArticleRuleSettings>();
  for (const root of roots) rules.set(root, (host.settings ? await host.settings(pathToFileURL(root).toString()) : DEFAULT_SETTINGS).articles);
  return (folder) => {
    const abs = path.resolve(folder);
    const root = roots.filter((r) => inside(abs, r)).sort((a, b) => b.length - a.length)[0];
    return root ? { rule: rules.get(root)!, root } : { rule: DEFAULT_SETTINGS.articles, root: abs };
  };
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(-32602, message);
}

function inside(file: string, folderOrFile: string): boolean {
  // real paths: a folder reached through a symbolic link is the folder it leads to
  const f = realPath(file);
  const p = realPath(folderOrFile);
  return f === p || f.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
}

/** Open articles under the given paths whose editor text is not what the file on disk holds. */
export function unsavedArticles(host: Pick<ServerContext, 'documents'>, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const document of host.documents.all()) {
    const file = filePathOf(document.uri);
    if (!file || !paths.some((p) => inside(file, p))) continue;
    let disk: string | undefined;
    try {
      disk = decodeFile(fs.readFileSync(file), file).text.replace(/^\ufeff/, '');
    } catch {
      disk = undefined; // deleted or unreadable: the export reports it when it gets there
    }
    if (disk !== undefined && disk !== document.getText().replace(/^\ufeff/, '')) out.push(file);
  }
  return out.sort();
}

/** Sends at most one report per interval, and always the last one. */
function throttledProgress(host: ExportHost, token: string | undefined): (value: DatasetProgressValue, last?: boolean) => void {
  let lastSent = 0;
  return (value, last = false) => {
    if (token === undefined) return;
    const now = Date.now();
    if (!last && now - lastSent < PROGRESS_INTERVAL_MS && value.done !== value.total) return;
    lastSent = now;
    void host.connection.sendProgress(progressType, token, value);
  };
}

function abortOn(token: CancellationToken): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}

/** The articles under the paths (the output folder left out) per scope: reviewed, tagged, all. */
export function exportCounts(params: ExportCountsParams, articleRule?: (folder: string) => { rule: ArticleRuleSettings; root: string }): ExportCountsResult {
  const outDir = params.outDir ? path.resolve(params.outDir) : undefined;
  try {
    // the same articles the export takes (annotations/articleRules.ts, the workspace folder's rule)
    const entries = listCorpus(params.paths ?? [], { ruleFor: articleRule }).filter((e) => !outDir || !inside(e.textPath, outDir));
    return scopeEntries(entries).counts;
  } catch (err) {
    if (err instanceof FormatError) throw invalid(err.message);
    throw err;
  }
}

export async function runExport(host: ExportHost, params: ExportParams, token: CancellationToken, tags?: PendingTagWrites): Promise<ExportResult> {
  const t = host.t;
  const formats = [...new Set(params.formats ?? [])];
  const unknown = formats.filter((f) => !isFormatName(f));
  if (formats.length === 0 || unknown.length) {
    throw invalid(t('Unknown export format {0}; expected one of {1}.', unknown.join(', ') || '(none)', FORMAT_NAMES.join(', ')));
  }
  if (!params.paths?.length) throw invalid(t('Nothing to export: no files or folders given.'));
  if (!params.outDir) throw invalid(t('No output folder given.'));
  const outDir = path.resolve(params.outDir);
  for (const p of params.paths) {
    if (inside(p, outDir)) throw invalid(t('The output folder {0} holds the articles to export ({1}); choose another folder.', outDir, p));
  }
  if (params.documents !== undefined && !isDocumentScope(params.documents)) {
    throw invalid(t('Unknown document scope {0}; expected one of {1}.', String(params.documents), DOCUMENT_SCOPES.join(', ')));
  }
  if (params.split) {
    const { ratios, seed } = params.split;
    if (!Array.isArray(ratios) || ratios.length < 2 || ratios.length > 3 || ratios.some((r) => typeof r !== 'number' || !Number.isFinite(r) || r < 0) || ratios.reduce((a, b) => a + b, 0) <= 0) {
      throw invalid(t('Split ratios must be two or three non-negative numbers, not all zero.'));
    }
    if (!Number.isInteger(seed)) throw invalid(t('The split seed must be an integer.'));
  }
  tags?.flush();
  const unsaved = unsavedArticles(host, params.paths);
  if (unsaved.length) {
    throw invalid(t('Save these articles before exporting (their tags refer to the unsaved text): {0}', unsaved.join(', ')));
  }
  // the output folder may lie inside a folder being exported (the default <workspace>/export): it is not input
  const exclude = params.paths.some((p) => inside(outDir, p)) ? [outDir] : [];
  const report = throttledProgress(host, params.progressToken);
  const abort = abortOn(token);
  const warnings: string[] = [];
  const suggestWarnings: string[] = [];
  const suggest = params.includeSuggestions ? await editorSuggestions(host, (m) => suggestWarnings.push(m)) : undefined;
  const articleRule = await workspaceArticleRule(host);
  let done = 0;
  let total = 0;
  const started = performance.now();
  try {
    const summary = await exportCorpus(
      {
        format: formats.length === 1 ? (formats[0] as FormatName) : (formats as FormatName[]),
        paths: params.paths,
        exclude,
        outDir,
        includeSuggestions: params.includeSuggestions === true,
        scope: params.documents ?? 'all',
        split: params.split,
        dateStore: new DocumentDateStore((host.workspaceRoots?.() ?? []).map((r) => path.resolve(r))),
        articleRule,
        suggest,
      },
      {
        signal: abort.signal,
        onProgress: (p) => {
          done = p.done;
          total = p.total;
          report({ done: p.done, total: p.total, document: p.document });
        },
        onWarning: (m) => warnings.push(m),
      },
    );
    report({ done: summary.documents, total: summary.documents, document: '' }, true);
    for (const item of suggestWarnings) summary.warnings.push(item);
    return { cancelled: false, summary, done: summary.documents, total: summary.documents, warnings: summary.warnings, elapsedMs: performance.now() - started };
  } catch (err) {
    if (err instanceof CancelledError) return { cancelled: true, done, total, warnings: [...warnings, ...suggestWarnings], elapsedMs: performance.now() - started };
    if (err instanceof FormatError || err instanceof DecodeError) throw invalid(err.message);
    throw new ResponseError(-32603, t('The export failed: {0}', (err as Error).message));
  } finally {
    abort.dispose();
  }
}

export async function runImport(host: ExportHost, params: ImportParams, token: CancellationToken, tags?: PendingTagWrites): Promise<ImportResult> {
  const t = host.t;
  if (!isFormatName(params.format)) {
    throw invalid(t('Unknown export format {0}; expected one of {1}.', String(params.format), FORMAT_NAMES.join(', ')));
  }
  if (!params.inputs?.length) throw invalid(t('Nothing to import: no files or folders given.'));
  if (!params.intoDir) throw invalid(t('No article folder to import into.'));
  const intoDir = path.resolve(params.intoDir);
  // the import rewrites .ann files: tag writes waiting for a pause in typing go first, and articles with unsaved
  // edits are refused (their tags follow the editor's text, the import compares with the file)
  tags?.flush();
  const unsaved = unsavedArticles(host, [intoDir]);
  if (unsaved.length) {
    throw invalid(t('Save these articles before importing into them (their tags refer to the unsaved text): {0}', unsaved.join(', ')));
  }
  const report = throttledProgress(host, params.progressToken);
  const abort = abortOn(token);
  const problems: string[] = [];
  let done = 0;
  const started = performance.now();
  try {
    fs.mkdirSync(intoDir, { recursive: true });
    const summary = await importDataset(
      { format: params.format, inputs: params.inputs, intoDir, includeSuggestions: params.includeSuggestions === true },
      {
        signal: abort.signal,
        onProgress: (p) => {
          done = p.done;
          report({ done: p.done, document: p.file });
        },
        onProblem: (p) => problems.push(`${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`),
      },
    );
    report({ done: summary.documents, document: '' }, true);
    return { cancelled: false, summary, done: summary.documents, problems, elapsedMs: performance.now() - started };
  } catch (err) {
    if (err instanceof CancelledError) return { cancelled: true, done, problems, elapsedMs: performance.now() - started };
    if (err instanceof FormatError || err instanceof DecodeError) throw invalid(err.message);
    throw new ResponseError(-32603, t('The import failed: {0}', (err as Error).message));
  } finally {
    abort.dispose();
  }
}

/** Hooks the dataset requests into the server. */
export function registerExport(context: ServerContext, tags?: PendingTagWrites): void {
  const { connection, t } = context;
  connection.onRequest(ExportFormatsRequest, (): DatasetFormatInfo[] =>
    FORMAT_NAMES.map((name) => ({ name, description: t(FORMATS[name].description) })),
  );
  connection.onRequest(ExportCountsRequest, async (params: ExportCountsParams): Promise<ExportCountsResult> => exportCounts(params, await workspaceArticleRule(context)));
  connection.onRequest(ExportRequest, (params: ExportParams, token: CancellationToken) => runExport(context, params, token, tags));
  connection.onRequest(ImportRequest, (params: ImportParams, token: CancellationToken) => runImport(context, params, token, tags));
}
