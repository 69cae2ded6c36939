// The work of `news-annotator analyze` for one input (a file, or one line of --jsonl), as plain data in and out so
// it runs the same in this thread or on a worker thread (./parallel.ts). Messages for stderr are returned, not
// written, so the main thread prints them in input order.
import * as path from 'path';
import { analyze } from '../analysis/analyze';
import { DOCUMENT_DATE_FORM, checkDocumentDate } from '../core/documentDateFormat';
import { LabelGroup } from '../core/types';
import { compactSpan as compact, readArticle, storedDocumentDate } from './commandLine';
import { capturingStderr } from './taskOutput';

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

/** `file` as the output names it; `readFrom` where to read it when that differs (a queue worker on another machine
 * reads the absolute path on a shared file system). */
export function analyzeFileTask(task: { file: string; readFrom?: string } & AnalyzeSettings): TaskResult {
  const { value, messages } = capturingStderr(() => {
    const source = task.readFrom ?? task.file;
    const text = readArticle(source);
    if (text === undefined) return undefined;
    try {
      return analyze(text, { storedDct: storedDocumentDate(source), dct: task.dct, fileName: path.basename(task.file), groups: task.groups });
    } catch (err) {
      // one file's failure is reported and the other files are still analysed
      process.stderr.write(`news-annotator: ${task.file}: could not be analysed: ${(err as Error).message}\n`);
      return undefined;
    }
  });
  if (!value) return { messages, failed: true };
  const out = JSON.stringify({ file: task.file, dct: value.dct.date ?? null, dctSource: value.dct.source, spans: value.spans.map(compact) }) + '\n';
  return { out, messages, failed: false };
}

/**
 * One line of --jsonl; a line that cannot be read (a blank one too, so that output line N answers input line N)
 * gives {"id", "error"}. A numeric id is echoed as written (a 64-bit id would lose digits as a double).
 */
export function analyzeLineTask(task: { line: string; lineNo: number } & AnalyzeSettings): TaskResult {
  const { lineNo } = task;
  // a UTF-8 byte-order mark before the first line (Windows tools write one) is not part of the JSON
  const line = lineNo === 1 && task.line.charCodeAt(0) === 0xfeff ? task.line.slice(1) : task.line;
  let out: { id?: unknown; [member: string]: unknown };
  try {
    if (line.trim() === '') throw new Error('empty line (expected a JSON object)');
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
    return { out: withRawId(out, typeof record.id === 'number' ? rawMemberText(line, 'id') : undefined) + '\n', messages: [], failed: false };
  } catch (err) {
    const id = safeId(line);
    const message = `news-annotator: stdin line ${lineNo}: ${(err as Error).message}\n`;
    out = id === undefined ? { id: null, line: lineNo, error: (err as Error).message } : { id, error: (err as Error).message };
    return { out: withRawId(out, typeof id === 'number' ? rawMemberText(line, 'id') : undefined) + '\n', messages: [message], failed: true };
  }
}

/**
 * JSON for `out` with its leading "id" member written as `rawId` (the input's own text) when given: the id's own JSON
 * text after `{"id":` is replaced, so the line is stringified once.
 */
function withRawId(out: { id?: unknown }, rawId: string | undefined): string {
  const json = JSON.stringify(out);
  if (rawId === undefined || !json.startsWith('{"id":')) return json;
  const idJson = JSON.stringify(out.id);
  return `{"id":${rawId}${json.slice('{"id":'.length + idJson.length)}`;
}

/**
 * The exact text of a top-level member's value in a JSON object line (the last one, as JSON.parse keeps), or
 * undefined. The line is known to be valid JSON.
 */
export function rawMemberText(line: string, key: string): string | undefined {
  let i = 0;
  const n = line.length;
  const ws = () => {
    while (i < n && (line[i] === ' ' || line[i] === '\t' || line[i] === '\r' || line[i] === '\n')) i++;
  };
  const skipString = () => {
    i++; // opening quote
    // to the next quote not escaped (an odd run of backslashes before it), by indexOf rather than a character at a
    // time: the string skipped is usually the line's long "text"
    for (;;) {
      const q = line.indexOf('"', i);
      if (q < 0) {
        i = n + 1;
        return;
      }
      let b = q;
      while (b > i && line.charCodeAt(b - 1) === 0x5c) b--;
      i = q + 1;
      if ((q - b) % 2 === 0) return;
    }
  };
  const skipValue = () => {
    const c = line[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < n) {
        const d = line[i];
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if ((d === '}' || d === ']') && --depth === 0) {
          i++;
          return;
        }
        i++;
      }
      return;
    }
    while (i < n && !/[,}\]\s]/.test(line[i])) i++; // number, true, false, null
  };
  let found: string | undefined;
  ws();
  if (line[i] !== '{') return undefined;
  i++;
  for (;;) {
    ws();
    if (line[i] !== '"') return found;
    const keyStart = i;
    skipString();
    const name = JSON.parse(line.slice(keyStart, i)) as string;
    ws();
    i++; // colon
    ws();
    const valueStart = i;
    skipValue();
    if (name === key) found = line.slice(valueStart, i).trim();
    ws();
    if (line[i] !== ',') return found;
    i++;
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
