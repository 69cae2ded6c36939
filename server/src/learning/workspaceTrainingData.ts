// What a workspace teaches the entity model: its articles' confirmed tags (.ann) and review sidecars. A reviewed
// document is full supervision (every PER / LOC / ORG is tagged, everything else is not one); in a document not yet
// reviewed only the tagged spans are known (partial labels: the rest may be anything, as for CLUENER in training);
// a rejected suggestion says that span is not that label (negative evidence). Plain Node: no VS Code.
import * as fs from 'fs';
import * as path from 'path';
import { OffsetMap } from '../core/offsets';
import { decodeFile } from '../core/textDecoding';
import { parseAnn } from '../annotations/annFile';
import { parseReview } from '../annotations/reviewFile';
import { ANN_EXTENSION, REVIEW_SUFFIX, articleBase, articleCandidates, isSkippedFolder } from '../annotations/articleRules';
import { splitDecodingUnits } from '../ner/decodingUnits';
import { ENTITY_TYPES, TypedRange, tagOf } from '../ner/tags';

/** A tag or rejected suggestion in code points of the article text, end exclusive. */
export interface LabelledSpan {
  start: number;
  end: number;
  label: string;
}

/** One article of the workspace with what its annotator decided. */
export interface WorkspaceDocument {
  /** Absolute path of the article file. */
  article: string;
  /** Path relative to the workspace root, with forward slashes (stable across machines: used for the held-out split). */
  relative: string;
  text: string;
  reviewed: boolean;
  /** PER / LOC / ORG tags that match the text. */
  entities: LabelledSpan[];
  /** Tags of other labels (figures, dates, …) that match the text: not entities. */
  others: LabelledSpan[];
  /** Rejected PER / LOC / ORG suggestions that match the text and are not also tagged. */
  rejected: LabelledSpan[];
}

/** A document that could not be read, or tag lines that were skipped, in words for the user. */
export interface DocumentProblem {
  file: string;
  message: string;
}

/**
 * A decoding unit (sentence or line) as training data: per code point the bit mask of the BIO tags allowed there
 * (bit t for tag t; one bit where the annotator's decision fixes the tag), and the spans known to be wrong.
 */
export interface LearningExample {
  text: string;
  allowed: Uint8Array;
  /** Code-point ranges (type = index in ENTITY_TYPES) the reference path must not hold exactly. */
  rejected: TypedRange[];
  /** Whether every position's tag is known (a reviewed document). */
  full: boolean;
}

export class LearningInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LearningInputError';
  }
}

const ALL_TAGS = 0x7f;
const O_ONLY = 1;
const isEntity = (label: string) => (ENTITY_TYPES as readonly string[]).includes(label);

/**
 * The annotated documents under `root` (articles with an .ann or a review sidecar beside them), or only those of
 * `files` (article, .ann or sidecar paths). Folders never read as articles (dot-folders, node_modules, exports) are
 * skipped. Unreadable files and tags that do not match their text are reported in `problems`, never fatal.
 */
export function readWorkspaceDocuments(root: string, files?: readonly string[]): { documents: WorkspaceDocument[]; problems: DocumentProblem[] } {
  const absRoot = path.resolve(root);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absRoot);
  } catch {
    throw new LearningInputError(`${root}: no such folder`);
  }
  if (!stat.isDirectory()) throw new LearningInputError(`${root}: not a folder (give the workspace folder holding the articles)`);
  const bases = new Set<string>();
  if (files) {
    for (const f of files) bases.add(articleBase(path.resolve(absRoot, f)));
  } else {
    walk(absRoot, bases);
  }
  const documents: WorkspaceDocument[] = [];
  const problems: DocumentProblem[] = [];
  for (const base of [...bases].sort()) {
    const doc = readDocument(absRoot, base, problems);
    if (doc) documents.push(doc);
  }
  return { documents, problems };
}

function walk(dir: string, bases: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!isSkippedFolder(full)) walk(full, bases);
    } else if (e.isFile()) {
      const lower = e.name.toLowerCase();
      if (lower.endsWith(REVIEW_SUFFIX) || lower.endsWith(ANN_EXTENSION)) bases.add(articleBase(full));
    }
  }
}

