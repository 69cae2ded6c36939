// Importing a labelled dataset into a folder of articles: each imported document lands as <into>/<id>.txt (created
// when missing; when present its text must be the same) and its tags are merged into <into>/<id>.ann through the tag
// store's annFile.ts: identical tags are not duplicated, tags overlapping an existing tag of another label (or
// another extent) are reported as conflicts and left out, malformed input is reported with line numbers and skipped.
// Files are written through core/safeFiles.ts: an existing .ann is written back in its own encoding (or left alone
// with a message), no symbolic link inside the target folder is followed, and a document that cannot be written is
// reported while the import goes on.
import * as fs from 'fs';
import * as path from 'path';
import { AnnFile, AnnTag, emptyAnn, nextId, parseAnn, serializeAnn } from '../annotations/annFile';
import { decodeFile } from '../core/textDecoding';
import { UnsafeFileError, ensureFolderInside, ensureOutputFolder, readTextForRewrite, writeFileSafely } from '../core/safeFiles';
import { Span } from '../core/types';
import { CancelledError, FormatError, VALUE_KEYS, describeSpan, overlaps, valuesOf } from './document';
import { FormatName, ImportProblem, ImportedDocument } from './datasetFormat';
import { formatByName } from './registry';
import { annPathFor, articleCandidates } from '../annotations/articleRules';

export interface ImportOptions {
  format: FormatName;
  /** Exported files or folders holding them. */
  inputs: string[];
  /** The article folder to merge into. */
  intoDir: string;
  /** Also import spans the file marks as unreviewed suggestions, as tags. Default false (they are counted). */
  includeSuggestions?: boolean;
  /**
   * Merges documents elsewhere (the CLI's `--jobs`: importDocument() on a worker-thread pool, cli/parallel.ts), up
   * to `window` at a time; results are applied in input order (the same summary and files for any number of threads),
   * and a document whose id is already being merged waits for that merge.
   */
  merger?: { merge: (task: DocumentImport) => Promise<DocumentMerged>; window: number };
}

/** The merging of one imported document into the article folder, as plain data (it may run on a worker thread). */
export interface DocumentImport {
  doc: ImportedDocument;
  /** The document's safe id (a relative path below intoDir). */
  id: string;
  intoDir: string;
  includeSuggestions?: boolean;
}

/** What merging one document did (files written in order), or why it was not imported (`error`). */
export interface DocumentMerged {
  error?: string;
  created: boolean;
  filesWritten: string[];
  suggestionsSkipped: number;
  conflicts: ImportConflict[];
  /** The labels of the tags added, in order. */
  added: string[];
  duplicates: number;
  valuesAdded: number;
}

export interface ImportConflict {
  file: string;
  imported: string;
  existing: string;
}

export interface ImportSummary {
  format: FormatName;
  documents: number;
  /** Article files created because the folder did not have them yet. */
  documentsCreated: number;
  tagsAdded: number;
  tagsPerLabel: Record<string, number>;
  /** Imported tags already present (same offsets and label). */
  duplicates: number;
  /** Existing tags that had no normalised values and got them from the import. */
  valuesAdded: number;
  suggestionsSkipped: number;
  conflicts: ImportConflict[];
  problems: ImportProblem[];
  filesWritten: string[];
}

export interface ImportHooks {
  onProgress?: (p: { done: number; file: string }) => void;
  onProblem?: (p: ImportProblem) => void;
  signal?: AbortSignal;
}

