// The News Annotator language server: semantic tokens and hovers for figures, dates and entities, the document date
// (DCT) of each article, over the standard protocol. Only converts between analyze() (code points) and the protocol.
import * as l10n from '@vscode/l10n';
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Translate, describeDocumentDate } from '../core/describe';
import { Span } from '../core/types';
import {
  AnalysisCache,
  AnalysisCancelled,
  DocumentAnalysis,
  DocumentView,
  filePathOf,
} from './documentAnalysis';
import { AnalysisSettings, DEFAULT_SETTINGS, normaliseSettings } from './settings';
import { DocumentDateStore, DocumentDateStoreError } from '../core/documentDateStore';
import { spanHover } from './hover';
import {
  AnalysisRequest,
  AnalysisResponse,
  DocumentDateInfo,
  DocumentDateRequest,
  DocumentParams,
  InitializationOptions,
  SetDocumentDateParams,
  SetDocumentDateRequest,
} from './protocol';
import { LEGEND, TokenLayout, encodeSegmentLayout, encodeSegmentTokens, encodeTokens, mergeTokenSpans, tokenEdits } from './semanticTokens';
import { createEntityPool } from './entityPool';
import { workspaceModelFile } from '../learning/modelStore';
import { registerTagging } from './tagging';
import { SuggestionLearning } from './suggestionLearning';
import { registerLearning } from './learning';
import { registerDiagnostics } from './diagnostics';
import { registerExport } from './export';
import { registerComparison } from './comparison';
import type { ServerContext } from './serverContext';
import { createIdleCollector } from './idleCollection';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new DocumentDateStore();
const entityPool = createEntityPool();
const idleCollector = createIdleCollector();
const cache = new AnalysisCache(store, {
  entities: entityPool.recognise,
  onEntities: () => {
    idleCollector.touch();
    scheduleTokenRefresh();
  },
  onFirstComplete: (uri) => setImmediate(() => void warmTokens(uri).catch(() => undefined)),
});
let refreshTimer: NodeJS.Timeout | undefined;
/** Entities arrived: one refresh for a burst of batches (the client then asks for a delta). */
function scheduleTokenRefresh(): void {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    refreshSemanticTokens();
  }, 50);
}
const settingsCache = new Map<string, Promise<AnalysisSettings>>();
const reportedStoreProblems = new Set<string>();
const reportedRecogniserProblems = new Set<string>();
/** Documents already told that they are too large for entity suggestions (once per document and session). */
const reportedTooLarge = new Set<string>();
let roots: string[] = [];
/** The workspace entity model in use (undefined: the shipped model). */
let entityModel: string | undefined;

/** See ServerContext.reloadEntityModel. `refresh` false while initialising (nothing is cached, nothing shown yet). */
function reloadEntityModel(refresh = true): string | undefined {
  const found = roots.map((r) => workspaceModelFile(r)).find((f) => f !== undefined);
  if (found !== entityModel) {
    entityModel = found;
    entityPool.useModel(found);
    if (refresh) {
      cache.clear();
      refreshSemanticTokens();
    }
  }
  return found;
}
let canPullConfiguration = false;
let canRefreshTokens = false;
let confirmedSpans: (uri: string) => readonly Pick<Span, 'start' | 'end' | 'label'>[] = () => [];
let suggestionFilter: (uri: string) => ((spans: readonly Span[]) => readonly Span[]) | undefined = () => undefined;
let clientLocale: string | undefined;
const settingsListeners: (() => void)[] = [];

const t: Translate = (message, ...args) => l10n.t(message, ...args);

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  clientLocale = params.locale;
  if (options.l10nBundle && Object.keys(options.l10nBundle).length > 0) l10n.config({ contents: options.l10nBundle });
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canRefreshTokens = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
  roots = (params.workspaceFolders ?? []).map((f) => filePathOf(f.uri)).filter((p): p is string => p !== undefined);
  store.setRoots(roots);
  reloadEntityModel(false);
  learningService.rootsChanged();
  return {
    capabilities: {
      // didSave too: tagging remembers the texts that were on disk (tagging.ts close())
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: true },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'News Annotator' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'newsAnnotator' });
  connection.workspace.onDidChangeWorkspaceFolders(async () => {
    const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
    roots = folders.map((f) => filePathOf(f.uri)).filter((p): p is string => p !== undefined);
    store.setRoots(roots);
    learning.rootsChanged();
    reloadEntityModel();
    learningService.rootsChanged();
    cache.clear();
    refreshSemanticTokens();
  });
});

