// Article rules, in one place: which files are articles, where an article's tags (.ann) and review sidecar live, and
// which folders are never read as articles (exports). Used by the export (CLI and editor), the import, the brat
// reader, the agreement tool and, through the protocol module, the editor's Corpus and Annotations views and its
// "is this .txt an article" check. Plain Node (no VS Code).
//
// The rule: a `.news` file is always an article. A `.txt` file is one when its path (relative to the workspace folder
// or the folder being exported) matches `newsAnnotator.articleFiles` (default `**/*.txt`) and either an `.ann` lies
// beside it (it has been tagged) or its first 2 KB are mostly Chinese (`newsAnnotator.articleMinCjkShare`, default
// 0.5): an English README.txt or requirements.txt is not an article. Folders holding an export (the marker file
// EXPORT_MARKER, written by every export) and tool folders (SKIPPED_FOLDERS, dot-folders) are never searched.
import * as fs from 'fs';
import * as path from 'path';
import { minimatch } from 'minimatch';

/** Article file extensions, in the order a base name is looked up (x.txt before x.news). */
export const ARTICLE_EXTENSIONS = ['.txt', '.news'] as const;
/** Always an article, whatever its content. */
export const NEWS_EXTENSION = '.news';
/** The tags of x.txt / x.news: x.ann. */
export const ANN_EXTENSION = '.ann';
/** The review sidecar of x.ann: x.review.json (pending/rejected suggestions, "reviewed"). */
export const REVIEW_SUFFIX = '.review.json';
/** Written into every export's output folder; a folder holding it is never read as articles. */
export const EXPORT_MARKER = '.news-annotator-export.json';
/** Folders never searched for articles (besides any folder whose name starts with a dot). */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.vscode', '.news-annotator'];

/** The defaults of newsAnnotator.articleFiles and newsAnnotator.articleMinCjkShare. */
export const DEFAULT_ARTICLE_GLOB = '**/*.txt';
export const DEFAULT_MIN_CJK_SHARE = 0.5;

export interface ArticleRuleSettings {
  /** newsAnnotator.articleFiles: a glob over paths relative to the workspace folder; '' turns `.txt` articles off. */
  glob: string;
  /** newsAnnotator.articleMinCjkShare, 0–1. */
  minShare: number;
}

export const DEFAULT_ARTICLE_RULE: ArticleRuleSettings = { glob: DEFAULT_ARTICLE_GLOB, minShare: DEFAULT_MIN_CJK_SHARE };

export function hasArticleExtension(file: string): boolean {
  return (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

/** The article a file belongs to: x.txt, x.news, x.ann and x.review.json all belong to x. */
export function articleBase(file: string): string {
  if (file.toLowerCase().endsWith(REVIEW_SUFFIX)) return file.slice(0, -REVIEW_SUFFIX.length);
  return file.slice(0, file.length - path.extname(file).length);
}

/** Where the tags of an article (or of any file of it) are stored: x.txt → x.ann. */
export function annPathFor(articlePath: string): string {
  return articleBase(articlePath) + ANN_EXTENSION;
}

/** Where the review sidecar of an article (or of its .ann) is stored: x.ann → x.review.json. */
export function reviewPathFor(articleOrAnnPath: string): string {
  return articleBase(articleOrAnnPath) + REVIEW_SUFFIX;
}

/** The article files that may belong to a base path, in lookup order: x.txt, x.news. */
export function articleCandidates(base: string): string[] {
  return ARTICLE_EXTENSIONS.map((ext) => base + ext);
}

/** How much of a text's start is examined for the CJK share. */
export const ARTICLE_SAMPLE_LENGTH = 2048;

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x20000 && cp <= 0x3134f) || // Extensions B–H
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation: 。、「」〇
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms: ，：（）０-９
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    cp === 0x2014 || cp === 0x2018 || cp === 0x2019 || cp === 0x201c || cp === 0x201d || cp === 0x2026 || cp === 0x00b7
  );
}

