// analyze() results per open document, kept incrementally (see ./incrementalAnalysis.ts): an edit re-analyses only
// the paragraphs it touched, figures and dates are ready at once, entities arrive later from an asynchronous
// recogniser (a worker thread in the server) and are cached by paragraph text. Hands the document-date policy
// (core/documentDate.ts) its editor inputs: the per-file choice from the DocumentDateStore and the
// `newsAnnotator.documentDate` setting. Above `newsAnnotator.largeFileThreshold` characters the entity recogniser
// (by far the slowest) is skipped.
import { fileURLToPath } from 'url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../analysis/analyze';
import type { ExplicitDateOrigin } from '../core/describe';
import { AnalysisOptions, AnalysisResult, DocumentDateOptions, LabelGroup, RawSpan } from '../core/types';
import { DocumentDateStore, DocumentDateStoreError } from '../core/documentDateStore';
import { UnitEntities, recogniseEntityUnits } from '../ner/entities';
import { IncrementalAnalysis, Segment, UnitEntityRecogniser } from '../analysis/incrementalAnalysis';
import type { DocumentDate, Span } from '../core/types';
import { AnalysisSettings, DEFAULT_LARGE_FILE_THRESHOLD, enabledGroups } from './settings';

/** Thrown (or rejected with) when the text changed, or the settings, before an answer for the old one was ready. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled: the text changed');
    this.name = 'AnalysisCancelled';
  }
}

// The settings (type, defaults, normaliser) live in ./settings.ts; re-exported for the analysis' callers.
export { DEFAULT_LARGE_FILE_THRESHOLD, DEFAULT_SETTINGS, normaliseSettings } from './settings';
export type { AnalysisSettings } from './settings';

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export interface DocumentAnalysis {
  result: AnalysisResult;
  /** Set when the DCT is explicit: whether it came from a per-file choice or the setting. */
  dctOrigin?: ExplicitDateOrigin;
  /** A problem reading the per-file store, to report once; the analysis then goes on without it. */
  storeProblem?: string;
  /** Recogniser groups that failed (e.g. a missing model), with the error; the others still ran. */
  recogniserProblems: string[];
  /** Set when entities were enabled but skipped because the document is longer than the threshold. */
  tooLargeForEntities?: { length: number; threshold: number };
}

/**
 * What the editor's per-keystroke answers (semantic tokens, hovers) read: the analysis of the document's current
 * version as it stands (figures and dates ready, entities of the paragraphs recognised so far), segment by segment,
 * without building the list of every span. `result()` builds that list (what DocumentAnalysis.result holds).
 */
export interface DocumentView extends Omit<DocumentAnalysis, 'result'> {
  dct: DocumentDate;
  /** Paragraphs still waiting for entities. */
  pendingEntities: number;
  /** IncrementalAnalysis.segments of this version. */
  segments(visit: (segment: Segment) => boolean, from?: number): void;
  /** The span containing a UTF-16 offset, with its UTF-16 offsets (IncrementalAnalysis.spanAt). */
  spanAt(utf16: number): { span: Span; start: number; end: number } | undefined;
  result(): AnalysisResult;
}

/**
 * analyze(), and if it throws, the same without the label groups that fail on their own, so one broken recogniser
 * (a missing model file) does not blank the whole editor.
 */
export function analyzeWhatWorks(
  text: string,
  options: AnalysisOptions & { groups: LabelGroup[] },
  run: typeof analyze = analyze,
): { result: AnalysisResult; failures: string[] } {
  try {
    return { result: run(text, options), failures: [] };
  } catch (first) {
    const failures: string[] = [];
    const working = options.groups.filter((group) => {
      try {
        run(text, { ...options, groups: [group] });
        return true;
      } catch (err) {
        failures.push(`${group}: ${(err as Error).message}`);
        return false;
      }
    });
    if (failures.length === 0) failures.push((first as Error).message);
    try {
      return { result: run(text, { ...options, groups: working }), failures };
    } catch {
      return { result: run(text, { ...options, groups: [] }), failures };
    }
  }
}

export interface AnalysisCacheOptions {
  /** Entity recognition of paragraph texts; by default in this thread (the server passes a worker pool). */
  entities?: UnitEntityRecogniser;
  /** Called when entities arrived for a document (its tokens and hovers changed). */
  onEntities?: (uri: string) => void;
  /** Called when a document's analysis (under its current settings) first has every paragraph's entities. */
  onFirstComplete?: (uri: string) => void;
  /** Characters of paragraphs sent to the entity recogniser at once (default 8,000: some 60 ms of work). */
  entityBatchChars?: number;
}

/** Entities in this thread, one paragraph at a time, with a turn of the event loop between batches. */
export const inThreadEntities: UnitEntityRecogniser = async (texts) => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return recogniseEntityUnits(texts);
};

/** How long one step of analysing figures and dates may hold the event loop (ms). */
export const ANALYSIS_STEP_MS = 20;

interface Waiter {
  version: number;
  /** Called once the analysis of `version` is complete (the caller builds what it needs from the state). */
  resolve(): void;
  reject(err: Error): void;
}

