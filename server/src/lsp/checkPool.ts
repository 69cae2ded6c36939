// The language server's diagnostics checks on one worker thread (piscina running ./checkWorker), started on the first
// check: the thread that answers the editor only hands over the text and the analysis and converts the findings. A
// run for a version the editor has left is aborted. Without the worker file (a test under tsx without a bundle, a
// broken install) the checks run in this thread.
import * as fs from 'fs';
import * as path from 'path';
import { Piscina } from 'piscina';
import { CheckOptions, Finding, checkDocument } from '../checks';
import type { AnalysisResult } from '../core/types';
import type { CheckTask } from './checkWorker';
import { packAnalysis } from './packedAnalysis';

/** The worker script: beside this file in the bundle (dist/server), the TypeScript source under tsx. */
export function checkWorkerFile(): string {
  const bundled = path.join(__dirname, 'checkWorker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'checkWorker.ts');
}

/** An idle check worker stops after this long (ms): its heap (the last article's text and spans) goes with it. */
export const CHECK_WORKER_IDLE_MS = 10_000;

export interface CheckPool {
  /** checkDocument() of the text and its analysis; rejects (AbortError) when `signal` aborts first. */
  check(text: string, analysis: AnalysisResult, options: CheckOptions, signal?: AbortSignal): Promise<Finding[]>;
  close(): Promise<void>;
}

export function createCheckPool(): CheckPool {
  let pool: Piscina | undefined;
  let broken = false;
  return {
    async check(text, analysis, options, signal) {
      if (!broken) {
        try {
          pool ??= new Piscina({ filename: checkWorkerFile(), minThreads: 0, maxThreads: 1, idleTimeout: CHECK_WORKER_IDLE_MS });
          // the spans go packed, their arrays transferred (packedAnalysis.ts): cloning the objects held this thread
          const { transfer, ...packed } = packAnalysis(analysis);
          const task: CheckTask = { text, packed, options };
          return (await pool.run(task, { signal, transferList: transfer })) as Finding[];
        } catch (err) {
          if (signal?.aborted) throw err;
          // the worker cannot start (or failed): the checks run here from now on
          broken = true;
        }
      }
      return checkDocument(text, analysis, options);
    },
    async close() {
      await pool?.destroy();
    },
  };
}