/** A document id safe to use as a relative path inside the target folder. */
function safeId(id: string): string | undefined {
  const parts = id.split(/[\\/]/);
  if (id === '' || path.isAbsolute(id) || parts.some((p) => p === '' || p === '.' || p === '..' || /[\u0000-\u001f<>:"|?*]/.test(p))) {
    return undefined;
  }
  return parts.join('/');
}

/** Whether a path exists, without following a symbolic link (a link counts as existing, and is refused later). */
function present(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Merges spans into an .ann file: a span equal to a tag already there (or added earlier in this import) is a
 * duplicate (its values fill in a tag that has none); a span overlapping a tag that was already in the file is a
 * conflict, reported and left out. Spans of one import may overlap each other (formats that allow it).
 */
export function mergeTags(
  ann: AnnFile,
  spans: readonly Span[],
  annPath: string,
  conflicts: ImportConflict[],
): { added: Span[]; duplicates: number; valuesAdded: number } {
  const before = [...ann.tags];
  const all = [...ann.tags];
  const added: Span[] = [];
  let duplicates = 0;
  let valuesAdded = 0;
  const newIds: string[] = [];
  for (const s of spans) {
    const same = all.find((t) => t.start === s.start && t.end === s.end && t.label === s.label);
    if (same) {
      duplicates++;
      const v = valuesOf(s);
      if (v && VALUE_KEYS.every((k) => same[k] === undefined)) {
        Object.assign(same, v);
        valuesAdded++;
      }
      continue;
    }
    const clash = before.find((t) => overlaps(t, s));
    if (clash) {
      conflicts.push({ file: annPath, imported: describeSpan(s), existing: `${clash.id} ${describeSpan(clash as unknown as Span)}` });
      continue;
    }
    const id = nextId(ann, 'T', newIds);
    newIds.push(id);
    const tag: AnnTag = { id, label: s.label, start: s.start, end: s.end, text: s.text, ...valuesOf(s) };
    ann.tags.push(tag);
    all.push(tag);
    added.push(s);
  }
  return { added, duplicates, valuesAdded };
}

export async function importDataset(options: ImportOptions, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const format = formatByName(options.format);
  const summary: ImportSummary = {
    format: format.name, documents: 0, documentsCreated: 0, tagsAdded: 0, tagsPerLabel: {}, duplicates: 0,
    valuesAdded: 0, suggestionsSkipped: 0, conflicts: [], problems: [], filesWritten: [],
  };
  const report = (p: ImportProblem) => {
    summary.problems.push(p);
    hooks.onProblem?.(p);
  };
  const seenIds = new Set<string>();
  try {
    ensureOutputFolder(options.intoDir);
  } catch (e) {
    throw new FormatError((e as Error).message);
  }
  // Documents are merged up to `window` at a time (elsewhere with a merger) and their results applied in input order.
  const merge = options.merger ? options.merger.merge : async (task: DocumentImport) => importDocument(task);
  const window = options.merger ? Math.max(1, options.merger.window) : 1;
  const pending: { id: string; where: string; merged: Promise<DocumentMerged> }[] = [];
  const settleOne = async () => {
    const item = pending.shift()!;
    const r = await item.merged;
    if (r.error !== undefined) {
      report({ file: item.where, message: `${r.error}; document ${item.id} not imported` });
      return;
    }
    if (r.created) summary.documentsCreated++;
    for (const f of r.filesWritten) summary.filesWritten.push(f);
    summary.suggestionsSkipped += r.suggestionsSkipped;
    for (const c of r.conflicts) summary.conflicts.push(c);
    summary.tagsAdded += r.added.length;
    summary.duplicates += r.duplicates;
    summary.valuesAdded += r.valuesAdded;
    for (const label of r.added) summary.tagsPerLabel[label] = (summary.tagsPerLabel[label] ?? 0) + 1;
    summary.documents++;
    hooks.onProgress?.({ done: summary.documents, file: item.where });
    if (summary.documents % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    for (const input of options.inputs) {
      if (!fs.existsSync(input)) {
        report({ file: input, message: 'no such file or folder; input skipped' });
        continue;
      }
      const root = fs.statSync(input).isDirectory() ? input : path.dirname(input);
      const files = format.inputFiles(input);
      if (files.length === 0) report({ file: input, message: `no ${format.name} files found` });
      for (const file of files) {
        try {
          for await (const doc of format.read(file, report)) {
            if (hooks.signal?.aborted) throw new CancelledError();
            const rawId = doc.id ?? path.relative(root, file).replace(/\.[^./\\]*$/, '').split(path.sep).join('/');
            const id = safeId(rawId);
            if (!id) {
              report({ file: doc.where, message: `document id ${JSON.stringify(rawId)} is not a safe relative path; document skipped` });
              continue;
            }
            if (seenIds.has(id)) {
              report({ file: doc.where, message: `document ${id} appears twice in the input; merging both` });
              // the second merge reads what the first one wrote
              while (pending.some((p) => p.id === id)) await settleOne();
            }
            seenIds.add(id);
            const task: DocumentImport = { doc, id, intoDir: options.intoDir, includeSuggestions: options.includeSuggestions };
            pending.push({ id, where: doc.where, merged: merge(task).catch((e: Error) => failedMerge(e)) });
            while (pending.length >= window) await settleOne();
          }
        } catch (e) {
          if (e instanceof CancelledError) throw e;
          report({ file, message: `${(e as Error).message}; the rest of this file is not imported` });
        }
      }
    }
    while (pending.length) await settleOne();
  } finally {
    // after a cancellation or an error, the merges already started finish (each writes whole files) first
    await Promise.all(pending.map((p) => p.merged));
  }
  return summary;
}

function failedMerge(e: Error): DocumentMerged {
  return { error: e.message, created: false, filesWritten: [], suggestionsSkipped: 0, conflicts: [], added: [], duplicates: 0, valuesAdded: 0 };
}

/**
 * Merges one document into the article folder. Never throws: a file that cannot be read or written safely gives
 * `error` (naming the file), and the import goes on.
 */
export function importDocument(task: DocumentImport): DocumentMerged {
  try {
    return importOne(task);
  } catch (e) {
    return failedMerge(e as Error);
  }
}

function importOne({ doc, id, intoDir, includeSuggestions }: DocumentImport): DocumentMerged {
  const parts = id.split('/');
  // no symbolic link is followed below the target folder (it could lead outside it)
  const dir = ensureFolderInside(intoDir, parts.slice(0, -1).join('/'));
  const base = path.join(dir, parts[parts.length - 1]);
  const textPath = articleCandidates(base).find(present) ?? articleCandidates(base)[0];
  if (present(textPath)) {
    if (fs.lstatSync(textPath).isSymbolicLink()) throw new UnsafeFileError(textPath, 'is a symbolic link; it is not followed');
    let current: string;
    try {
      current = decodeFile(fs.readFileSync(textPath), textPath).text;
    } catch (e) {
      throw new UnsafeFileError(textPath, (e as Error).message.replace(`${textPath}: `, ''));
    }
    if (current !== doc.text) {
      const a = Array.from(current);
      const b = Array.from(doc.text);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      throw new FormatError(
        `the text of ${id} differs from ${textPath} from character ${i} on ` +
          `(${JSON.stringify(b.slice(i, i + 10).join(''))} vs ${JSON.stringify(a.slice(i, i + 10).join(''))})`,
      );
    }
  }
  const annPath = annPathFor(textPath);
  // read as the editor reads it; written back in the same encoding, or not at all
  const existing = readTextForRewrite(annPath);
  const before = existing?.text;
  const ann = before !== undefined ? parseAnn(before) : emptyAnn();
  const spans = includeSuggestions ? [...doc.spans, ...doc.suggestions] : doc.spans;
  const conflicts: ImportConflict[] = [];
  const r = mergeTags(ann, spans, annPath, conflicts);
  const after = serializeAnn(ann);
  const created = !present(textPath);
  const filesWritten: string[] = [];
  if (created) {
    writeFileSafely(textPath, doc.text);
    filesWritten.push(textPath);
  }
  // a document the import creates gets its .ann even without tags: the article rule (articleRules.ts) then counts
  // it as an article whatever its text (an empty or English document)
  if (after !== before && (before !== undefined || after !== '' || created)) {
    writeFileSafely(annPath, after, existing ?? { encoding: 'utf-8', bom: false });
    filesWritten.push(annPath);
  }
  return {
    created,
    filesWritten,
    suggestionsSkipped: includeSuggestions ? 0 : doc.suggestions.length,
    conflicts,
    added: r.added.map((s) => s.label),
    duplicates: r.duplicates,
    valuesAdded: r.valuesAdded,
  };
}