interface DocumentState {
  key: string;
  engine: IncrementalAnalysis;
  version: number;
  /** Where the last edit was (UTF-16): entities are recognised there first. */
  editAt?: number;
  info: Omit<DocumentAnalysis, 'result' | 'recogniserProblems'>;
  waiters: Waiter[];
  pumping: boolean;
  /** Whether the analysis has been complete once (onFirstComplete was called). */
  completedOnce: boolean;
}

export class AnalysisCache {
  private readonly states = new Map<string, DocumentState>();
  private readonly entities: UnitEntityRecogniser;

  constructor(
    readonly store: DocumentDateStore,
    private readonly options: AnalysisCacheOptions = {},
  ) {
    this.entities = options.entities ?? inThreadEntities;
  }

  /** The explicit date, its origin and the enabled groups for a document under these settings. */
  private inputs(document: TextDocument, settings: AnalysisSettings) {
    const path = filePathOf(document.uri);
    let perFile: string | undefined;
    let storeProblem: string | undefined;
    if (path) {
      try {
        perFile = this.store.get(path);
      } catch (err) {
        if (!(err instanceof DocumentDateStoreError)) throw err;
        storeProblem = err.message;
      }
    }
    const threshold = settings.largeFileThreshold ?? DEFAULT_LARGE_FILE_THRESHOLD;
    const tooLarge = threshold > 0 && document.getText().length > threshold && enabledGroups(settings, true).length < enabledGroups(settings).length;
    const groups = enabledGroups(settings, tooLarge);
    const key = `${groups.join(',')}|${perFile ?? ''}|${settings.documentDate}|${tooLarge ? threshold : ''}`;
    const dates: DocumentDateOptions = { storedDct: perFile, dct: settings.documentDate || undefined, dctOrigin: 'setting', fileName: path ?? document.uri };
    return { dates, storeProblem, groups, key, tooLarge, threshold };
  }

  /** The document's state, brought to its current version (figures and dates re-analysed where it changed). */
  private sync(document: TextDocument, settings: AnalysisSettings): DocumentState {
    const inputs = this.inputs(document, settings);
    let state = this.states.get(document.uri);
    if (!state || state.key !== inputs.key) {
      if (state) this.cancelWaiters(state);
      const info: DocumentState['info'] = { storeProblem: inputs.storeProblem };
      if (inputs.tooLarge) info.tooLargeForEntities = { length: document.getText().length, threshold: inputs.threshold };
      state = {
        key: inputs.key,
        engine: new IncrementalAnalysis({ ...inputs.dates, groups: inputs.groups }),
        version: -1,
        info,
        waiters: [],
        pumping: false,
        completedOnce: false,
      };
      this.states.set(document.uri, state);
    }
    state.info.storeProblem = inputs.storeProblem;
    if (state.version !== document.version) {
      const { editAt } = state.engine.replaceText(document.getText());
      if (editAt !== undefined) state.editAt = editAt;
      state.version = document.version;
      this.cancelWaiters(state, document.version);
    }
    if (!state.engine.complete) void this.pump(document.uri, state);
    else this.settle(state);
    return state;
  }

  /** (Figures and dates must be ready: see current().) */
  private analysisOf(state: DocumentState): DocumentAnalysis {
    const result = state.engine.result();
    const value: DocumentAnalysis = { ...state.info, result, dctOrigin: result.dct.origin, recogniserProblems: [] };
    if (state.engine.entityFailure) value.recogniserProblems.push(`entities: ${state.engine.entityFailure}`);
    return value;
  }

  /** The view of the state's current text (figures and dates must be ready: see currentView()). */
  private viewOf(state: DocumentState): DocumentView {
    const engine = state.engine;
    const text = engine.currentText;
    const dct = engine.documentDate();
    // Bound to this text: once a newer version is analysed, the view's methods throw rather than answer for another.
    const current = () => {
      if (engine.currentText !== text) throw new AnalysisCancelled();
      return engine;
    };
    const value: DocumentView = {
      ...state.info,
      dct,
      dctOrigin: dct.origin,
      recogniserProblems: engine.entityFailure ? [`entities: ${engine.entityFailure}`] : [],
      pendingEntities: engine.pendingUnits,
      segments: (visit, from) => current().segments(visit, from),
      spanAt: (utf16) => current().spanAt(utf16),
      result: () => current().result(),
    };
    return value;
  }

  /**
   * The analysis of the document's current version with what is known now: figures and dates always, entities of
   * the paragraphs recognised so far (`pendingEntities` counts the others). For tokens and hovers: after an edit it
   * is ready at once; a large document just opened is analysed in steps of about `ANALYSIS_STEP_MS` with a turn of
   * the event loop between them (other requests are answered meanwhile). When the document changes during the
   * steps, the answer is for its newest version.
   */
  async current(document: TextDocument, settings: AnalysisSettings): Promise<DocumentAnalysis & { pendingEntities: number }> {
    const state = await this.ready(document, settings);
    return { ...this.analysisOf(state), pendingEntities: state.engine.pendingUnits };
  }

