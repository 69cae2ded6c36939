// Exporting a corpus to one dataset format, streamed: documents are read, checked and written one at a time, with
// progress reports and cancellation for the editor's progress notification, and a summary at the end.
// Used by the CLI (news-annotator export) and the language server (the editor's export command).
import * as path from 'path';
import { AnalysisOptions, Span } from '../core/types';
import { CancelledError, FormatError, LabelledDocument, checkDocument } from './document';
import { FormatName } from './datasetFormat';
import { formatByName } from './registry';
import { CorpusEntry, ListOptions, listCorpus, loadDocument } from './corpus';
import { markExportFolder } from '../annotations/articleRules';
import { OutputFolder } from './output';
import { DocumentDateStore } from '../core/documentDateStore';
import { SentenceOptions } from './sentences';
import { ALL, assignSplits } from './split';
import { ensureOutputFolder, realPath } from '../core/safeFiles';
import { DocumentScope, ScopeCounts, checkSplitNotEmpty, scopeEntries } from './exportScope';

export interface ExportOptions {
  /** One format, or several written in one pass over the corpus (each into its own subfolder of outDir). */
  format: FormatName | readonly FormatName[];
  /** Article files and folders (each .txt/.news with its .ann). */
  paths: string[];
  /** Folders inside `paths` to leave out (the editor leaves out its output folder when it lies inside the scope). */
  exclude?: readonly string[];
  /** The article rule per folder given (see listCorpus); the defaults when omitted (the CLI). */
  articleRule?: ListOptions['ruleFor'];
  outDir: string;
  /** Also export unreviewed machine suggestions (marked as such where the format can). Default false. */
  includeSuggestions?: boolean;
  /** Which articles: marked reviewed, with at least one tag, or all (default; untagged ones become all-O documents). */
  scope?: DocumentScope;
  /** Train/dev/test ratios and seed; no split when omitted (files are named "all"). */
  split?: { ratios: readonly number[]; seed: number };
  sentences?: SentenceOptions;
  /** Options for the analysis that produces suggestions (e.g. an explicit document date). */
  analysis?: AnalysisOptions;
  /**
   * The per-file document dates chosen in the editor, which win over `analysis.dct` (the document-date policy). By
   * default each article's nearest `.news-annotator/document-dates.json` above it.
   */
  dateStore?: DocumentDateStore;
  /** Where suggestions come from; analyze() by default. */
  suggest?: (text: string, options: AnalysisOptions, textPath?: string) => Span[];
  /**
   * Reads articles elsewhere (the CLI's `--jobs`: loadArticle() on a worker-thread pool, cli/parallel.ts), up to
   * `window` at a time; the documents are still written in corpus order, so the output is the same. Not used with
   * `suggest` (a function cannot go to another thread).
   */
  loader?: { load: (task: ArticleLoad) => Promise<LoadedArticle>; window: number };
}

/** The reading of one article for export, as plain data (it may run on a worker thread: see loadArticle). */
export interface ArticleLoad {
  entry: CorpusEntry;
  includeSuggestions?: boolean;
  analysis?: AnalysisOptions;
  /** The date stored for the article in the editor (looked up by the caller, which reports store problems). */
  storedDate?: string;
}

/** An article read for export, or why it could not be (`error`), with the warnings met reading it, in order. */
export interface LoadedArticle {
  doc?: LabelledDocument;
  warnings: string[];
  error?: string;
}

/** Reads one article (text, tags, suggestions when asked) for export; never throws. */
export function loadArticle(task: ArticleLoad, suggest?: ExportOptions['suggest']): LoadedArticle {
  const { entry } = task;
  const warnings: string[] = [];
  try {
    const doc = loadDocument(entry, {
      includeSuggestions: task.includeSuggestions, analysis: task.analysis, storedDate: () => task.storedDate, suggest, warn: (m) => warnings.push(m),
    });
    return { doc, warnings };
  } catch (err) {
    const m = (err as Error).message;
    return { warnings, error: `${m.startsWith(entry.textPath) || m.startsWith(entry.annPath) ? m : `${entry.textPath}: ${m}`}; document not exported` };
  }
}

export interface ExportProgress {
  done: number;
  total: number;
  /** The document just written. */
  document: string;
}

export interface ExportHooks {
  onProgress?: (p: ExportProgress) => void;
  /** Non-fatal problems, as they happen (they are also in the summary). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
  /** Before anything is written: how many articles each scope has, and the scope chosen (exportCorpus only). */
  onScope?: (counts: ScopeCounts, scope: DocumentScope) => void;
}

export interface ExportSummary {
  /** The format name, or the names joined with "," for a multi-format export. */
  format: string;
  formats: FormatName[];
  outDir: string;
  documents: number;
  documentsPerSplit: Record<string, number>;
  tagsPerLabel: Record<string, number>;
  suggestionsPerLabel: Record<string, number>;
  filesWritten: string[];
  /** Files in the given folders that are not articles (annotations/articleRules.ts) and were not exported. */
  leftOut: string[];
  /** Everything skipped, dropped or refused (documents, .ann lines, tags a format cannot hold), with where. */
  warnings: string[];
  /** Documents that could not be read and were left out (also in `warnings`). */
  documentsSkipped: number;
  /** Tags left out because the format cannot hold them (overlaps in CoNLL / HF), per format; not in tagsPerLabel. */
  tagsDropped: Record<string, number>;
  /** For exportCorpus: the scope used and how many articles each scope had. */
  scope?: DocumentScope;
  scopeCounts?: ScopeCounts;
}

