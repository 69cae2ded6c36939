// A corpus run spread over many machines on BullMQ + Redis: the submitter cuts the input into jobs of bounded size
// (documents and bytes), each job carrying its inputs (file paths on a shared path, or the lines of --jsonl with their
// text); workers anywhere run them with the same per-input code as the single-machine command and store the output
// as the job's return value; the submitter (or `queue results` later) writes the outputs in input order, so the
// result is byte for byte what the single-machine command writes. Nothing here listens on a port.
import { ConnectionOptions, Job, Queue } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';

/** One queue for every run; job ids are `<run>-<index>` (run names never contain `:`, BullMQ's separator). */
export const QUEUE_NAME = 'news-annotator';

/** What a job does with each of its inputs: the per-input tasks of `news-annotator analyze`. */
export type QueueTaskName = 'analyzeFile' | 'analyzeLines';

/** What the per-input code returns (the same shape as the single-machine command's tasks). */
export interface QueueTaskResult {
  out?: string;
  messages: string[];
  failed: boolean;
}

export interface JobData {
  run: string;
  index: number;
  task: QueueTaskName;
  /** The task's inputs, in order (for analyzeLines: one input holding a batch of lines). */
  inputs: unknown[];
  /** How many documents (files or lines) the job holds, for progress. */
  documents: number;
}

export interface JobResult {
  results: QueueTaskResult[];
  /** Which worker ran it (host:pid), for the status report. */
  worker: string;
}

export interface RunRecord {
  name: string;
  command: string;
  jobs: number;
  documents: number;
  created: string;
}

const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function checkRunName(name: string): string | undefined {
  return RUN_NAME.test(name) ? undefined : `a run name is 1–100 letters, digits, '_', '.' or '-' (starting with a letter or digit), got '${name}'`;
}

export function jobId(run: string, index: number): string {
  return `${run}-${String(index).padStart(6, '0')}`;
}

/** Connection options from a redis:// or rediss:// URL (user, password, database), TLS when asked or rediss://. */
export function connectionFromUrl(url: string, tls = false): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a Redis URL: '${url}' (expected redis://[user:password@]host[:port][/db])`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`not a Redis URL: '${url}' (expected redis:// or rediss://)`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`not a Redis database number in '${url}'`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    ...(tls || u.protocol === 'rediss:' ? { tls: {} } : {}),
    // workers block on Redis: never give up a command while Redis restarts
    maxRetriesPerRequest: null,
  };
}

/** Cuts inputs into jobs of at most `maxDocuments` documents and about `maxBytes` bytes (one input may exceed it). */
export function cutIntoJobs<T>(inputs: readonly T[], size: (input: T) => number, maxDocuments: number, maxBytes: number): T[][] {
  const jobs: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const input of inputs) {
    const n = size(input);
    if (current.length > 0 && (current.length >= maxDocuments || bytes + n > maxBytes)) {
      jobs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(input);
    bytes += n;
  }
  if (current.length > 0) jobs.push(current);
  return jobs;
}

/**
 * Connects once, without retrying, and pings: a Redis that cannot be reached is an error at once (the queue's own
 * connections retry for ever, as workers must while Redis restarts).
 */
export async function checkReachable(connection: ConnectionOptions, timeoutMs = 5000): Promise<void> {
  const options = connection as RedisOptions;
  const client = new IORedis({ ...options, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(`Redis cannot be reached at ${options.host}:${options.port}: ${(err as Error).message}`);
  } finally {
    client.disconnect();
  }
}

const runKey = (run: string) => `${QUEUE_NAME}:run:${run}`;

export class CorpusQueue {
  readonly queue: Queue<JobData, JobResult>;

  constructor(connection: ConnectionOptions) {
    this.queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection });
    // a Redis that goes away is reconnected to; the error events say so instead of crashing the process
    this.queue.on('error', () => undefined);
  }

  async run(name: string): Promise<RunRecord | undefined> {
    const client = await this.queue.getBackend().client;
    const record = await client.hgetall(runKey(name));
    if (!record || !record.name) return undefined;
    return { name: record.name, command: record.command, jobs: Number(record.jobs), documents: Number(record.documents), created: record.created };
  }

  /**
   * Enqueues a run. Submitting the same run name again with the same command adds nothing already there (job ids are
   * fixed by run and index), so a submitter that died can be started again; another command under a taken name is
   * refused.
   */
  async submit(name: string, command: string, jobs: Array<Omit<JobData, 'run' | 'index'>>, attempts: number): Promise<RunRecord> {
    const existing = await this.run(name);
    if (existing && (existing.command !== command || existing.jobs !== jobs.length)) {
      throw new Error(`run '${name}' already exists for another command or input (${existing.command}); choose another --name`);
    }
    const record: RunRecord = existing ?? {
      name,
      command,
      jobs: jobs.length,
      documents: jobs.reduce((s, j) => s + j.documents, 0),
      created: new Date().toISOString(),
    };
    const client = await this.queue.getBackend().client;
    await client.hset(runKey(name), { ...record, jobs: String(record.jobs), documents: String(record.documents) });
    for (let from = 0; from < jobs.length; from += 500) {
      await this.queue.addBulk(
        jobs.slice(from, from + 500).map((j, k) => ({
          name: j.task,
          data: { ...j, run: name, index: from + k },
          opts: {
            jobId: jobId(name, from + k),
            attempts,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: false,
            removeOnFail: false,
          },
        })),
      );
    }
    return record;
  }

  /** The state of each job of a run, by index. */
  async states(record: RunRecord): Promise<Array<{ state: string; attemptsMade: number; failedReason?: string; documents: number }>> {
    const out: Array<{ state: string; attemptsMade: number; failedReason?: string; documents: number }> = [];
    for (let from = 0; from < record.jobs; from += 200) {
      const ids = Array.from({ length: Math.min(200, record.jobs - from) }, (_, k) => jobId(record.name, from + k));
      const jobs = await Promise.all(ids.map((id) => Job.fromId<JobData, JobResult>(this.queue, id)));
      const states = await Promise.all(jobs.map((j) => (j ? j.getState() : Promise.resolve('missing'))));
      jobs.forEach((j, k) => out.push({ state: states[k], attemptsMade: j?.attemptsMade ?? 0, failedReason: j?.failedReason, documents: j?.data.documents ?? 0 }));
    }
    return out;
  }

  /** The results of job `index` (undefined until it has completed). */
  async result(record: RunRecord, index: number): Promise<JobResult | undefined> {
    const job = await Job.fromId<JobData, JobResult>(this.queue, jobId(record.name, index));
    if (!job || !job.finishedOn || job.failedReason && !job.returnvalue) return undefined;
    return (await job.isCompleted()) ? job.returnvalue : undefined;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
