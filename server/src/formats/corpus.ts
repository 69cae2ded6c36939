// Reading an annotated corpus from disk, one document at a time: the articles (annotations/articleRules.ts) in the
// given files and folders, each with its tags from the .ann beside it (the tag store's annFile.ts) and, when asked,
// the machine suggestions still to review: analyze() minus the rejected ones (review file) minus those overlapping a
// tag. Files that are not articles (an English README.txt) and earlier exports are left out.
import * as fs from 'fs';
import * as path from 'path';
import { parseAnn } from '../annotations/annFile';
import { parseReview } from '../annotations/reviewFile';
import {
  ARTICLE_EXTENSIONS, ArticleRuleSettings, DEFAULT_ARTICLE_RULE, EXPORT_MARKER, annPathFor, inExportFolder, articleVerdict, hasArticleExtension, isSkippedFolder,
  readSample, reviewPathFor,
} from '../annotations/articleRules';
import { decodeFile } from '../core/textDecoding';
import { AnalysisOptions, Span } from '../core/types';
import { FormatError, LabelledDocument, VALUE_KEYS, isLabel, overlaps } from './document';
import { OffsetMap } from '../core/offsets';

export interface CorpusEntry {
  /** Path relative to the folder it was found in (or the file name), without extension, '/'-separated. */
  id: string;
  textPath: string;
  /** The .ann beside the text (may not exist: no tags yet). */
  annPath: string;
}

export interface ListOptions {
  /**
   * The article rule for `.txt` files found in folders, per folder given (the editor passes its workspace
   * folder's newsAnnotator.articleFiles / articleMinCjkShare); the defaults otherwise. Files named one by one are
   * taken whatever their content.
   */
  ruleFor?: (folder: string) => { rule: ArticleRuleSettings; root: string };
  /** Called for each `.txt` found in a folder that the rule leaves out (not an article). */
  onLeftOut?: (file: string) => void;
}

/**
 * The documents under the given files and folders, sorted by id. Missing paths stop with a clear message. In
 * folders only articles are taken, and earlier exports (folders holding the export marker) are not searched.
 */
export function listCorpus(paths: readonly string[], options: ListOptions = {}): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  const ids = new Set<string>();
  const add = (textPath: string, id: string) => {
    let unique = id;
    for (let n = 2; ids.has(unique); n++) unique = `${id}~${n}`;
    ids.add(unique);
    out.push({ id: unique, textPath, annPath: annPathFor(textPath) });
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new FormatError(`${p}: no such file or folder`);
    }
    if (st.isFile()) {
      if (!hasArticleExtension(p)) {
        throw new FormatError(`${p}: not an article file (expected ${ARTICLE_EXTENSIONS.join(' or ')})`);
      }
      add(p, stripExtension(path.basename(p)));
      continue;
    }
    const { rule, root } = options.ruleFor?.(p) ?? { rule: DEFAULT_ARTICLE_RULE, root: p };
    const walk = (dir: string) => {
      if (isSkippedFolder(dir) && dir !== p) return;
      const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const names = new Set(entries.map((e) => e.name));
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (hasArticleExtension(e.name)) {
          const verdict = articleVerdict(
            { relativePath: path.relative(root, full), hasAnn: names.has(path.basename(annPathFor(full))), sample: () => readSample(full) },
            rule,
          );
          if (verdict === 'article') add(full, stripExtension(path.relative(p, full)).split(path.sep).join('/'));
          else options.onLeftOut?.(full);
        }
      }
    };
    if (inExportFolder(path.join(p, EXPORT_MARKER))) {
      throw new FormatError(`${p}: this folder holds an earlier export (${EXPORT_MARKER}), not articles`);
    }
    walk(p);
  }
  return out;
}

function stripExtension(p: string): string {
  return p.replace(/\.[^./\\]*$/, '');
}

/** brat annotation kinds by the first letter of their id. */
const KIND_NAMES: Record<string, string> = {
  R: 'relation', E: 'event', A: 'attribute', M: 'attribute', N: 'normalization', '*': 'equivalence', '#': 'note',
};

export interface LoadOptions {
  includeSuggestions?: boolean;
  /** Passed to analyze() for suggestions (e.g. an explicit document date). */
  analysis?: AnalysisOptions;
  /** The date stored for an article (per-file store); the document-date policy puts it before `analysis.dct`. */
  storedDate?: (textPath: string) => string | undefined;
  /** Where suggestions come from; analyze() by default. */
  suggest?: (text: string, options: AnalysisOptions, textPath?: string) => Span[];
  /** Non-fatal problems (malformed .ann lines, which are skipped). */
  warn?: (message: string) => void;
}