function settings(uri: string): Promise<AnalysisSettings> {
  if (!canPullConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
  let pending = settingsCache.get(uri);
  if (!pending) {
    pending = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'newsAnnotator' })
      .then(normaliseSettings, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, pending);
  }
  return pending;
}

/**
 * What `get` answers for a document's current version and settings: asked again when a newer version or new
 * settings made a run obsolete (AnalysisCancelled); undefined when the document is not open.
 */
async function untilCurrent<T extends Omit<DocumentAnalysis, 'result'>>(
  uri: string,
  get: (document: TextDocument, wanted: AnalysisSettings) => Promise<T>,
): Promise<T | undefined> {
  for (;;) {
    const wanted = await settings(uri);
    const document = documents.get(uri);
    if (!document) return undefined;
    try {
      return reported(uri, await get(document, wanted));
    } catch (err) {
      if (!(err instanceof AnalysisCancelled)) throw err;
      // a newer version or new settings made that run obsolete: analyse what is there now
    }
  }
}

async function analysis(uri: string): Promise<DocumentAnalysis | undefined> {
  return untilCurrent(uri, (document, wanted) => cache.get(document, wanted));
}

/** analysis() as a view (AnalysisCache.completeView): what changed is read segment by segment, no list of every span. */
async function completeView(uri: string): Promise<DocumentView | undefined> {
  return untilCurrent(uri, (document, wanted) => cache.completeView(document, wanted));
}

async function currentAnalysis(uri: string): Promise<DocumentAnalysis | undefined> {
  const wanted = await settings(uri);
  const document = documents.get(uri);
  if (!document) return undefined;
  return reported(uri, await cache.current(document, wanted));
}

/** currentAnalysis() read segment by segment: what tokens and hovers use, so a keystroke costs what it changed. */
async function currentView(uri: string): Promise<DocumentView | undefined> {
  const wanted = await settings(uri);
  const document = documents.get(uri);
  if (!document) return undefined;
  return reported(uri, await cache.currentView(document, wanted));
}

/** Tells the user once about a problem an analysis met (per-file dates unreadable, a recogniser failed, too large). */
function reported<T extends Omit<DocumentAnalysis, 'result'>>(uri: string, result: T): T {
  if (result.storeProblem && !reportedStoreProblems.has(result.storeProblem)) {
    reportedStoreProblems.add(result.storeProblem);
    connection.window.showWarningMessage(t('Per-file document dates could not be read: {0}', result.storeProblem));
  }
  for (const problem of result.recogniserProblems) {
    if (reportedRecogniserProblems.has(problem)) continue;
    reportedRecogniserProblems.add(problem);
    connection.console.error(`Recogniser failed, the others still run: ${problem}`);
    connection.window.showWarningMessage(t('A recogniser failed and is skipped: {0}', problem));
  }
  if (result.tooLargeForEntities && !reportedTooLarge.has(uri)) {
    reportedTooLarge.add(uri);
    const { length, threshold } = result.tooLargeForEntities;
    connection.console.info(`${uri}: ${length} characters, over newsAnnotator.largeFileThreshold (${threshold}); entities are not suggested`);
    connection.window.showInformationMessage(
      t(
        'This article has {0} characters, more than the newsAnnotator.largeFileThreshold setting ({1}), so names (PER, LOC, ORG) are not suggested for it. Figures, dates and your tags work as usual. Raise the setting (0: no limit) to get name suggestions.',
        length.toLocaleString('en-US'),
        threshold.toLocaleString('en-US'),
      ),
    );
  }
  return result;
}

