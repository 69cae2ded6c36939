// `news-annotator queue submit|worker|status|results`: a corpus run across many machines on BullMQ + Redis
// (server/src/queue). The per-input work is the single-machine command's own (./analyzeTasks via ./parallel), so the
// output is byte for byte what `news-annotator analyze` writes for the same input.
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { checkDocumentDate } from '../core/documentDateFormat';
import { LabelGroup } from '../core/types';
import { CorpusQueue, JobData, RunRecord, checkReachable, checkRunName, connectionFromUrl, cutIntoJobs } from '../queue/corpusQueue';
import { TaskRunner, startWorker } from '../queue/queueWorker';
import { CommandLine, write } from './commandLine';
import { parseJobs, runner } from './parallel';
import { ConnectionOptions } from 'bullmq';

const HELP = `Usage:
  news-annotator queue submit --redis URL [--name RUN] [--detach] [--out FILE] [--docs-per-job N] [--attempts N]
                              analyze [--dct DATE] [--labels GROUPS] (FILE... | --jsonl < in.jsonl)
  news-annotator queue worker --redis URL [--jobs N] [--lock-ms MS]
  news-annotator queue status --redis URL RUN
  news-annotator queue results --redis URL RUN [--out FILE]

A corpus run across machines: 'submit' cuts the input into jobs (at most --docs-per-job documents, default 50, and
about 4 MB each) and puts them on the queue; 'worker', started on any machine that reaches Redis (and, for FILE
inputs, reads the same paths: give them on a shared file system), runs them on its worker threads. 'submit' waits,
printing progress on stderr, and writes the results in input order to stdout or --out: exactly what
'news-annotator analyze' writes for the same input. --detach returns at once; 'status' and 'results' come later.
--jsonl carries each line's text inside the job, so workers need no shared files.

A worker that dies mid-job loses its lock; another worker takes the job after --lock-ms (default 30000). A job that
fails --attempts times (default 3) is a dead letter: 'status' lists it, and submit/results exit 1.

Options:
  --redis URL        redis://[user:password@]host[:port][/db], or rediss:// for TLS
  --tls              TLS with a redis:// URL
  --name RUN         the run's name (default: run-<time>); submitting the same run again adds nothing twice
  --jobs N           worker threads of a worker (default: the number of cores)
  -h, --help         this help

Exit code: 0 done, 1 some input failed or a job is a dead letter, 2 usage error or Redis unreachable.`;

const command = new CommandLine('queue', HELP, 'help');

function connection(values: { redis?: string; tls?: boolean }): ConnectionOptions | string {
  if (!values.redis) return '--redis URL is required';
  try {
    return connectionFromUrl(values.redis, values.tls === true);
  } catch (err) {
    return (err as Error).message;
  }
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'submit':
      return submit(rest);
    case 'worker':
      return worker(rest);
    case 'status':
      return status(rest);
    case 'results':
      return results(rest);
    case '-h':
    case '--help':
      process.stdout.write(HELP + '\n');
      return 0;
    default:
      return command.usageError(sub ? `unknown queue command '${sub}'` : 'give submit, worker, status or results');
  }
}

const COMMON = { redis: { type: 'string' }, tls: { type: 'boolean', default: false } } as const;