/**
 * The recognisers' output. Loaded on first use, so that exporting confirmed tags never depends on the recognisers
 * (their models and tables load only when suggestions are asked for).
 */
function defaultSuggest(text: string, options: AnalysisOptions): Span[] {
  const { analyze } = require('../analysis/analyze') as typeof import('../analysis/analyze');
  return analyze(text, options).spans;
}

/**
 * Reads one document: its text (decoded as the editor does) and its tags. A tag whose offsets do not match the text
 * stops the export with a FormatError naming the .ann file and the tag.
 */
export function loadDocument(entry: CorpusEntry, options: LoadOptions = {}): LabelledDocument {
  const { text } = decodeFile(fs.readFileSync(entry.textPath), entry.textPath);
  const map = new OffsetMap(text);
  const length = map.codePointLength;
  const spans: Span[] = [];
  let rejected: Array<{ label: string; start: number; end: number }> = [];
  if (fs.existsSync(entry.annPath)) {
    // decoded as the editor decodes it (a GB18030 .ann is read as GB18030)
    const ann = parseAnn(decodeFile(fs.readFileSync(entry.annPath), entry.annPath).text);
    for (const e of ann.errors) options.warn?.(`${entry.annPath}:${e.line}: ${e.message} (line not exported)`);
    const errorLines = new Set(ann.errors.map((e) => e.line));
    const left: string[] = [];
    ann.lines.forEach((l, i) => {
      if (l.kind !== 'verbatim' || errorLines.has(i + 1) || l.raw.trim() === '') return;
      // brat's discontinuous spans ("T5\tLOC 0 2;5 7\t...") have no place in a flat span list
      const m = /^(T\d+)\t(\S+) \d+ \d+(;\d+ \d+)+\t/.exec(l.raw);
      if (m) options.warn?.(`${entry.annPath}: ${m[1]} ${m[2]} is a discontinuous span; it is not exported`);
      else left.push(l.raw.split('\t', 1)[0]);
    });
    // relations, events, attributes, normalisations, equivalences and free-text notes: no dataset format holds them
    if (left.length) {
      const kinds = [...new Set(left.map((id) => KIND_NAMES[id[0]] ?? 'line'))].join(', ');
      options.warn?.(
        `${entry.annPath}: ${left.length} brat annotation${left.length > 1 ? 's' : ''} (${kinds}) not exported, the export carries text-bound tags and their values only: ` +
          `${left.slice(0, 10).join(', ')}${left.length > 10 ? ', …' : ''}`,
      );
    }
    for (const t of ann.tags) {
      const where = () => `${entry.annPath}: tag ${t.id} ${t.label} [${t.start}, ${t.end}) ${JSON.stringify(t.text)}`;
      if (!isLabel(t.label)) throw new FormatError(`${where()} has an invalid label name`);
      if (t.end <= t.start || t.end > length) {
        throw new FormatError(`${where()} lies outside ${path.basename(entry.textPath)} (${length} characters)`);
      }
      const actual = map.slice(t.start, t.end);
      if (actual !== t.text) {
        throw new FormatError(`${where()} does not match ${path.basename(entry.textPath)}, which has ${JSON.stringify(actual)} there`);
      }
      const span: Span = { start: t.start, end: t.end, label: t.label as Span['label'], text: actual };
      for (const k of VALUE_KEYS) if (t[k] !== undefined) (span as any)[k] = t[k];
      spans.push(span);
    }
    const reviewPath = reviewPathFor(entry.annPath);
    if (options.includeSuggestions && fs.existsSync(reviewPath)) {
      const { review, errors } = parseReview(fs.readFileSync(reviewPath, 'utf8'));
      for (const e of errors) options.warn?.(`${reviewPath}: ${e.message}`);
      rejected = review.rejected;
    }
  }
  const doc: LabelledDocument = { id: entry.id, text, spans, source: entry.textPath };
  if (options.includeSuggestions) {
    const fileName = path.basename(entry.textPath);
    const suggest = options.suggest ?? defaultSuggest;
    let found: Span[];
    try {
      found = suggest(text, { ...options.analysis, storedDct: options.storedDate?.(entry.textPath), fileName }, entry.textPath);
    } catch (e) {
      throw new FormatError(`${entry.textPath}: the suggestions could not be computed: ${(e as Error).message}`);
    }
    doc.suggestions = found.filter(
      (s) =>
        !rejected.some((r) => r.start === s.start && r.end === s.end && r.label === s.label) &&
        !spans.some((t) => overlaps(t, s)),
    );
  }
  return doc;
}