function refreshSemanticTokens(): void {
  if (canRefreshTokens) void connection.languages.semanticTokens.refresh();
}

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  cache.clear();
  refreshSemanticTokens();
  for (const listener of settingsListeners) listener();
});

documents.onDidChangeContent((e) => {
  idleCollector.touch();
  cache.changed(e.document.uri, e.document.version);
});

documents.onDidClose((e) => {
  cache.forget(e.document.uri);
  settingsCache.delete(e.document.uri);
  lastTokens.delete(e.document.uri);
  spareTokens.delete(e.document.uri);
  tokenLayouts.delete(e.document.uri);
});

connection.onShutdown(async () => {
  await Promise.all([entityPool.close(), diagnosticsService.close()]);
});

// Semantic tokens come from what is known now (figures and dates at once, entities as their paragraphs are
// recognised; a refresh follows each arrival), never waiting for the whole analysis.
/** The last full token answer per document, for delta requests. */
const lastTokens = new Map<string, { resultId: string; data: ArrayLike<number> }>();
/** The answer before the last one per document, whose array the next answer is written into. */
const spareTokens = new Map<string, ArrayLike<number>>();
/** The last suggestion tokens made from a document's segments, with what they were made of (the next is made from it). */
const tokenLayouts = new Map<string, TokenLayout>();
let tokenResultIds = 0;

/** Keeps a document's token answer; the one it replaces becomes the spare. */
function keepTokens(uri: string, resultId: string, data: ArrayLike<number>): { resultId: string; data: ArrayLike<number> } | undefined {
  const previous = lastTokens.get(uri);
  lastTokens.set(uri, { resultId, data });
  if (previous && previous.data !== data) spareTokens.set(uri, previous.data);
  return previous;
}

/**
 * What a tagging session puts over a document's suggestions (a filter, confirmed tags), or undefined when the
 * tokens are the suggestions alone, encoded segment by segment, each once.
 */
function taggingOverlay(uri: string): { filter: ReturnType<typeof suggestionFilter>; confirmed: ReturnType<typeof confirmedSpans> } | undefined {
  const filter = suggestionFilter(uri);
  const confirmed = confirmedSpans(uri);
  return filter || confirmed.length > 0 ? { filter, confirmed } : undefined;
}

async function tokenData(uri: string, range?: { start: number; end: number }): Promise<ArrayLike<number> | undefined> {
  const view = await currentView(uri);
  const document = documents.get(uri);
  if (!document || !view) return undefined;
  const overlay = taggingOverlay(uri);
  if (!overlay) {
    if (range) return encodeSegmentTokens(document, view.segments, range);
    // (taken out of the map: two requests at once never write into the same array)
    const spare = spareTokens.get(uri);
    spareTokens.delete(uri);
    const layout = encodeSegmentLayout(view.segments, tokenLayouts.get(uri), spare instanceof Uint32Array ? spare : undefined);
    tokenLayouts.set(uri, layout);
    return layout.data;
  }
  const spans = view.result().spans;
  return encodeTokens(document, mergeTokenSpans(overlay.filter ? overlay.filter(spans) : spans, overlay.confirmed), range);
}

/**
 * A document's names have all arrived for the first time (opening it, new settings): its segments' tokens are encoded
 * now, in the pause, and kept for the next answer to be made from. An editor asks for them after the refresh
 * anyway; a client that does not would otherwise pay for encoding every paragraph's names on its first keystroke
 * (`npm run bench`'s 10,000-character article: first keystroke 12–26 ms without, 8–16 ms with, 5 runs each).
 */
async function warmTokens(uri: string): Promise<void> {
  const view = await currentView(uri);
  const document = documents.get(uri);
  if (!document || !view || view.pendingEntities > 0 || taggingOverlay(uri)) return;
  tokenLayouts.set(uri, encodeSegmentLayout(view.segments, tokenLayouts.get(uri)));
}

/** Token data as the protocol carries it (a plain array). */
const plain = (data: ArrayLike<number>): number[] => (Array.isArray(data) ? data : Array.from(data));

