// `news-annotator queue worker`: takes jobs from the queue and runs their inputs on this machine's worker threads with
// the same per-input code as the single-machine command. A job whose worker dies (killed, machine lost) keeps no lock
// and BullMQ's stalled-job check hands it to another worker; a job that fails `attempts` times stays in the failed set
// (the dead letters `queue status` lists). The job's output is its return value: written once, when it completes,
// so a retried job replaces its own part and a half-done job is never taken as done.
import * as os from 'os';
import { ConnectionOptions, Job, Worker } from 'bullmq';
import { JobData, JobResult, QUEUE_NAME, QueueTaskName, QueueTaskResult } from './corpusQueue';

/** Runs one input of a task (on a worker thread, or in this thread). */
export interface TaskRunner {
  run(task: QueueTaskName, input: unknown): Promise<QueueTaskResult | QueueTaskResult[]>;
  close(): Promise<void>;
}

export interface WorkerOptions {
  connection: ConnectionOptions;
  /** Jobs taken at once (each runs its inputs on the shared thread pool). */
  concurrency: number;
  runner: TaskRunner;
  /** How long a job's lock lasts without renewal before the job counts as stalled (ms). */
  lockDuration?: number;
  log?: (line: string) => void;
}

export function startWorker(options: WorkerOptions): Worker<JobData, JobResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const name = `${os.hostname()}:${process.pid}`;
  const lockDuration = options.lockDuration ?? 30_000;
  const worker = new Worker<JobData, JobResult>(
    QUEUE_NAME,
    async (job: Job<JobData, JobResult>) => {
      const started = Date.now();
      log(`worker ${name}: job ${job.id} (${job.data.documents} documents, attempt ${job.attemptsMade + 1}) started`);
      const results: QueueTaskResult[] = [];
      const outputs = await Promise.all(job.data.inputs.map((input) => options.runner.run(job.data.task, input)));
      for (const r of outputs) {
        if (Array.isArray(r)) for (const x of r) results.push(x);
        else results.push(r);
      }
      log(`worker ${name}: job ${job.id} done in ${Date.now() - started} ms`);
      return { results, worker: name };
    },
    {
      connection: options.connection,
      concurrency: options.concurrency,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, err) => log(`worker ${name}: job ${job?.id} failed: ${err.message}`));
  worker.on('error', (err) => log(`worker ${name}: ${err.message}`));
  return worker;
}
