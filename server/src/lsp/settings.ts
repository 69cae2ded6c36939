// The settings the language server reads (section `newsAnnotator`, per resource): one type, one set of defaults, one
// normaliser. package.json's `contributes.configuration` is checked against SETTING_DEFAULTS by
// test/unit/settings.test.ts (a key, a default or a description missing on either side fails it). Fetching is
// server.ts's settings(uri): per resource, cached, cleared when the client reports a change.
// (newsAnnotator.diagnostics.* are read by lsp/diagnostics.ts with their own normaliser, next to the rules.)
import { checkDocumentDate } from '../core/documentDateFormat';
import { ALL_GROUPS, LABEL_GROUP_TABLE, LabelGroup } from '../core/labels';
import { ArticleRuleSettings, DEFAULT_ARTICLE_GLOB, DEFAULT_MIN_CJK_SHARE } from '../annotations/articleRules';

/** Characters (UTF-16 code units, as the editor counts them) above which entities are not recognised. */
export const DEFAULT_LARGE_FILE_THRESHOLD = 500_000;

export interface NewsAnnotatorSettings {
  /** newsAnnotator.labels.enabled: which recogniser groups run (one flag per row of the group table). */
  labels: { enabled: Record<LabelGroup, boolean> };
  /** newsAnnotator.documentDate: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (checkDocumentDate), or '' to detect per file. */
  documentDate: string;
  /** newsAnnotator.largeFileThreshold: characters above which entities are skipped (0: no limit). */
  largeFileThreshold: number;
  /** newsAnnotator.articleFiles and newsAnnotator.articleMinCjkShare: the article rule (annotations/articleRules.ts). */
  articles: ArticleRuleSettings;
  /** newsAnnotator.suggestions.learnFromTags: suggest tagged strings where they recur (annotations/suggestionMemory.ts). */
  suggestions: { learnFromTags: boolean };
}

/** The settings the analysis reads (the same type; the name the analysis cache uses). */
export type AnalysisSettings = NewsAnnotatorSettings;

export const DEFAULT_SETTINGS: NewsAnnotatorSettings = {
  labels: { enabled: Object.fromEntries(ALL_GROUPS.map((g) => [g, true])) as Record<LabelGroup, boolean> },
  documentDate: '',
  largeFileThreshold: DEFAULT_LARGE_FILE_THRESHOLD,
  articles: { glob: DEFAULT_ARTICLE_GLOB, minShare: DEFAULT_MIN_CJK_SHARE },
  suggestions: { learnFromTags: true },
};

/** Each setting this module reads, by its full key, with its default as package.json declares it. */
export const SETTING_DEFAULTS: Record<string, unknown> = {
  'newsAnnotator.labels.enabled': DEFAULT_SETTINGS.labels.enabled,
  'newsAnnotator.documentDate': DEFAULT_SETTINGS.documentDate,
  'newsAnnotator.largeFileThreshold': DEFAULT_SETTINGS.largeFileThreshold,
  'newsAnnotator.articleFiles': DEFAULT_SETTINGS.articles.glob,
  'newsAnnotator.articleMinCjkShare': DEFAULT_SETTINGS.articles.minShare,
  'newsAnnotator.suggestions.learnFromTags': DEFAULT_SETTINGS.suggestions.learnFromTags,
};

/** Settings as the client sent them (section newsAnnotator), anything missing or malformed replaced by the default. */
export function normaliseSettings(raw: unknown): NewsAnnotatorSettings {
  const r = (raw ?? {}) as {
    labels?: { enabled?: Partial<Record<LabelGroup, unknown>> };
    documentDate?: unknown;
    largeFileThreshold?: unknown;
    articleFiles?: unknown;
    articleMinCjkShare?: unknown;
    suggestions?: { learnFromTags?: unknown };
  };
  const enabled = r.labels?.enabled ?? {};
  const flag = (g: LabelGroup) => (typeof enabled[g] === 'boolean' ? (enabled[g] as boolean) : DEFAULT_SETTINGS.labels.enabled[g]);
  const check = typeof r.documentDate === 'string' ? checkDocumentDate(r.documentDate) : undefined;
  const limit = r.largeFileThreshold;
  const share = r.articleMinCjkShare;
  return {
    labels: { enabled: Object.fromEntries(LABEL_GROUP_TABLE.map(({ group }) => [group, flag(group)])) as Record<LabelGroup, boolean> },
    documentDate: check?.ok ? check.value : DEFAULT_SETTINGS.documentDate,
    largeFileThreshold: typeof limit === 'number' && Number.isFinite(limit) && limit >= 0 ? Math.floor(limit) : DEFAULT_LARGE_FILE_THRESHOLD,
    articles: {
      glob: typeof r.articleFiles === 'string' ? r.articleFiles.trim() : DEFAULT_SETTINGS.articles.glob,
      minShare: typeof share === 'number' && share >= 0 && share <= 1 ? share : DEFAULT_SETTINGS.articles.minShare,
    },
    suggestions: {
      learnFromTags: typeof r.suggestions?.learnFromTags === 'boolean' ? r.suggestions.learnFromTags : DEFAULT_SETTINGS.suggestions.learnFromTags,
    },
  };
}

/** The enabled recogniser groups, minus those skipped above the large-file threshold when `tooLarge`. */
export function enabledGroups(settings: NewsAnnotatorSettings, tooLarge = false): LabelGroup[] {
  return LABEL_GROUP_TABLE.filter((r) => settings.labels.enabled[r.group] && !(tooLarge && r.skippedWhenLarge)).map((r) => r.group);
}