function readDocument(root: string, base: string, problems: DocumentProblem[]): WorkspaceDocument | undefined {
  const article = articleCandidates(base).find((f) => fs.existsSync(f));
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  if (!article) {
    const ann = base + ANN_EXTENSION;
    if (fs.existsSync(ann)) problems.push({ file: rel(ann), message: 'no article (.txt or .news) beside it; skipped' });
    return undefined;
  }
  let text: string;
  try {
    text = decodeFile(fs.readFileSync(article), article).text;
  } catch (err) {
    problems.push({ file: rel(article), message: `cannot be read: ${(err as Error).message}; skipped` });
    return undefined;
  }
  const map = new OffsetMap(text);
  const matches = (s: { start: number; end: number; text: string }) =>
    s.start >= 0 && s.end > s.start && s.end <= map.codePointLength && map.slice(s.start, s.end) === s.text;
  const doc: WorkspaceDocument = { article, relative: rel(article), text, reviewed: false, entities: [], others: [], rejected: [] };
  const annFile = base + ANN_EXTENSION;
  const annText = readOptional(annFile, problems, rel);
  if (annText !== undefined) {
    const ann = parseAnn(annText);
    for (const e of ann.errors) problems.push({ file: rel(annFile), message: `line ${e.line}: ${e.message} (line skipped)` });
    let mismatched = 0;
    for (const t of ann.tags) {
      if (!matches(t)) {
        mismatched++;
        continue;
      }
      (isEntity(t.label) ? doc.entities : doc.others).push({ start: t.start, end: t.end, label: t.label });
    }
    if (mismatched) problems.push({ file: rel(annFile), message: `${mismatched} tag(s) do not match the text (left out of learning)` });
  }
  const reviewFile = base + REVIEW_SUFFIX;
  const reviewText = readOptional(reviewFile, problems, rel);
  if (reviewText !== undefined) {
    const { review, errors } = parseReview(reviewText);
    for (const e of errors) problems.push({ file: rel(reviewFile), message: e.message });
    doc.reviewed = review.reviewed;
    const tagged = new Set(doc.entities.map((t) => `${t.start}:${t.end}:${t.label}`));
    for (const r of review.rejected) {
      if (!isEntity(r.label) || !matches(r) || tagged.has(`${r.start}:${r.end}:${r.label}`)) continue;
      doc.rejected.push({ start: r.start, end: r.end, label: r.label });
    }
  }
  if (!doc.reviewed && !doc.entities.length && !doc.rejected.length) return undefined; // nothing to learn from
  return doc;
}

function readOptional(file: string, problems: DocumentProblem[], rel: (f: string) => string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ file: rel(file), message: `cannot be read: ${(err as Error).message}` });
    return undefined;
  }
  try {
    return decodeFile(bytes, file).text;
  } catch (err) {
    problems.push({ file: rel(file), message: `cannot be decoded: ${(err as Error).message}` });
    return undefined;
  }
}

/**
 * The training examples of a document, one per decoding unit (the recogniser decodes unit by unit). A reviewed
 * document gives every unit, each position's tag fixed (O outside its entity tags); a document not reviewed gives
 * only the units holding a tag or a rejection, with the tags fixed, the character after a tag not continuing it, the
 * characters of other labels' tags O, and the rest open. Tags crossing a unit boundary are left out.
 */
export function documentExamples(doc: WorkspaceDocument): LearningExample[] {
  const map = new OffsetMap(doc.text);
  const out: LearningExample[] = [];
  for (const unit of splitDecodingUnits(doc.text)) {
    const start = map.toCodePoint(unit.start);
    const end = map.toCodePoint(unit.end);
    const inside = (s: LabelledSpan) => s.start >= start && s.end <= end;
    const entities = doc.entities.filter(inside);
    const rejected = doc.rejected.filter(inside);
    if (!doc.reviewed && !entities.length && !rejected.length) continue;
    const n = end - start;
    const allowed = new Uint8Array(n).fill(doc.reviewed ? O_ONLY : ALL_TAGS);
    for (const o of doc.others.filter(inside)) allowed.fill(O_ONLY, o.start - start, o.end - start);
    const taken = new Uint8Array(n);
    for (const t of [...entities].sort((a, b) => a.start - b.start || b.end - a.end)) {
      const s = t.start - start;
      const e = t.end - start;
      if (taken.subarray(s, e).some((x) => x)) continue; // overlapping entity tags: the first (longest) wins
      taken.fill(1, s, e);
      const type = ENTITY_TYPES.indexOf(t.label as never);
      allowed[s] = 1 << tagOf(type, 'B');
      for (let i = s + 1; i < e; i++) allowed[i] = 1 << tagOf(type, 'I');
      if (e < n && !taken[e]) allowed[e] &= ~(1 << tagOf(type, 'I'));
    }
    out.push({
      text: doc.text.slice(unit.start, unit.end),
      allowed,
      rejected: rejected.map((r) => ({ start: r.start - start, end: r.end - start, type: ENTITY_TYPES.indexOf(r.label as never) })),
      full: doc.reviewed,
    });
  }
  return out;
}

/** Counts of what a set of documents teaches: entity tags, rejections, documents. */
export function learningCounts(docs: readonly WorkspaceDocument[]): { tags: number; rejected: number; documents: number; reviewed: number } {
  let tags = 0;
  let rejected = 0;
  let reviewed = 0;
  for (const d of docs) {
    tags += d.entities.length;
    rejected += d.rejected.length;
    if (d.reviewed) reviewed++;
  }
  return { tags, rejected, documents: docs.length, reviewed };
}