  /**
   * current() as a view: the same analysis, read segment by segment (what tokens and hovers need after a keystroke)
   * instead of as one list of every span. Its methods throw AnalysisCancelled once the document has changed.
   */
  async currentView(document: TextDocument, settings: AnalysisSettings): Promise<DocumentView> {
    return this.viewOf(await this.ready(document, settings));
  }

  /**
   * The state with figures and dates of the document's newest version analysed, in steps of about ANALYSIS_STEP_MS
   * with a turn of the event loop between them (see current()).
   */
  private async ready(document: TextDocument, settings: AnalysisSettings): Promise<DocumentState> {
    for (;;) {
      const state = this.sync(document, settings);
      if (state.engine.advance(ANALYSIS_STEP_MS)) return state;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The complete analysis (entities included) of the document's current version. Rejects with AnalysisCancelled
   * when a newer version (or changed settings) made it obsolete before it finished: ask again with the current
   * document.
   */
  async get(document: TextDocument, settings: AnalysisSettings): Promise<DocumentAnalysis> {
    return this.analysisOf(await this.completeState(document, settings));
  }

  /**
   * get() as a view: the complete analysis read segment by segment, without the list of every span (a pause in
   * typing on a long article: the diagnostics and the tagging state need what changed, not a new list of 100,000
   * spans). Its methods throw AnalysisCancelled once the document has changed.
   */
  async completeView(document: TextDocument, settings: AnalysisSettings): Promise<DocumentView> {
    return this.viewOf(await this.completeState(document, settings));
  }

  /** The state once the analysis of the document's current version is complete (see get()). */
  private async completeState(document: TextDocument, settings: AnalysisSettings): Promise<DocumentState> {
    const version = document.version;
    const epoch = this.epoch;
    await this.ready(document, settings);
    // A newer version, new settings or a closed document made this request obsolete.
    const obsolete = () => document.version !== version || this.epoch !== epoch;
    if (obsolete()) throw new AnalysisCancelled();
    const state = this.sync(document, settings);
    if (!state.engine.complete) await new Promise<void>((resolve, reject) => state.waiters.push({ version: document.version, resolve, reject }));
    if (obsolete() || this.states.get(document.uri) !== state) throw new AnalysisCancelled();
    return state;
  }

  /** Recognises entities of the paragraphs still waiting, nearest the last edit first, one batch at a time. */
  private async pump(uri: string, state: DocumentState): Promise<void> {
    if (state.pumping) return;
    state.pumping = true;
    try {
      while (this.states.get(uri) === state && !state.engine.complete) {
        const texts = state.engine.pendingEntityTexts(this.options.entityBatchChars ?? 8_000, state.editAt);
        if (texts.length === 0) break;
        let spans: UnitEntities[];
        try {
          spans = await this.entities(texts);
        } catch (err) {
          state.engine.entityFailure = (err as Error).message;
          break;
        }
        if (this.states.get(uri) !== state) return;
        if (state.engine.addEntities(texts, spans)) this.options.onEntities?.(uri);
      }
    } finally {
      state.pumping = false;
    }
    if (this.states.get(uri) === state && state.engine.complete) {
      this.settle(state);
      if (state.engine.entityFailure) this.options.onEntities?.(uri);
      if (!state.completedOnce) {
        state.completedOnce = true;
        this.options.onFirstComplete?.(uri);
      }
    }
  }

  /** Answers the waiters once the analysis is complete. */
  private settle(state: DocumentState): void {
    if (!state.engine.ready || !state.engine.complete || state.waiters.length === 0) return;
    const waiters = state.waiters;
    state.waiters = [];
    for (const w of waiters) {
      if (w.version === state.version) w.resolve();
      else w.reject(new AnalysisCancelled());
    }
  }

  /** Rejects the waiters for versions other than `version` (all of them without one). */
  private cancelWaiters(state: DocumentState, version?: number): void {
    const keep: Waiter[] = [];
    for (const w of state.waiters) {
      if (version !== undefined && w.version === version) keep.push(w);
      else w.reject(new AnalysisCancelled());
    }
    state.waiters = keep;
  }

  /** The document changed (now at `version`): waiters for older versions are answered AnalysisCancelled. */
  changed(uri: string, version: number): void {
    const state = this.states.get(uri);
    if (state) this.cancelWaiters(state, version);
  }

  /** Whether entities of the document are still being recognised. */
  busy(uri: string): boolean {
    const state = this.states.get(uri);
    return !!state && !state.engine.complete;
  }

  /** The complete analysis of a document's current version, whatever the settings were (no new analysis). */
  peek(uri: string, version: number): DocumentAnalysis | undefined {
    const state = this.states.get(uri);
    return state && state.version === version && state.engine.complete ? this.analysisOf(state) : undefined;
  }

  /** Counts delete/clear/forget calls: a request that began before one is answered AnalysisCancelled. */
  private epoch = 0;

  delete(uri: string): void {
    this.epoch++;
    const state = this.states.get(uri);
    if (state) this.cancelWaiters(state);
    this.states.delete(uri);
  }

  /** Forgets every analysis and stops the running ones (settings changed). */
  clear(): void {
    for (const uri of [...this.states.keys()]) this.delete(uri);
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.delete(uri);
  }
}