async function submit(argv: string[]): Promise<number> {
  // queue options come before the command word "analyze"; the command's own options after it
  const at = argv.indexOf('analyze');
  if (at < 0) return command.usageError("queue submit needs the command to run: 'analyze' (then its options and inputs)");
  const parsed = command.parse(argv.slice(0, at), {
    ...COMMON,
    name: { type: 'string' },
    detach: { type: 'boolean', default: false },
    out: { type: 'string' },
    'docs-per-job': { type: 'string', default: '50' },
    attempts: { type: 'string', default: '3' },
  });
  if (typeof parsed === 'number') return parsed;
  const analyzeArgs = command.parse(argv.slice(at + 1), { dct: { type: 'string' }, labels: { type: 'string' }, jsonl: { type: 'boolean', default: false } });
  if (typeof analyzeArgs === 'number') return analyzeArgs;
  const conn = connection(parsed.values);
  if (typeof conn === 'string') return command.usageError(conn);
  const name = parsed.values.name ?? `run-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${process.pid}`;
  const nameProblem = checkRunName(name);
  if (nameProblem) return command.usageError(nameProblem);
  const perJob = Number(parsed.values['docs-per-job']);
  const attempts = Number(parsed.values.attempts);
  if (!Number.isInteger(perJob) || perJob < 1) return command.usageError(`--docs-per-job takes a whole number ≥ 1, got '${parsed.values['docs-per-job']}'`);
  if (!Number.isInteger(attempts) || attempts < 1) return command.usageError(`--attempts takes a whole number ≥ 1, got '${parsed.values.attempts}'`);
  const { dct, labels, jsonl } = analyzeArgs.values;
  if (dct !== undefined) {
    const check = checkDocumentDate(dct);
    if (!check.ok) return command.usageError(`--dct: ${check.message}`);
  }
  const groups = labels ? (labels.split(',').map((g) => g.trim()) as LabelGroup[]) : undefined;
  let jobs: Array<Omit<JobData, 'run' | 'index'>>;
  if (jsonl) {
    if (analyzeArgs.positionals.length > 0) return command.usageError('--jsonl reads standard input; give no FILEs');
    const lines: string[] = [];
    for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) lines.push(line);
    if (lines.length > 0 && lines[0].charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
    const batches = cutIntoJobs(lines.map((line, i) => ({ line, lineNo: i + 1 })), (l) => Buffer.byteLength(l.line), perJob, 4 << 20);
    jobs = batches.map((batch) => ({
      task: 'analyzeLines',
      inputs: [{ lines: batch.map((l) => l.line), firstLineNo: batch[0].lineNo, dct, groups }],
      documents: batch.length,
    }));
  } else {
    if (analyzeArgs.positionals.length === 0) return command.usageError('give FILEs to analyze, or --jsonl');
    // absolute paths: workers on other machines read them on the shared file system; the output names them as given
    const files = analyzeArgs.positionals;
    const size = (f: string) => {
      try {
        return fs.statSync(f).size;
      } catch {
        return 0;
      }
    };
    jobs = cutIntoJobs(files, size, perJob, 4 << 20).map((batch) => ({
      task: 'analyzeFile',
      inputs: batch.map((file) => ({ file, absolute: path.resolve(file), dct, groups })),
      documents: batch.length,
    }));
  }
  try {
    await checkReachable(conn);
  } catch (err) {
    process.stderr.write(`news-annotator queue: ${(err as Error).message}\n`);
    return 2;
  }
  const queue = new CorpusQueue(conn);
  try {
    const record = await queue.submit(name, `analyze ${argv.slice(at + 1).join(' ')}`, jobs, attempts);
    process.stderr.write(`queue: run ${name}: ${record.documents} documents in ${record.jobs} jobs\n`);
    process.stdout.write(parsed.values.detach ? `${name}\n` : '');
    if (parsed.values.detach) return 0;
    await waitForRun(queue, record);
    return await writeResults(queue, record, parsed.values.out);
  } catch (err) {
    process.stderr.write(`news-annotator queue: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await queue.close();
  }
}

const FINAL = new Set(['completed', 'failed']);

/** Waits until every job of the run has completed or failed for good, with progress on stderr. */
async function waitForRun(queue: CorpusQueue, record: RunRecord): Promise<void> {
  let last = '';
  for (;;) {
    const states = await queue.states(record);
    const done = states.filter((s) => s.state === 'completed');
    const dead = states.filter((s) => s.state === 'failed');
    const docs = done.reduce((s, j) => s + j.documents, 0);
    const line = `queue: ${done.length}/${record.jobs} jobs done (${docs}/${record.documents} documents)${dead.length ? `, ${dead.length} failed` : ''}`;
    if (line !== last) {
      process.stderr.write(line + '\n');
      last = line;
    }
    if (states.every((s) => FINAL.has(s.state))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Writes a finished run's outputs in input order (atomically to --out); exit 1 on failed inputs or dead letters. */
async function writeResults(queue: CorpusQueue, record: RunRecord, out: string | undefined): Promise<number> {
  const states = await queue.states(record);
  const unfinished = states.map((s, i) => ({ ...s, i })).filter((s) => s.state !== 'completed');
  const dead = unfinished.filter((s) => s.state === 'failed');
  for (const d of dead) {
    process.stderr.write(`news-annotator queue: dead letter: job ${d.i} of run ${record.name} failed ${d.attemptsMade} times: ${d.failedReason}\n`);
  }
  const pending = unfinished.filter((s) => s.state !== 'failed');
  if (pending.length > 0) {
    process.stderr.write(`news-annotator queue: run ${record.name} is not finished: ${pending.length} of ${record.jobs} jobs are still ${[...new Set(pending.map((p) => p.state))].join('/')}\n`);
    return 1;
  }
  const tmp = out ? path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp`) : undefined;
  const stream = tmp ? fs.createWriteStream(tmp) : process.stdout;
  let failed = dead.length > 0;
  try {
    for (let i = 0; i < record.jobs; i++) {
      const result = await queue.result(record, i);
      if (!result) continue; // a dead letter, reported above
      for (const r of result.results) {
        for (const m of r.messages) process.stderr.write(m);
        if (r.failed) failed = true;
        if (r.out) await write(stream, r.out);
      }
    }
    if (tmp) {
      await new Promise<void>((resolve, reject) => (stream as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
      fs.renameSync(tmp, out!);
    }
  } catch (err) {
    if (tmp) fs.rmSync(tmp, { force: true });
    throw err;
  }
  return failed ? 1 : 0;
}

async function worker(argv: string[]): Promise<number> {
  const parsed = command.parse(argv, { ...COMMON, jobs: { type: 'string' }, 'lock-ms': { type: 'string', default: '30000' } });
  if (typeof parsed === 'number') return parsed;
  const conn = connection(parsed.values);
  if (typeof conn === 'string') return command.usageError(conn);
  const jobs = parseJobs(parsed.values.jobs);
  if (typeof jobs === 'string') return command.usageError(jobs);
  const lockDuration = Number(parsed.values['lock-ms']);
  if (!Number.isInteger(lockDuration) || lockDuration < 500) return command.usageError(`--lock-ms takes a whole number ≥ 500, got '${parsed.values['lock-ms']}'`);
  const files = runner('analyzeFile', jobs);
  const lines = runner('analyzeLines', jobs);
  const tasks: TaskRunner = {
    run: (task, input) => (task === 'analyzeFile' ? files.run(fileInput(input)) : lines.run(input as Parameters<typeof lines.run>[0])),
    close: async () => {
      await Promise.all([files.close(), lines.close()]);
    },
  };
  const w = startWorker({ connection: conn, concurrency: jobs, runner: tasks, lockDuration });
  process.stderr.write(`queue worker: ${jobs} threads, waiting for jobs on ${parsed.values.redis}\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        process.stderr.write(`queue worker: ${signal}: finishing the jobs in hand\n`);
        resolve();
      });
    }
  });
  await w.close();
  await tasks.close();
  return 0;
}

/** A file input as the analyze task takes it: the absolute path read, the name as given in the output. */
function fileInput(input: unknown): { file: string; readFrom: string; dct?: string; groups?: LabelGroup[] } {
  const i = input as { file: string; absolute: string; dct?: string; groups?: LabelGroup[] };
  return { file: i.file, readFrom: i.absolute, dct: i.dct, groups: i.groups };
}

/**
 * The common part of `status NAME` and `results NAME`: parse, reach Redis, find the run, hand it to `use`, close.
 * Exit 2 when Redis cannot be reached or fails, 1 when there is no such run.
 */
async function withRun(
  argv: string[],
  extra: Parameters<typeof command.parse>[1],
  use: (queue: CorpusQueue, record: RunRecord, values: Record<string, unknown>) => Promise<number>,
): Promise<number> {
  const parsed = command.parse(argv, { ...COMMON, ...extra });
  if (typeof parsed === 'number') return parsed;
  const conn = connection(parsed.values);
  if (typeof conn === 'string') return command.usageError(conn);
  const [name] = parsed.positionals;
  if (!name) return command.usageError('give the run name');
  try {
    await checkReachable(conn);
  } catch (err) {
    process.stderr.write(`news-annotator queue: ${(err as Error).message}\n`);
    return 2;
  }
  const queue = new CorpusQueue(conn);
  try {
    const record = await queue.run(name);
    if (!record) {
      process.stderr.write(`news-annotator queue: no run '${name}'\n`);
      return 1;
    }
    return await use(queue, record, parsed.values);
  } catch (err) {
    process.stderr.write(`news-annotator queue: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await queue.close();
  }
}

function status(argv: string[]): Promise<number> {
  return withRun(argv, {}, async (queue, record) => {
    const states = await queue.states(record);
    const counts = new Map<string, number>();
    for (const s of states) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
    process.stdout.write(
      `run ${record.name}: ${record.command}\n${record.documents} documents in ${record.jobs} jobs, submitted ${record.created}\n` +
        [...counts].map(([state, n]) => `  ${state}: ${n}`).join('\n') + '\n',
    );
    states.forEach((s, i) => {
      if (s.state === 'failed') process.stdout.write(`  dead letter: job ${i} (${s.attemptsMade} attempts): ${s.failedReason}\n`);
    });
    return counts.get('failed') ? 1 : 0;
  });
}

function results(argv: string[]): Promise<number> {
  return withRun(argv, { out: { type: 'string' } }, (queue, record, values) => writeResults(queue, record, values.out as string | undefined));
}
