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
  const folders = new Set<string>();
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
          }
          seenIds.add(id);
          try {
            importOne(doc, id);
          } catch (e) {
            if (e instanceof CancelledError) throw e;
            report({ file: doc.where, message: `${(e as Error).message}; document ${id} not imported` });
            continue;
          }
          summary.documents++;
          hooks.onProgress?.({ done: summary.documents, file: doc.where });
          if (summary.documents % 50 === 0) await new Promise((r) => setImmediate(r));
        }
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        report({ file, message: `${(e as Error).message}; the rest of this file is not imported` });
      }
    }
  }

  /** Merges one document; throws (with a message naming the file) when a file cannot be read or written safely. */
  function importOne(doc: ImportedDocument, id: string): void {
    const parts = id.split('/');
    // no symbolic link is followed below the target folder (it could lead outside it)
    const dir = ensureFolderInside(options.intoDir, parts.slice(0, -1).join('/'), folders);
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
    const spans = options.includeSuggestions ? [...doc.spans, ...doc.suggestions] : doc.spans;
    const conflicts: ImportConflict[] = [];
    const r = mergeTags(ann, spans, annPath, conflicts);
    const after = serializeAnn(ann);
    const created = !present(textPath);
    if (created) {
      writeFileSafely(textPath, doc.text);
      summary.documentsCreated++;
      summary.filesWritten.push(textPath);
    }
    // a document the import creates gets its .ann even without tags: the article rule (articleRules.ts) then counts
    // it as an article whatever its text (an empty or English document)
    if (after !== before && (before !== undefined || after !== '' || created)) {
      writeFileSafely(annPath, after, existing ?? { encoding: 'utf-8', bom: false });
      summary.filesWritten.push(annPath);
    }
    if (!options.includeSuggestions) summary.suggestionsSkipped += doc.suggestions.length;
    for (const c of conflicts) summary.conflicts.push(c);
    summary.tagsAdded += r.added.length;
    summary.duplicates += r.duplicates;
    summary.valuesAdded += r.valuesAdded;
    for (const s of r.added) summary.tagsPerLabel[s.label] = (summary.tagsPerLabel[s.label] ?? 0) + 1;
  }
  return summary;
}