connection.languages.semanticTokens.on(async (params) => {
  const uri = params.textDocument.uri;
  const data = await tokenData(uri);
  if (!data) return { data: [] };
  const resultId = String(++tokenResultIds);
  keepTokens(uri, resultId, data);
  return { resultId, data: plain(data) };
});

connection.languages.semanticTokens.onDelta(async (params) => {
  const uri = params.textDocument.uri;
  const data = await tokenData(uri);
  if (!data) return { data: [] };
  const resultId = String(++tokenResultIds);
  const previous = keepTokens(uri, resultId, data);
  if (!previous || previous.resultId !== params.previousResultId) return { resultId, data: plain(data) };
  // (made from the answer the client has: the integers the two share at the start and end are not compared again)
  const layout = tokenLayouts.get(uri);
  const known = layout && layout.data === data && layout.from?.data === previous.data ? layout.from : undefined;
  return { resultId, edits: tokenEdits(previous.data, data, known) };
});

connection.languages.semanticTokens.onRange(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { data: [] };
  const range = { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) };
  return { data: plain((await tokenData(params.textDocument.uri, range)) ?? []) };
});

connection.onHover(async (params) => {
  const view = await currentView(params.textDocument.uri);
  const document = documents.get(params.textDocument.uri);
  if (!document || !view) return null;
  const found = view.spanAt(document.offsetAt(params.position));
  return found ? spanHover(document, found, view.dct, t, view.dctOrigin) : null;
});

async function documentDateInfo(uri: string): Promise<DocumentDateInfo> {
  const result = await currentView(uri);
  if (!result) throw new ResponseError(-32602, t('The document {0} is not open in the News Annotator server', uri));
  const dct = result.dct;
  const path = filePathOf(uri);
  return {
    uri,
    date: dct.date,
    source: dct.source,
    origin: result.dctOrigin,
    detail: dct.detail,
    description: describeDocumentDate(dct, t, result.dctOrigin),
    storeFile: path ? store.locate(path).storeFile : '',
  };
}

connection.onRequest(DocumentDateRequest, (params: DocumentParams) => documentDateInfo(params.uri));

connection.onRequest(SetDocumentDateRequest, async (params: SetDocumentDateParams) => {
  const path = filePathOf(params.uri);
  if (!path) throw new ResponseError(-32602, t('Only files on disk can have a stored document date: {0}', params.uri));
  try {
    store.set(path, params.date);
  } catch (err) {
    if (err instanceof DocumentDateStoreError) throw new ResponseError(-32602, err.message);
    throw new ResponseError(-32603, t('Could not save the document date: {0}', (err as Error).message));
  }
  reportedStoreProblems.clear();
  cache.delete(params.uri);
  refreshSemanticTokens();
  return documentDateInfo(params.uri);
});

connection.onRequest(AnalysisRequest, async (params: DocumentParams): Promise<AnalysisResponse> => {
  const document = documents.get(params.uri);
  const result = await analysis(params.uri);
  if (!document || !result) throw new ResponseError(-32602, t('The document {0} is not open in the News Annotator server', params.uri));
  return { uri: params.uri, version: document.version, ...result.result };
});

export const context: ServerContext = {
  connection,
  documents,
  analysis,
  completeView,
  currentAnalysis,
  settings,
  setConfirmedSpans(provider) {
    confirmedSpans = provider;
  },
  setSuggestionFilter(filter) {
    suggestionFilter = filter;
  },
  refreshSemanticTokens,
  workspaceRoots: () => roots,
  reloadEntityModel: () => reloadEntityModel(),
  t,
  locale: () => clientLocale,
  onDidChangeSettings(listener) {
    settingsListeners.push(listener);
  },
};

// Further features register here, one line each (ENGINEER TAGGING: `registerTagging(context);` from './tagging').
const learning = new SuggestionLearning(() => roots);
const tagging = registerTagging(context, learning);
const learningService = registerLearning({ context, tagging, learning, entityPool, clearAnalyses: () => cache.clear() });
const diagnosticsService = registerDiagnostics(context);
registerExport(context, tagging);
registerComparison(context, tagging);

documents.listen(connection);
connection.listen();
