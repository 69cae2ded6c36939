// analyze() results per open document, cached per document version and per the inputs that change them (enabled
// label groups, document-date inputs, the large-file threshold). Hands the document-date policy
// (core/documentDate.ts) its editor inputs: the per-file choice from the DocumentDateStore and the
// `newsAnnotator.documentDate` setting.
//
// Large documents do not block the server: an analysis longer than one slice runs in slices with a turn of the event
// loop between them (see analysis/slicedAnalysis.ts), so hovers, tagging and other documents are served meanwhile; it
// starts only after a short pause in typing, and a newer version of the document cancels it. Above
// `newsAnnotator.largeFileThreshold` characters the entity recogniser (by far the slowest) is skipped.
import { fileURLToPath } from 'url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../analysis/analyze';
import type { ExplicitDateOrigin } from '../core/describe';
import { AnalysisOptions, AnalysisResult, LabelGroup } from '../core/types';
import { DocumentDateStore, DocumentDateStoreError } from '../core/documentDateStore';
import { checkDocumentDate } from '../core/documentDateFormat';
import { AnalysisCancelled, SLICE_LENGTH, SliceOptions, analyzeInSlices } from '../analysis/slicedAnalysis';
import type { NewsAnnotatorSettings } from './protocol';

export { AnalysisCancelled } from '../analysis/slicedAnalysis';

/** Characters (UTF-16 code units, as the editor counts them) above which entities are not recognised. */
export const DEFAULT_LARGE_FILE_THRESHOLD = 500_000;

/** The settings the analysis reads: the protocol's, plus `newsAnnotator.largeFileThreshold` (0: no limit). */
export interface AnalysisSettings extends NewsAnnotatorSettings {
  largeFileThreshold: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  labels: { enabled: { figures: true, dates: true, entities: true } },
  documentDate: '',
  largeFileThreshold: DEFAULT_LARGE_FILE_THRESHOLD,
};

/** Settings as the client sent them, with anything missing or malformed replaced by the default. */
export function normaliseSettings(raw: unknown): AnalysisSettings {
  const r = (raw ?? {}) as {
    labels?: { enabled?: Partial<Record<LabelGroup, unknown>> };
    documentDate?: unknown;
    largeFileThreshold?: unknown;
  };
  const enabled = r.labels?.enabled ?? {};
  const flag = (g: LabelGroup) => (typeof enabled[g] === 'boolean' ? (enabled[g] as boolean) : true);
  const check = typeof r.documentDate === 'string' ? checkDocumentDate(r.documentDate) : undefined;
  const date = check?.ok ? check.value : '';
  const limit = r.largeFileThreshold;
  const largeFileThreshold = typeof limit === 'number' && Number.isFinite(limit) && limit >= 0 ? Math.floor(limit) : DEFAULT_LARGE_FILE_THRESHOLD;
  return {
    labels: { enabled: { figures: flag('figures'), dates: flag('dates'), entities: flag('entities') } },
    documentDate: date,
    largeFileThreshold,
  };
}

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
  /** Slice length for documents analysed in slices (default SLICE_LENGTH). */
  sliceLength?: number;
  /** A document longer than one slice is analysed this long after its last change at the earliest (ms). */
  debounceMs?: number;
  /** Awaited between slices (default: one turn of the event loop). */
  pause?: SliceOptions['pause'];
  /** The recognisers, replaceable for tests. */
  recognisers?: SliceOptions['recognisers'];
}

