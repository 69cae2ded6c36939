// Runs a recogniser on a worker thread and stops it at a deadline: a hang guard for tests of inputs that made the
// old code run for minutes. Synchronous code cannot be interrupted by node:test's timeout, a worker can.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export type RecogniserName = 'figures' | 'dates' | 'analyze';

export interface Outcome {
  /** Spans as [start, end] (UTF-16 offsets for figures/dates, code points for analyze). */
  spans?: [number, number][];
  error?: string;
  timedOut?: boolean;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
require('tsx/cjs');
const { name, text, file } = workerData;
try {
  let spans;
  if (name === 'figures') spans = require(file + '/core/figures').recogniseFigures(text);
  else if (name === 'dates') spans = require(file + '/core/dates').recogniseDates(text, '2023-06-18');
  else spans = require(file + '/analysis/analyze').analyze(text, { dct: '2023-06-18' }).spans;
  parentPort.postMessage({ spans: spans.map((s) => [s.start, s.end]) });
} catch (e) {
  parentPort.postMessage({ error: String(e && e.message || e) });
}
`;

const SOURCES = path.resolve(__dirname, '..', '..', '..', 'server', 'src');

export function recogniseWithDeadline(name: RecogniserName, text: string, deadlineMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { name, text, file: SOURCES } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ timedOut: true });
    }, deadlineMs);
    worker.once('message', (m: Outcome) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      resolve({ error: e.message });
    });
  });
}
