// Two or more annotators' work as folders of brat files over the same articles: documents matched by their path
// relative to each folder (without extension), each annotator's tags checked against the article's text. Nothing is
// skipped silently: every document or tag left out is reported in `problems` with the reason.
import * as fs from 'fs';
import * as path from 'path';
import { NormalisedValues, parseAnn, valuesOf } from '../annotations/annFile';
import { OffsetMap } from '../core/offsets';
import { decodeFile } from '../core/textDecoding';
import { LabelledSpan } from './metrics';
import { hasArticleExtension, isSkippedFolder } from '../annotations/articleRules';


export interface AnnotatorTag extends LabelledSpan {
  /** The tag's id in its .ann file (T3). */
  id: string;
  text: string;
  /** Normalised values from the tag's AnnotatorNotes (value, unit, timex, …), when it has any. */
  values?: NormalisedValues;
}

export interface ComparedDocument {
  /** Path relative to each folder, '/'-separated, without extension. */
  id: string;
  text: string;
  /** Code-point length of the text. */
  length: number;
  /** The article file the text was read from. */
  textPath: string;
  /** Per annotator (in the order the folders were given), their tags on this document. */
  tags: AnnotatorTag[][];
}

export interface SetProblem {
  document: string;
  /** Index of the annotator's folder the problem is in, when it is one annotator's. */
  annotator?: number;
  message: string;
}

export interface AnnotationSets {
  folders: string[];
  documents: ComparedDocument[];
  problems: SetProblem[];
}

interface Found {
  textPath?: string;
  annPath?: string;
}

/** Article and .ann files under a folder, by document id. */
function scan(folder: string): Map<string, Found> {
  const out = new Map<string, Found>();
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!isSkippedFolder(full)) walk(full);
        continue;
      }
      if (!e.isFile()) continue; // symlinks and sockets are not followed
      const ext = path.extname(e.name).toLowerCase();
      const isText = hasArticleExtension(e.name);
      if (!isText && ext !== '.ann') continue;
      const id = path.relative(folder, full).slice(0, -ext.length).split(path.sep).join('/');
      const found = out.get(id) ?? {};
      if (isText) found.textPath ??= full;
      else found.annPath = full;
      out.set(id, found);
    }
  };
  walk(folder);
  return out;
}

function readText(file: string): string {
  return decodeFile(fs.readFileSync(file), file).text;
}

/**
 * The continuous tags of one annotator's .ann content that match the text; each other tag, and each malformed line,
 * is reported through `report` and left out. Sorted by position.
 */