/** Neutral characters count for neither side: white space, ASCII digits and ASCII punctuation. */
function isNeutral(cp: number): boolean {
  return cp <= 0x20 || (cp < 0x80 && !((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a))) || cp === 0xfeff || cp === 0xa0;
}

/**
 * Share of Chinese characters and punctuation among the characters of the first ARTICLE_SAMPLE_LENGTH code units
 * that are not white space, ASCII digits or ASCII punctuation. 0 for a text with no such characters.
 */
export function cjkShare(text: string): number {
  const sample = text.slice(0, ARTICLE_SAMPLE_LENGTH);
  let cjk = 0;
  let counted = 0;
  for (const ch of sample) {
    const cp = ch.codePointAt(0)!;
    if (isNeutral(cp)) continue;
    counted++;
    if (isCjk(cp)) cjk++;
  }
  return counted === 0 ? 0 : cjk / counted;
}

/** The content part of the rule for a `.txt` file that matched the glob. */
export function looksLikeArticle(text: string, minShare: number): boolean {
  if (minShare <= 0) return true;
  return cjkShare(text) >= minShare;
}

/** Whether a path relative to the workspace folder (or the exported folder) matches newsAnnotator.articleFiles. */
export function matchesArticleGlob(relativePath: string, glob: string): boolean {
  const pattern = glob.trim();
  if (!pattern) return false;
  return minimatch(relativePath.split(path.sep).join('/'), pattern, { dot: true, nocase: process.platform === 'win32' });
}

/** What the rule says about a file. */
export type ArticleVerdict = 'article' | 'not-a-candidate' | 'not-chinese';

/**
 * The article rule for one file. `relativePath` is its path from the workspace folder (or exported folder);
 * `hasAnn` whether an .ann lies beside it; `sample()` the start of its text (read only when needed).
 */
export function articleVerdict(
  file: { relativePath: string; hasAnn: boolean; sample: () => string },
  rule: ArticleRuleSettings = DEFAULT_ARTICLE_RULE,
): ArticleVerdict {
  const ext = path.extname(file.relativePath).toLowerCase();
  if (ext === NEWS_EXTENSION) return 'article';
  if (ext !== '.txt' || !matchesArticleGlob(file.relativePath, rule.glob)) return 'not-a-candidate';
  if (file.hasAnn || looksLikeArticle(file.sample(), rule.minShare)) return 'article';
  return 'not-chinese';
}

/** The start of a file as text (UTF-8, else GB18030) for the rule; '' when unreadable. */
export function readSample(file: string, bytes = 8192): string {
  let buffer: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      buffer = Buffer.alloc(bytes);
      buffer = buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
  let cut = buffer.length;
  if (cut === bytes) {
    // do not cut a UTF-8 character in two
    while (cut > 0 && (buffer[cut - 1] & 0xc0) === 0x80) cut--;
    if (cut > 0 && buffer[cut - 1] >= 0xc0) cut--;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, cut));
  } catch {
    return new TextDecoder('gb18030').decode(buffer.subarray(0, cut));
  }
}

/** A folder never searched for articles: a tool folder, a dot-folder, or an export (holds EXPORT_MARKER). */
export function isSkippedFolder(dir: string): boolean {
  const name = path.basename(dir);
  if (SKIPPED_FOLDERS.includes(name) || name.startsWith('.')) return true;
  return fs.existsSync(path.join(dir, EXPORT_MARKER));
}

/** Writes the export marker into an output folder (see EXPORT_MARKER). */
export function markExportFolder(dir: string, about: Record<string, unknown>): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, EXPORT_MARKER);
  fs.writeFileSync(file, JSON.stringify({ exportedBy: 'news-annotator', ...about }, null, 2) + '\n');
  return file;
}

/** Whether a file lies in an export (a folder holding EXPORT_MARKER) at or below `stopAt` (default: any ancestor). */
export function inExportFolder(file: string, stopAt?: string): boolean {
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, EXPORT_MARKER))) return true;
    if (dir === stop || path.dirname(dir) === dir) return false;
  }
}
