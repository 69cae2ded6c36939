// The work of `news-annotator analyze` for one input (a file, or one line of --jsonl), as plain data in and out so
// it runs the same in this thread or on a worker thread (./parallel.ts). Messages for stderr are returned, not
// written, so the main thread prints them in input order.
import * as path from 'path';
import { analyze } from '../analysis/analyze';
import { DOCUMENT_DATE_FORM, checkDocumentDate } from '../core/documentDateFormat';
import { LabelGroup } from '../core/types';
import { compactSpan as compact, readArticle, storedDocumentDate } from './commandLine';

export interface AnalyzeSettings {
  dct?: string;
  groups?: LabelGroup[];
}

export interface TaskResult {
  /** A line for stdout (with its newline), when there is one. */
  out?: string;
  /** Lines for stderr. */
  messages: string[];
  failed: boolean;
}

/** Collects what a function writes to stderr (readArticle and storedDocumentDate report there). */
function capturingStderr<T>(f: () => T): { value: T; messages: string[] } {
  const messages: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    messages.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: f(), messages };
  } finally {
    process.stderr.write = write;
  }
}

/** `file` as the output names it; `readFrom` where to read it when that differs (a queue worker on another machine
 * reads the absolute path on a shared file system). */
export function analyzeFileTask(task: { file: string; readFrom?: string } & AnalyzeSettings): TaskResult {
  const { value, messages } = capturingStderr(() => {
    const source = task.readFrom ?? task.file;
    const text = readArticle(source);
    if (text === undefined) return undefined;
    return analyze(text, { storedDct: storedDocumentDate(source), dct: task.dct, fileName: path.basename(task.file), groups: task.groups });
  });
  if (!value) return { messages, failed: true };
  const out = JSON.stringify({ file: task.file, dct: value.dct.date ?? null, dctSource: value.dct.source, spans: value.spans.map(compact) }) + '\n';
  return { out, messages, failed: false };
}

/** One line of --jsonl (blank lines give nothing); a line that cannot be read gives {"id", "error"}. */
export function analyzeLineTask(task: { line: string; lineNo: number } & AnalyzeSettings): TaskResult {
  const { line, lineNo } = task;
  if (line.trim() === '') return { messages: [], failed: false };
  let out: object;
  try {
    const record = JSON.parse(line);
    if (record === null || typeof record !== 'object' || typeof record.text !== 'string') {
      throw new Error('expected an object with a string "text"');
    }
    const dct = record.dct ?? task.dct;
    if (dct !== undefined) {
      const check = typeof dct === 'string' ? checkDocumentDate(dct) : undefined;
      if (!check?.ok) throw new Error(`"dct": ${check ? check.message : `${JSON.stringify(dct)} is not a string of the form ${DOCUMENT_DATE_FORM}`}`);
    }
    const result = analyze(record.text, { dct, groups: task.groups });
    out = { id: record.id ?? null, dct: result.dct.date ?? null, dctSource: result.dct.source, spans: result.spans.map(compact) };
    return { out: JSON.stringify(out) + '\n', messages: [], failed: false };
  } catch (err) {
    const id = safeId(line);
    const message = `news-annotator: stdin line ${lineNo}: ${(err as Error).message}\n`;
    out = id === undefined ? { id: null, line: lineNo, error: (err as Error).message } : { id, error: (err as Error).message };
    return { out: JSON.stringify(out) + '\n', messages: [message], failed: true };
  }
}

/** Several --jsonl lines at once (one message to a worker thread per batch, not per line). */
export function analyzeLinesTask(task: { lines: string[]; firstLineNo: number } & AnalyzeSettings): TaskResult[] {
  return task.lines.map((line, k) => analyzeLineTask({ line, lineNo: task.firstLineNo + k, dct: task.dct, groups: task.groups }));
}

function safeId(line: string): unknown {
  try {
    const v = JSON.parse(line);
    return v && typeof v === 'object' ? v.id : undefined;
  } catch {
    return undefined;
  }
}