interface Job {
  key: string;
  version: number;
  cancelled: boolean;
  promise: Promise<DocumentAnalysis>;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AnalysisCache {
  private readonly entries = new Map<string, { key: string; value: DocumentAnalysis }>();
  private readonly jobs = new Map<string, Job>();
  private readonly lastChange = new Map<string, number>();
  private readonly sliceLength: number;
  private readonly debounceMs: number;

  constructor(
    readonly store: DocumentDateStore,
    private readonly options: AnalysisCacheOptions = {},
  ) {
    this.sliceLength = options.sliceLength ?? SLICE_LENGTH;
    this.debounceMs = options.debounceMs ?? 250;
  }

  /**
   * The analysis of the document's current version. Rejects with AnalysisCancelled when a newer version (or changed
   * settings) made it obsolete before it finished: ask again with the current document.
   */
  get(document: TextDocument, settings: AnalysisSettings): Promise<DocumentAnalysis> {
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
    const text = document.getText();
    const threshold = settings.largeFileThreshold ?? DEFAULT_LARGE_FILE_THRESHOLD;
    const tooLarge = threshold > 0 && text.length > threshold && settings.labels.enabled.entities;
    const groups = (Object.keys(settings.labels.enabled) as LabelGroup[]).filter(
      (g) => settings.labels.enabled[g] && !(g === 'entities' && tooLarge),
    );
    const key = `${document.version}|${groups.join(',')}|${perFile ?? ''}|${settings.documentDate}|${tooLarge ? threshold : ''}`;
    const cached = this.entries.get(document.uri);
    if (cached && cached.key === key) return Promise.resolve(cached.value);
    const running = this.jobs.get(document.uri);
    if (running && running.key === key && !running.cancelled) return running.promise;
    if (running) running.cancelled = true;

    const uri = document.uri;
    const version = document.version;
    const job: Job = { key, version, cancelled: false, promise: undefined as unknown as Promise<DocumentAnalysis> };
    const run = async (): Promise<DocumentAnalysis> => {
      const options: AnalysisOptions & { groups: LabelGroup[] } = {
        storedDct: perFile, dct: settings.documentDate || undefined, dctOrigin: 'setting', fileName: path ?? uri, groups,
      };
      let outcome: { result: AnalysisResult; failures: string[] };
      if (text.length <= this.sliceLength) {
        outcome = analyzeWhatWorks(text, options);
      } else {
        const wait = (this.lastChange.get(uri) ?? -Infinity) + this.debounceMs - Date.now();
        if (wait > 0) await delay(wait);
        if (job.cancelled) throw new AnalysisCancelled();
        outcome = await analyzeInSlices(text, options, {
          sliceLength: this.sliceLength,
          pause: this.options.pause,
          recognisers: this.options.recognisers,
          cancelled: () => job.cancelled,
        });
      }
      const dctOrigin = outcome.result.dct.origin;
      const value: DocumentAnalysis = { result: outcome.result, dctOrigin, storeProblem, recogniserProblems: outcome.failures };
      if (tooLarge) value.tooLargeForEntities = { length: text.length, threshold };
      if (job.cancelled) throw new AnalysisCancelled();
      this.entries.set(uri, { key, value });
      return value;
    };
    job.promise = run().finally(() => {
      if (this.jobs.get(uri) === job) this.jobs.delete(uri);
    });
    this.jobs.set(uri, job);
    return job.promise;
  }

  /**
   * The document changed (now at `version`): a running analysis of another version stops at its next slice, and the
   * next analysis of a long document waits for a pause in typing (debounceMs after the last change).
   */
  changed(uri: string, version: number): void {
    // Opening a document is not typing: its first analysis starts at once.
    if (this.entries.has(uri) || this.jobs.has(uri)) this.lastChange.set(uri, Date.now());
    const running = this.jobs.get(uri);
    if (running && running.version !== version) running.cancelled = true;
  }

  /** Whether an analysis of the document is running (or waiting for a pause in typing). */
  busy(uri: string): boolean {
    return this.jobs.has(uri);
  }

  /** The cached analysis of a document's current version, whatever the settings were (no new analysis). */
  peek(uri: string, version: number): DocumentAnalysis | undefined {
    const cached = this.entries.get(uri);
    return cached && cached.key.startsWith(`${version}|`) ? cached.value : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    const running = this.jobs.get(uri);
    if (running) running.cancelled = true;
  }

  /** Forgets every analysis and stops the running ones (settings changed). */
  clear(): void {
    this.entries.clear();
    for (const job of this.jobs.values()) job.cancelled = true;
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.delete(uri);
    this.lastChange.delete(uri);
  }
}
