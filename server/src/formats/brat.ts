// brat standoff: per document <split>/<id>.txt (the exact text, UTF-8) and <split>/<id>.ann (T lines in code points,
// normalised values in AnnotatorNotes, written and read by the tag store's own annFile.ts), plus annotation.conf
// for the label set in every split folder. Unreviewed suggestions are ordinary T lines carrying the binary
// attribute "Suggestion" (A lines, declared in annotation.conf), so brat shows them and they can be told apart.
import * as fs from 'fs';
import * as path from 'path';
import { AnnTag, emptyAnn, parseAnn, serializeAnn } from '../annotations/annFile';
import { decodeFile } from '../core/textDecoding';
import { Span } from '../core/types';
import { compareSpans, isLabel, labelOrder, makeSpan, sliceChars, valuesOf } from './document';
import { DatasetFormat, DocumentWriter, ImportedDocument, ReportProblem, filesWithExtensions } from './datasetFormat';
import { OutputFolder } from './output';
import { ALL } from './split';
import { articleCandidates } from '../annotations/articleRules';

export const SUGGESTION_ATTRIBUTE = 'Suggestion';

export function annotationConf(seen: Iterable<string> = []): string {
  return `[entities]\n${labelOrder(seen).join('\n')}\n\n[relations]\n\n[events]\n\n[attributes]\n` +
    `${SUGGESTION_ATTRIBUTE}\tArg:<ENTITY>\n`;
}

/** The .ann text for a document's tags and suggestions (T ids in offset order). */
export function annFor(tags: readonly Span[], suggestions: readonly Span[]): string {
  const file = emptyAnn();
  const marked = new Set(suggestions);
  const all = [...tags, ...suggestions].sort(compareSpans);
  const attributes: string[] = [];
  all.forEach((s, i) => {
    const tag: AnnTag = { id: `T${i + 1}`, label: s.label, start: s.start, end: s.end, text: s.text, ...valuesOf(s) };
    file.tags.push(tag);
    if (marked.has(s)) attributes.push(`A${attributes.length + 1}\t${SUGGESTION_ATTRIBUTE} ${tag.id}`);
  });
  for (const raw of attributes) file.lines.push({ kind: 'verbatim', raw });
  return serializeAnn(file);
}

function createWriter(out: OutputFolder): DocumentWriter {
  const seen = new Set<string>();
  const splits = new Set<string>();
  return {
    write(doc, split) {
      const dir = split === ALL ? '' : split; // without splits, documents go straight into the output folder
      splits.add(dir);
      for (const s of doc.spans) seen.add(s.label);
      for (const s of doc.suggestions ?? []) seen.add(s.label);
      out.writeWhole(path.join(dir, `${doc.id}.txt`), doc.text);
      out.writeWhole(path.join(dir, `${doc.id}.ann`), annFor(doc.spans, doc.suggestions ?? []));
    },
    finish() {
      out.closeAll();
      const conf = annotationConf(seen);
      for (const split of splits) out.writeWhole(path.join(split, 'annotation.conf'), conf);
      if (splits.size === 0) out.writeWhole('annotation.conf', conf);
    },
  };
}

/** Reads one .ann and its .txt. Tags whose text does not match are reported and skipped. */
export function readBratDocument(annPath: string, report: ReportProblem): ImportedDocument | undefined {
  const base = annPath.replace(/\.ann$/i, '');
  const textPath = articleCandidates(base).find((p) => fs.existsSync(p));
  if (!textPath) {
    report({ file: annPath, message: `no ${path.basename(base)}.txt beside it; file skipped` });
    return undefined;
  }
  let text: string;
  try {
    text = decodeFile(fs.readFileSync(textPath), textPath).text;
  } catch (e) {
    report({ file: textPath, message: `${(e as Error).message}; document skipped` });
    return undefined;
  }
  let annText: string;
  try {
    annText = decodeFile(fs.readFileSync(annPath), annPath).text;
  } catch (e) {
    report({ file: annPath, message: `${(e as Error).message}; document skipped` });
    return undefined;
  }
  const ann = parseAnn(annText);
  for (const e of ann.errors) report({ file: annPath, line: e.line, message: `${e.message}; line skipped` });
  const errorLines = new Set(ann.errors.map((e) => e.line));
  const suggested = new Set<string>();
  const notImported: string[] = [];
  ann.lines.forEach((l, i) => {
    if (l.kind !== 'verbatim' || errorLines.has(i + 1) || l.raw.trim() === '') return;
    const m = /^A\d+\t(\S+) (T\d+)\s*$/.exec(l.raw);
    if (m && m[1] === SUGGESTION_ATTRIBUTE) {
      suggested.add(m[2]);
      return;
    }
    const d = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)+)\t/.exec(l.raw);
    if (d) {
      report({ file: annPath, line: i + 1, message: `${d[1]} ${d[2]} is a discontinuous span (${d[3]}); tags are one stretch of text, so it is not imported` });
      return;
    }
    notImported.push(l.raw.split('\t', 1)[0]);
  });
  if (notImported.length) {
    report({
      file: annPath,
      message: `${notImported.length} relation/event/attribute/note line${notImported.length > 1 ? 's' : ''} not imported (only text-bound tags and their values are): ` +
        `${notImported.slice(0, 10).join(', ')}${notImported.length > 10 ? ', …' : ''}`,
    });
  }
  const chars = Array.from(text);
  const spans: Span[] = [];
  const suggestions: Span[] = [];
  for (const t of ann.tags) {
    if (!isLabel(t.label)) {
      report({ file: annPath, message: `${t.id}: invalid label name ${JSON.stringify(t.label)}; tag skipped` });
      continue;
    }
    if (t.end <= t.start || t.end > chars.length || sliceChars(chars, t.start, t.end) !== t.text) {
      const actual = t.end <= chars.length ? JSON.stringify(sliceChars(chars, t.start, t.end)) : 'nothing (past the end)';
      report({ file: annPath, message: `${t.id} ${t.label} [${t.start}, ${t.end}) ${JSON.stringify(t.text)} does not match ${path.basename(textPath)}, which has ${actual} there; tag skipped` });
      continue;
    }
    (suggested.has(t.id) ? suggestions : spans).push(makeSpan(chars, t.start, t.end, t.label as Span['label'], valuesOf(t as unknown as Span)));
  }
  return { id: collectionId(annPath), text, spans, suggestions, where: annPath };
}

/**
 * The document id: the .ann path relative to the nearest folder above it holding an annotation.conf (the brat
 * collection root; our export writes one per split folder), without extension. Undefined when there is none.
 */
function collectionId(annPath: string): string | undefined {
  let dir = path.dirname(path.resolve(annPath));
  for (let depth = 0; depth < 32; depth++) {
    if (fs.existsSync(path.join(dir, 'annotation.conf'))) {
      return path.relative(dir, path.resolve(annPath)).replace(/\.ann$/i, '').split(path.sep).join('/');
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

async function* read(file: string, report: ReportProblem): AsyncIterable<ImportedDocument> {
  const doc = readBratDocument(file, report);
  if (doc) yield doc;
}

export const brat: DatasetFormat = {
  name: 'brat',
  description: 'brat standoff (.txt + .ann per document, annotation.conf)',
  canOverlap: true,
  createWriter,
  inputFiles: (p) => filesWithExtensions(p, ['.ann']),
  read,
};
