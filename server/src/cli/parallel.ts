// Corpus commands on every core: a piscina worker-thread pool runs the per-input work (./cliWorker.ts) while this
// thread reads inputs and writes results in input order. `--jobs N` (default: the number of cores); `--jobs 1` runs
// the same functions in this thread. At most `window` inputs are in flight, so memory stays bounded however long
// the input; progress goes to stderr when it is a terminal.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Piscina } from 'piscina';
import * as tasks from './cliWorker';

export type TaskName = keyof typeof tasks;
type TaskInput<N extends TaskName> = Parameters<(typeof tasks)[N]>[0];
type TaskOutput<N extends TaskName> = ReturnType<(typeof tasks)[N]>;

/** The number of cores this process may use. */
export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : Math.max(1, os.cpus().length);
}

/** `--jobs` as given: a whole number ≥ 1, or undefined for the default; a message for anything else. */
export function parseJobs(value: string | undefined): number | string {
  if (value === undefined) return defaultJobs();
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : `--jobs takes a whole number of at least 1; got '${value}'`;
}

/** The worker script: beside the CLI bundle (dist/server), the TypeScript source under tsx. */
function workerFile(): string {
  const bundled = path.join(__dirname, 'cliWorker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'cliWorker.ts');
}

export interface Runner<N extends TaskName> {
  run(input: TaskInput<N>): Promise<TaskOutput<N>>;
  close(): Promise<void>;
}

/**
 * Runs task `name` on `jobs` threads: in this thread for one job; else on `jobs` worker threads, or, with
 * `thisThreadToo`, on `jobs - 1` worker threads and this one, which takes the next waiting input whenever the worker
 * threads hold two each (one input per turn of the event loop). For callers that do nothing but order and write
 * results between tasks (the corpus commands); not for one that must answer meanwhile (the queue worker renews its
 * job locks).
 *
 * Why this thread works too: each thread that analyses compiles its own copy of the code and loads its own model (on
 * 8,000 MSRA lines about 0.4 s of CPU per worker thread to start, and its JIT warm-up), while this thread, with one
 * job a few hundredths of a second of reading and writing, would only wait. Each worker thread may hold two tasks
 * (one running, one queued), so it goes on while this thread is busy with its own input and cannot hand it the next.
 * (Every `jobs`-th input to this thread, handed over in a run of inputs without a turn of the event loop, left the
 * worker thread idle 40% of a 23,701-line --jsonl run: it took 100 batches of 64 lines to this thread's 270.)
 */
export function runner<N extends TaskName>(name: N, jobs: number, options: { thisThreadToo?: boolean } = {}): Runner<N> {
  const fn = tasks[name] as (input: TaskInput<N>) => TaskOutput<N>;
  if (jobs <= 1) return { run: async (input) => fn(input), close: async () => {} };
  const threads = options.thisThreadToo ? jobs - 1 : jobs;
  const pool = new Piscina({ filename: workerFile(), name, minThreads: threads, maxThreads: threads, idleTimeout: 1_000, concurrentTasksPerWorker: options.thisThreadToo ? 2 : 1 });
  if (!options.thisThreadToo) return { run: (input) => pool.run(input) as Promise<TaskOutput<N>>, close: () => pool.destroy() };
  // Inputs wait in one queue. Each worker thread holds up to two (one running, one ready); this thread takes the
  // next one itself once per turn of the event loop, so that between two of its own it reads the results the worker
  // threads sent and hands them more.
  const queue: { input: TaskInput<N>; resolve(value: TaskOutput<N>): void; reject(error: unknown): void }[] = [];
  let atWorkers = 0;
  let turnPending = false;
  const dispatch = (): void => {
    while (queue.length > 0 && atWorkers < 2 * threads) {
      const job = queue.shift()!;
      atWorkers++;
      (pool.run(job.input) as Promise<TaskOutput<N>>).then(job.resolve, job.reject).finally(() => {
        atWorkers--;
        dispatch();
      });
    }
    if (queue.length > 0 && !turnPending) {
      turnPending = true;
      setImmediate(() => {
        turnPending = false;
        const job = queue.shift();
        if (job) {
          try {
            job.resolve(fn(job.input));
          } catch (err) {
            job.reject(err);
          }
        }
        dispatch();
      });
    }
  };
  return {
    run: (input) =>
      new Promise<TaskOutput<N>>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        dispatch();
      }),
    close: () => pool.destroy(),
  };
}

/**
 * Runs `run` over the inputs with up to `window` in flight and hands the results to `emit` in input order (emit
 * awaits, e.g. for stdout's backpressure, before more inputs are read).
 */
export async function inOrder<I, R>(
  inputs: AsyncIterable<I> | Iterable<I>,
  run: (input: I) => Promise<R>,
  window: number,
  emit: (result: R) => Promise<void>,
): Promise<void> {
  const pending: Promise<{ ok: true; value: R } | { ok: false; error: unknown }>[] = [];
  const settle = (p: Promise<R>) => p.then((value) => ({ ok: true as const, value }), (error) => ({ ok: false as const, error }));
  const next = async () => {
    const r = await pending.shift()!;
    if (!r.ok) throw r.error;
    await emit(r.value);
  };
  for await (const input of inputs) {
    pending.push(settle(run(input)));
    if (pending.length >= window) await next();
  }
  while (pending.length) await next();
}

/** "analyze: 1,234 lines" on stderr, rewritten in place at most 5 times a second, when stderr is a terminal. */
export class Progress {
  private count = 0;
  private last = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly label: string,
    private readonly unit: string,
    private readonly total?: number,
  ) {}

  tick(): void {
    this.count++;
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 200 && this.count !== this.total) return;
    this.last = now;
    const of = this.total !== undefined ? `/${this.total.toLocaleString('en-US')}` : '';
    process.stderr.write(`\r${this.label}: ${this.count.toLocaleString('en-US')}${of} ${this.unit}`);
  }

  done(): void {
    if (this.tty && this.last > 0) process.stderr.write('\r\x1b[K');
  }
}
