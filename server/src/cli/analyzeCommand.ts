// `news-annotator analyze`: files → one JSON object per file; `--jsonl`: JSON lines on stdin → JSON lines on stdout,
// streamed with constant memory so it can serve as a map step in a batch pipeline.
import * as path from 'path';
import * as readline from 'readline';
import { analyze } from '../analysis/analyze';
import { LabelGroup, LABEL_GROUPS } from '../core/types';
import { DOCUMENT_DATE_FORM, checkDocumentDate } from '../core/documentDateFormat';
import { CommandLine, compactSpan as compact, dctProblem, readArticle, storedDocumentDate, write } from './commandLine';

const HELP = `Usage:
  news-annotator analyze FILE... [--dct DATE] [--labels GROUP,...]
  news-annotator analyze --jsonl [--dct DATE] [--labels GROUP,...] < in.jsonl > out.jsonl

Prints one JSON object per file: {"file", "dct", "dctSource", "spans": [{"start", "end", "label", "text", ...}]}.
With --jsonl, reads lines {"id", "text", "dct"?} ("dct" in the same form as --dct) and writes lines {"id", "dct",
"dctSource", "spans"}; a line that cannot be read gives {"id", "error"} (with "line" when it has no id) so output lines stay aligned with input lines.
Offsets are Unicode code points, end exclusive.

Options:
  --dct DATE         document date for every input, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (a line's own "dct"
                     wins; a date stored for a file with the editor's "Set Document Date" wins over it)
  --labels GROUPS    comma-separated recogniser groups: ${Object.keys(LABEL_GROUPS).join(', ')} (default: all)
  --jsonl            stream JSON lines from stdin to stdout
  -h, --help         this help

Files that are not UTF-8 are decoded when they are GB18030/GBK or Big5; others are reported on stderr and skipped.
Exit code: 0 when every input was analysed, 1 when any failed, 2 on a usage error.`;

const command = new CommandLine('analyze', HELP, 'help');
const usageError = (message: string) => command.usageError(message);

export async function run(argv: string[]): Promise<number> {
  const parsed = command.parse(argv, {
    dct: { type: 'string' },
    labels: { type: 'string' },
    jsonl: { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const badDct = dctProblem(values.dct);
  if (badDct) return usageError(badDct);
  let groups: LabelGroup[] | undefined;
  if (values.labels !== undefined) {
    const names = values.labels.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(n in LABEL_GROUPS));
    if (unknown.length || names.length === 0) {
      return usageError(`--labels takes ${Object.keys(LABEL_GROUPS).join(', ')}; got '${values.labels}'`);
    }
    groups = names as LabelGroup[];
  }
  if (values.jsonl) {
    if (positionals.length) return usageError('--jsonl reads standard input; give no FILE arguments');
    return analyzeJsonLines(process.stdin, process.stdout, { dct: values.dct, groups });
  }
  if (positionals.length === 0) return usageError('give one or more FILEs, or --jsonl');
  return analyzeFiles(positionals, { dct: values.dct, groups });
}

interface Settings {
  dct?: string;
  groups?: LabelGroup[];
}

async function analyzeFiles(files: string[], settings: Settings): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const text = readArticle(file);
    if (text === undefined) {
      failed++;
      continue;
    }
    const result = analyze(text, { storedDct: storedDocumentDate(file), dct: settings.dct, fileName: path.basename(file), groups: settings.groups });
    await write(
      process.stdout,
      JSON.stringify({ file, dct: result.dct.date ?? null, dctSource: result.dct.source, spans: result.spans.map(compact) }) + '\n',
    );
  }
  return failed ? 1 : 0;
}

/** Streams JSON lines: one output line per input line, in order, with bounded memory. */
export async function analyzeJsonLines(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  settings: Settings,
  errors: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let out: object;
    try {
      const record = JSON.parse(line);
      if (record === null || typeof record !== 'object' || typeof record.text !== 'string') {
        throw new Error('expected an object with a string "text"');
      }
      const dct = record.dct ?? settings.dct;
      if (dct !== undefined) {
        const check = typeof dct === 'string' ? checkDocumentDate(dct) : undefined;
        if (!check?.ok) throw new Error(`"dct": ${check ? check.message : `${JSON.stringify(dct)} is not a string of the form ${DOCUMENT_DATE_FORM}`}`);
      }
      const result = analyze(record.text, { dct, groups: settings.groups });
      out = { id: record.id ?? null, dct: result.dct.date ?? null, dctSource: result.dct.source, spans: result.spans.map(compact) };
    } catch (err) {
      failed++;
      const id = safeId(line);
      errors.write(`news-annotator: stdin line ${lineNo}: ${(err as Error).message}\n`);
      out = id === undefined ? { id: null, line: lineNo, error: (err as Error).message } : { id, error: (err as Error).message };
    }
    await write(output, JSON.stringify(out) + '\n');
  }
  return failed ? 1 : 0;
}

function safeId(line: string): unknown {
  try {
    const v = JSON.parse(line);
    return v && typeof v === 'object' ? v.id : undefined;
  } catch {
    return undefined;
  }
}