export function tagsFromAnn(
  content: string,
  map: OffsetMap,
  annPath: string,
  report: (message: string) => void,
  wanted?: ReadonlySet<string>,
): AnnotatorTag[] {
  const out: AnnotatorTag[] = [];
  const ann = parseAnn(content);
  for (const e of ann.errors) report(`${annPath}:${e.line}: ${e.message} (line ignored)`);
  for (const t of ann.tags) {
    if (wanted && !wanted.has(t.label)) continue;
    if (t.end > map.codePointLength || t.start >= t.end) {
      report(`${annPath}: ${t.id} ${t.label} [${t.start}, ${t.end}) lies outside the text (${map.codePointLength} characters): ignored`);
      continue;
    }
    const actual = map.slice(t.start, t.end);
    if (actual !== t.text) {
      report(`${annPath}: ${t.id} ${t.label} [${t.start}, ${t.end}) says ${JSON.stringify(t.text)} but the text has ${JSON.stringify(actual)}: ignored`);
      continue;
    }
    const values = valuesOf(t);
    const tag: AnnotatorTag = { id: t.id, label: t.label, start: t.start, end: t.end, text: t.text };
    if (Object.keys(values).length > 0) tag.values = values;
    out.push(tag);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface LoadSetsOptions {
  /** Only these labels count (all when omitted). */
  labels?: readonly string[];
}

/** The annotators' folders, scanned: documents are read one at a time, so a corpus of any size fits in memory. */
export interface AnnotationSetsReader {
  folders: string[];
  /** Every document id found in any folder, sorted. */
  ids: string[];
  /** Problems found so far (grows while documents are read). */
  problems: SetProblem[];
  /** Reads the documents that every folder has, in id order; those left out are added to `problems`. */
  documents(): Generator<ComparedDocument>;
  /** Reads one document by id (undefined, with the reason in `problems`, when it is left out). */
  read(id: string): ComparedDocument | undefined;
}

/**
 * Scans the annotators' folders. A document counts when every folder has it (an .ann, or the article alone: no tags
 * yet) and its text is the same wherever it is given; others are reported. A folder may hold .ann files only: the
 * text then comes from another folder.
 */
export function openAnnotationSets(folders: readonly string[], options: LoadSetsOptions = {}): AnnotationSetsReader {
  const problems: SetProblem[] = [];
  const scans = folders.map((folder) => {
    const st = fs.statSync(folder, { throwIfNoEntry: false });
    if (!st?.isDirectory()) throw new Error(`${folder}: not a folder`);
    return scan(folder);
  });
  const ids = [...new Set(scans.flatMap((s) => [...s.keys()]))].sort();
  const wanted = options.labels ? new Set(options.labels) : undefined;
  const read = (id: string): ComparedDocument | undefined => {
    const found = scans.map((s) => s.get(id));
    const absent = found.map((f, i) => (f ? -1 : i)).filter((i) => i >= 0);
    if (absent.length > 0) {
      problems.push({
        document: id,
        message: `not in ${absent.map((i) => folders[i]).join(', ')} (neither article nor .ann): left out`,
      });
      return undefined;
    }
    const withText = found.map((f, i) => ({ path: f!.textPath, i })).filter((t) => t.path !== undefined) as { path: string; i: number }[];
    if (withText.length === 0) {
      problems.push({ document: id, message: 'no article text (.txt or .news) beside the .ann files in any folder: left out' });
      return undefined;
    }
    const texts: string[] = [];
    try {
      for (const t of withText) texts.push(readText(t.path));
    } catch (err) {
      problems.push({ document: id, message: `${(err as Error).message}: left out` });
      return undefined;
    }
    const text = texts[0];
    const differing = withText.filter((_, k) => texts[k] !== text);
    if (differing.length > 0) {
      problems.push({
        document: id,
        message: `the article text differs between ${withText[0].path} and ${differing.map((d) => d.path).join(', ')}: left out`,
      });
      return undefined;
    }
    const map = new OffsetMap(text);
    const tags: AnnotatorTag[][] = [];
    let unreadable = false;
    found.forEach((f, annotator) => {
      const mine: AnnotatorTag[] = [];
      tags.push(mine);
      if (!f!.annPath) return;
      let content: string;
      try {
        content = readText(f!.annPath);
      } catch (err) {
        problems.push({ document: id, annotator, message: `${(err as Error).message}: document left out` });
        unreadable = true;
        return;
      }
      for (const tag of tagsFromAnn(content, map, f!.annPath, (message) => problems.push({ document: id, annotator, message }), wanted)) {
        mine.push(tag);
      }
    });
    if (unreadable) return undefined;
    return { id, text, length: map.codePointLength, textPath: withText[0].path, tags };
  };
  return {
    folders: [...folders],
    ids,
    problems,
    read,
    *documents() {
      for (const id of ids) {
        const doc = read(id);
        if (doc) yield doc;
      }
    },
  };
}

/** All documents of the folders, read at once (for a small set, e.g. in the editor). */
export function loadAnnotationSets(folders: readonly string[], options: LoadSetsOptions = {}): AnnotationSets {
  const reader = openAnnotationSets(folders, options);
  const documents = [...reader.documents()];
  return { folders: reader.folders, documents, problems: reader.problems };
}