/** How many documents are read ahead of the one being written when a writer prepares work in the background. */
const LOOK_AHEAD = 16;

/** Exports documents given in memory (used by tests and by callers that already hold the documents). */
export async function exportDocuments(
  docs: Iterable<LabelledDocument> | AsyncIterable<LabelledDocument>,
  options: Omit<ExportOptions, 'paths'> & { total?: number; splitOf?: (id: string) => string },
  hooks: ExportHooks = {},
): Promise<ExportSummary> {
  const names: FormatName[] = typeof options.format === 'string' ? [options.format] : [...new Set(options.format)];
  if (names.length === 0) throw new FormatError('no export format given');
  const formats = names.map(formatByName);
  const several = formats.length > 1;
  const summary: ExportSummary = {
    format: names.join(','), formats: names, outDir: options.outDir, documents: 0, documentsPerSplit: {},
    tagsPerLabel: {}, suggestionsPerLabel: {}, filesWritten: [], warnings: [], documentsSkipped: 0, tagsDropped: {}, leftOut: [],
  };
  // the output folder is marked as an export: never read as articles later (nor listed in the editor's views)
  markExportFolder(options.outDir, { formats: names });
  const folders: OutputFolder[] = [];
  /** The spans each format left out (a writer may report the same span more than once). */
  const dropped = formats.map(() => new Set<Span>());
  const writers = formats.map((format, index) => {
    const out = new OutputFolder(several ? path.join(options.outDir, format.name) : options.outDir);
    folders.push(out);
    const warn = (m: string) => {
      const message = several ? `${format.name}: ${m}` : m;
      summary.warnings.push(message);
      hooks.onWarning?.(message);
    };
    return format.createWriter(out, { sentences: options.sentences, warn, drop: (s) => dropped[index].add(s) });
  });
  let finished = false;
  try {
    // Documents are read and checked a few ahead of writing, so that writers' preparation (word segmentation on
    // a worker thread) overlaps the writing of earlier documents; memory stays bounded by the look-ahead.
    const iterator: AsyncIterator<LabelledDocument> | Iterator<LabelledDocument> =
      Symbol.asyncIterator in docs ? (docs as AsyncIterable<LabelledDocument>)[Symbol.asyncIterator]() : (docs as Iterable<LabelledDocument>)[Symbol.iterator]();
    const preparing = writers.some((w) => w.prepare);
    const queue: Array<{ doc: LabelledDocument; ready: Promise<unknown> }> = [];
    let more = true;
    for (;;) {
      while (more && queue.length < (preparing ? LOOK_AHEAD : 1)) {
        if (hooks.signal?.aborted) throw new CancelledError();
        const r = await iterator.next();
        if (r.done) more = false;
        else {
          checkDocument(r.value);
          queue.push({ doc: r.value, ready: preparing ? Promise.all(writers.map((w) => w.prepare?.(r.value))) : Promise.resolve() });
        }
      }
      const item = queue.shift();
      if (!item) break;
      if (hooks.signal?.aborted) throw new CancelledError();
      await item.ready;
      const doc = item.doc;
      const split = options.splitOf?.(doc.id) ?? ALL;
      for (const writer of writers) writer.write(doc, split);
      summary.documents++;
      summary.documentsPerSplit[split] = (summary.documentsPerSplit[split] ?? 0) + 1;
      // with one format, the counts are what was written; with several, what was read (drops are per format)
      for (const s of doc.spans) {
        if (!several && dropped[0].has(s)) continue;
        summary.tagsPerLabel[s.label] = (summary.tagsPerLabel[s.label] ?? 0) + 1;
      }
      for (const s of doc.suggestions ?? []) {
        if (!several && dropped[0].has(s)) continue;
        summary.suggestionsPerLabel[s.label] = (summary.suggestionsPerLabel[s.label] ?? 0) + 1;
      }
      formats.forEach((f, i) => {
        let n = 0;
        for (const s of doc.spans) if (dropped[i].delete(s)) n++;
        for (const s of doc.suggestions ?? []) dropped[i].delete(s);
        if (n) summary.tagsDropped[f.name] = (summary.tagsDropped[f.name] ?? 0) + n;
      });
      hooks.onProgress?.({ done: summary.documents, total: options.total ?? summary.documents, document: doc.source ?? doc.id });
      // let cancellation and other events through now and then
      if (summary.documents % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    for (const writer of writers) writer.finish();
    finished = true;
  } finally {
    for (const writer of writers) writer.close?.();
    // after an error or a cancellation, files still being written are discarded (no half file replaces a whole one)
    if (!finished) for (const out of folders) out.abortAll();
    for (const out of folders) for (const item of out.written) summary.filesWritten.push(item);
  }
  return summary;
}

/**
 * Exports the documents under `options.paths`. A document that cannot be read (undecodable text, a tag that does not
 * match its text, an unreadable .ann) is reported in the warnings and left out; the export goes on.
 */
export async function exportCorpus(options: ExportOptions, hooks: ExportHooks = {}): Promise<ExportSummary> {
  // "inside" is decided on real paths: an output folder named through a symbolic link to the corpus is the corpus
  const excluded = (options.exclude ?? []).map((d) => realPath(d) + path.sep);
  const leftOut: string[] = [];
  const entries = listCorpus(options.paths, { ruleFor: options.articleRule, onLeftOut: (f) => leftOut.push(f) })
    .filter((e) => !excluded.some((d) => realPath(e.textPath).startsWith(d)));
  // which articles, and whether the split can be made of them: refused before the output folder is touched
  const scope = options.scope ?? 'all';
  const scoped = scopeEntries(entries, scope);
  hooks.onScope?.(scoped.counts, scope);
  if (scoped.entries.length === 0 && scope !== 'all') {
    const which = scope === 'reviewed' ? 'reviewed articles' : scope === 'tagged' ? 'tagged articles' : 'articles';
    throw new FormatError(`No ${which} to export (${scoped.counts.reviewed} reviewed, ${scoped.counts.tagged} tagged, ${scoped.counts.all} articles in all)`);
  }
  if (options.split) checkSplitNotEmpty(scoped.entries.length, options.split.ratios);
  try {
    ensureOutputFolder(options.outDir);
  } catch (err) {
    throw new FormatError((err as Error).message);
  }
  const outReal = realPath(options.outDir);
  for (const e of entries) {
    if (realPath(e.textPath).startsWith(outReal + path.sep)) {
      throw new FormatError(`${options.outDir}: the output folder holds input documents (${e.textPath}); choose another folder`);
    }
  }
  entries.splice(0, entries.length, ...scoped.entries);
  const splits = options.split ? assignSplits(entries.map((e) => e.id), options.split) : undefined;
  if (splits) {
    // write split by split, so each split's files are contiguous and the order is stable
    const rank = new Map([['train', 0], ['dev', 1], ['test', 2]]);
    entries.sort((a, b) => rank.get(splits.get(a.id)!)! - rank.get(splits.get(b.id)!)! || (a.id < b.id ? -1 : 1));
  }
  // problems met while reading (malformed .ann lines) go to the same warning stream as the writers'
  const readWarnings: string[] = [];
  const readWarning = (m: string) => {
    readWarnings.push(m);
    hooks.onWarning?.(m);
  };
  const dateStore = options.dateStore ?? new DocumentDateStore();
  const storeProblems = new Set<string>();
  const storedDate = (textPath: string, problems: string[]): string | undefined => {
    try {
      return dateStore.lookup(textPath);
    } catch (err) {
      const m = (err as Error).message;
      if (!storeProblems.has(m)) {
        storeProblems.add(m);
        problems.push(`per-file document dates could not be read, dates are detected instead: ${m}`);
      }
      return undefined;
    }
  };
  let skipped = 0;
  // Articles are read up to `window` ahead (on worker threads with a loader), and their warnings reported and the
  // documents written in corpus order whatever finishes first: the same output for any number of threads.
  const loader = options.suggest ? undefined : options.loader;
  const load = loader ? loader.load : async (task: ArticleLoad) => loadArticle(task, options.suggest);
  const window = loader ? Math.max(1, loader.window) : 1;
  async function* documents(): AsyncIterable<LabelledDocument> {
    const pending: { storeWarnings: string[]; loaded: Promise<LoadedArticle> }[] = [];
    let next = 0;
    for (;;) {
      while (pending.length < window && next < entries.length) {
        const entry = entries[next++];
        // the per-file date is looked up here (in order), its store's problems reported with this article's turn
        const storeWarnings: string[] = [];
        let date: string | undefined;
        if (options.includeSuggestions) date = storedDate(entry.textPath, storeWarnings);
        const task: ArticleLoad = { entry, includeSuggestions: options.includeSuggestions, analysis: options.analysis, storedDate: date };
        const loaded = load(task).catch((err: Error) => ({ warnings: [], error: `${entry.textPath}: ${err.message}; document not exported` }));
        pending.push({ storeWarnings, loaded });
      }
      const item = pending.shift();
      if (!item) return;
      const r = await item.loaded;
      for (const m of item.storeWarnings) readWarning(m);
      for (const m of r.warnings) readWarning(m);
      if (r.error !== undefined || !r.doc) {
        skipped++;
        readWarning(r.error ?? `document not exported`);
        continue;
      }
      yield r.doc;
    }
  }
  const summary = await exportDocuments(
    documents(),
    { ...options, total: entries.length, splitOf: splits ? (id) => splits.get(id)! : undefined },
    hooks,
  );
  summary.warnings = readWarnings.concat(summary.warnings);
  summary.documentsSkipped = skipped;
  summary.scope = scope;
  summary.scopeCounts = scoped.counts;
  summary.leftOut = leftOut;
  return summary;
}
