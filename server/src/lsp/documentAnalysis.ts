// analyze() results per open document, cached per document version and per the inputs that change them (enabled
// label groups, explicit document date). Also decides the explicit document date: a per-file choice from the
// DocumentDateStore first, then the `newsAnnotator.documentDate` setting, else analyze() detects one.
import { fileURLToPath } from 'url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze';
import type { ExplicitDateOrigin } from '../core/describe';
import { AnalysisResult, LabelGroup } from '../core/types';
import { DocumentDateStore, DocumentDateStoreError, isIsoDate } from '../core/documentDateStore';
import type { NewsAnnotatorSettings } from './protocol';

export const DEFAULT_SETTINGS: NewsAnnotatorSettings = {
  labels: { enabled: { figures: true, dates: true, entities: true } },
  documentDate: '',
};

/** Settings as the client sent them, with anything missing or malformed replaced by the default. */
export function normaliseSettings(raw: unknown): NewsAnnotatorSettings {
  const r = (raw ?? {}) as { labels?: { enabled?: Partial<Record<LabelGroup, unknown>> }; documentDate?: unknown };
  const enabled = r.labels?.enabled ?? {};
  const flag = (g: LabelGroup) => (typeof enabled[g] === 'boolean' ? (enabled[g] as boolean) : true);
  const date = typeof r.documentDate === 'string' && isIsoDate(r.documentDate.trim()) ? r.documentDate.trim() : '';
  return { labels: { enabled: { figures: flag('figures'), dates: flag('dates'), entities: flag('entities') } }, documentDate: date };
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
}

/**
 * analyze(), and if it throws, the same without the label groups that fail on their own, so one broken recogniser
 * (a missing model file) does not blank the whole editor.
 */
export function analyzeWhatWorks(
  text: string,
  options: { dct?: string; fileName?: string; groups: LabelGroup[] },
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

export class AnalysisCache {
  private readonly entries = new Map<string, { key: string; value: DocumentAnalysis }>();

  constructor(readonly store: DocumentDateStore) {}

  get(document: TextDocument, settings: NewsAnnotatorSettings): DocumentAnalysis {
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
    const explicit = perFile ?? (settings.documentDate || undefined);
    const dctOrigin: ExplicitDateOrigin | undefined = perFile ? 'file' : explicit ? 'setting' : undefined;
    const groups = (Object.keys(settings.labels.enabled) as LabelGroup[]).filter((g) => settings.labels.enabled[g]);
    const key = `${document.version}|${groups.join(',')}|${explicit ?? ''}|${dctOrigin ?? ''}`;
    const cached = this.entries.get(document.uri);
    if (cached && cached.key === key) return cached.value;
    const { result, failures } = analyzeWhatWorks(document.getText(), { dct: explicit, fileName: path ?? document.uri, groups });
    const value: DocumentAnalysis = { result, dctOrigin, storeProblem, recogniserProblems: failures };
    this.entries.set(document.uri, { key, value });
    return value;
  }

  /** The cached analysis of a document's current version, whatever the settings were (no new analysis). */
  peek(uri: string, version: number): DocumentAnalysis | undefined {
    const cached = this.entries.get(uri);
    return cached && cached.key.startsWith(`${version}|`) ? cached.value : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
