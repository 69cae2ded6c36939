// `news-annotator analyze`: files → one JSON object per file; `--jsonl`: JSON lines on stdin → JSON lines on stdout,
// streamed with constant memory so it can serve as a map step in a batch pipeline.
import * as readline from 'readline';
import { LabelGroup, LABEL_GROUPS } from '../core/types';
import { CommandLine, dctProblem, useWorkspaceModel, write } from './commandLine';
import { AnalyzeSettings } from './analyzeTasks';
import { Progress, defaultJobs, inOrder, parseJobs, runner } from './parallel';

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
  --jobs N           threads: the main one and N-1 workers (default: the number of cores, ${defaultJobs()} here);
                     output order is the input order whatever N; progress on stderr when it is a terminal
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
    jobs: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const badDct = dctProblem(values.dct);
  if (badDct) return usageError(badDct);
  const jobs = parseJobs(values.jobs);
  if (typeof jobs === 'string') return usageError(jobs);
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
    return analyzeJsonLines(process.stdin, process.stdout, { dct: values.dct, groups }, process.stderr, jobs);
  }
  if (positionals.length === 0) return usageError('give one or more FILEs, or --jsonl');
  useWorkspaceModel('analyze', positionals[0]);
  return analyzeFiles(positionals, { dct: values.dct, groups }, jobs);
}

/** Analyses the files on `jobs` threads; results in the order given. */
async function analyzeFiles(files: string[], settings: AnalyzeSettings, jobs: number): Promise<number> {
  let failed = 0;
  const pool = runner('analyzeFile', Math.min(jobs, files.length), { thisThreadToo: true });
  const progress = new Progress('analyze', 'files', files.length);
  try {
    await inOrder(files, (file) => pool.run({ file, ...settings }), jobs * 4, async (r) => {
      progress.tick();
      for (const m of r.messages) process.stderr.write(m);
      if (r.failed) failed++;
      if (r.out) await write(process.stdout, r.out);
    });
  } finally {
    progress.done();
    await pool.close();
  }
  return failed ? 1 : 0;
}

/** Lines of --jsonl sent to a worker thread at once. */
const BATCH_LINES = 64;

/**
 * Streams JSON lines: one output line per input line, in order, with bounded memory (at most 4 batches of
 * BATCH_LINES lines per job in flight), analysed on `jobs` threads.
 */
export async function analyzeJsonLines(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  settings: AnalyzeSettings,
  errors: NodeJS.WritableStream = process.stderr,
  jobs = 1,
): Promise<number> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let failed = 0;
  const pool = runner('analyzeLines', jobs, { thisThreadToo: true });
  const progress = new Progress('analyze', 'lines');
  const batches = (async function* () {
    let batch: string[] = [];
    let firstLineNo = 1;
    for await (const line of lines) {
      batch.push(line);
      if (batch.length === BATCH_LINES) {
        yield { lines: batch, firstLineNo, ...settings };
        firstLineNo += batch.length;
        batch = [];
      }
    }
    if (batch.length) yield { lines: batch, firstLineNo, ...settings };
  })();
  try {
    await inOrder(batches, (task) => pool.run(task), jobs * 4, async (results) => {
      for (const r of results) {
        progress.tick();
        for (const m of r.messages) errors.write(m);
        if (r.failed) failed++;
        if (r.out) await write(output, r.out);
      }
    });
  } finally {
    progress.done();
    await pool.close();
  }
  return failed ? 1 : 0;
}
