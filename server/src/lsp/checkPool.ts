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
import { SegmentedAnalysis, packAnalysis, packSegments } from './packedAnalysis';
import type { DocumentView } from './documentAnalysis';

/** The worker script: beside this file in the bundle (dist/server), the TypeScript source under tsx. */
export function checkWorkerFile(): string {
  const bundled = path.join(__dirname, 'checkWorker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'checkWorker.ts');
}

/** An idle check worker stops after this long (ms): its heap (the last article's text and spans) goes with it. */
export const CHECK_WORKER_IDLE_MS = 10_000;

/** An analysis as the pool takes it: its list of spans, or its segments (a DocumentView, packed without that list). */
export type CheckedAnalysis = AnalysisResult | (SegmentedAnalysis & Pick<DocumentView, 'result'>);

export interface CheckPool {
  /**
   * checkDocument() of the text and its analysis; rejects (AbortError) when `signal` aborts first. A view's
   * segments are read before the first await.
   */
  check(text: string, analysis: CheckedAnalysis, options: CheckOptions, signal?: AbortSignal): Promise<Finding[]>;
  close(): Promise<void>;
}

export function createCheckPool(): CheckPool {
  let pool: Piscina | undefined;
  let broken = false;
  return {
    async check(text, analysis, options, signal) {
      // (a view's list of spans is built only here, where the checks run in this thread)
      const spans = () => ('segments' in analysis ? analysis.result() : analysis);
      if (!broken) {
        try {
          pool ??= new Piscina({ filename: checkWorkerFile(), minThreads: 0, maxThreads: 1, idleTimeout: CHECK_WORKER_IDLE_MS });
          // the spans go packed, their arrays transferred (packedAnalysis.ts): cloning the objects held this thread
          const { transfer, ...packed } = 'segments' in analysis ? packSegments(analysis) : packAnalysis(analysis);
          const task: CheckTask = { text, packed, options };
          return (await pool.run(task, { signal, transferList: transfer })) as Finding[];
        } catch (err) {
          if (signal?.aborted) throw err;
          // the worker cannot start (or failed): the checks run here from now on
          broken = true;
        }
      }
      return checkDocument(text, spans(), options);
    },
    async close() {
      await pool?.destroy();
    },
  };
}
