// What every dataset format module provides: a streaming writer (one document at a time) and a reader that yields
// documents back from exported files, reporting malformed input with line numbers instead of stopping.
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { Span } from '../core/types';
import { LabelledDocument } from './document';
import { OutputFolder } from './output';
import { SentenceOptions } from './sentences';
import { EXPORT_MARKER } from '../annotations/articleRules';

export const FORMAT_NAMES = [
  'doccano', 'label-studio', 'brat', 'conll-bio', 'conll-bioes', 'conll-word', 'spacy', 'hf',
] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

export interface WriterOptions {
  /** Sentence splitting for token formats. */
  sentences?: SentenceOptions;
  /** Reports a non-fatal problem (e.g. a tag a flat format had to leave out). */
  warn: (message: string) => void;
  /** Called with each span the writer leaves out (besides the warning), so the summary does not count it. */
  drop?: (span: Span) => void;
}

export interface DocumentWriter {
  /** Writes one checked document into a split ("train", "dev", "test", or "all" without splits). */
  write(doc: LabelledDocument, split: string): void;
  /**
   * Optional work started before `write` for a document, off the main thread where possible (word segmentation);
   * the export calls it a few documents ahead and awaits it before writing that document.
   */
  prepare?(doc: LabelledDocument): Promise<unknown>;
  /** Writes closing brackets and side files and closes everything. */
  finish(): void;
  /** Releases resources (threads); called once at the end, also after an error or cancellation. */
  close?(): void;
}

/** A document read back from an exported file. */
export interface ImportedDocument {
  /** The document id, when the format stores one. */
  id?: string;
  text: string;
  spans: Span[];
  /** Spans the file marks as unreviewed suggestions. */
  suggestions: Span[];
  /** File and line (or task / row) for messages. */
  where: string;
}

export interface ImportProblem {
  file: string;
  /** 1-based line number, when the problem is on one line. */
  line?: number;
  message: string;
}

export type ReportProblem = (p: ImportProblem) => void;

export interface DatasetFormat {
  name: FormatName;
  /** One line for pickers and --help. */
  description: string;
  /** False for token formats (CoNLL, Hugging Face): overlapping tags are left out and reported. */
  canOverlap: boolean;
  createWriter(out: OutputFolder, options: WriterOptions): DocumentWriter;
  /** Input files this format reads from a path the user gave (a file, or the relevant files in a folder). */
  inputFiles(p: string): string[];
  read(file: string, report: ReportProblem): AsyncIterable<ImportedDocument>;
}

/**
 * The id of a document read from a file that does not name it (a foreign export): the file's base name and the
 * record's own id or number, e.g. "admin-17" for doccano's {"id": 17} in admin.jsonl.
 */
export function fallbackId(file: string, record: unknown): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  const own = typeof record === 'number' || (typeof record === 'string' && /^[\w.-]+$/.test(record)) ? String(record) : undefined;
  return `${base}-${own ?? 'x'}`;
}

/** Lines of a text file, streamed, with 1-based numbers; a trailing \r (CRLF files) is removed. */
export async function* readLines(file: string): AsyncIterable<{ line: string; number: number }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    let line = raw;
    if (n === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    yield { line, number: n };
  }
}

/**
 * The JSON values of a JSON-lines file, streamed, with 1-based line numbers. Blank lines are skipped; a line that
 * is not valid JSON is reported and skipped.
 */
export async function* readJsonLines(file: string, report: ReportProblem): AsyncIterable<{ value: any; number: number }> {
  for await (const { line, number } of readLines(file)) {
    if (line.trim() === '') continue;
    let value: any;
    try {
      value = JSON.parse(line);
    } catch (e) {
      report({ file, line: number, message: `not valid JSON (${(e as Error).message}); line skipped` });
      continue;
    }
    yield { value, number };
  }
}

/** The JSON-lines data files under a path, leaving out the `.values.jsonl` side files. */
export function jsonLinesFiles(p: string): string[] {
  return filesWithExtensions(p, ['.jsonl']).filter((f) => !f.endsWith('.values.jsonl'));
}

/** Files directly or recursively under a folder whose names end with one of the extensions, sorted. */
export function filesWithExtensions(p: string, extensions: readonly string[]): string[] {
  const st = fs.statSync(p);
  if (st.isFile()) return [p];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name !== EXPORT_MARKER && extensions.some((x) => e.name.endsWith(x))) out.push(full);
    }
  };
  walk(p);
  return out;
}
