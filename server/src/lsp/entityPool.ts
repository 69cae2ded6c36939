// The language server's entity recogniser: one worker thread (piscina) running ./entityWorker, started on the first
// request for entities, so the thread that answers the editor never loads the model or the word segmenter's
// dictionary and never spends a slice recognising names while a keystroke waits.
import * as fs from 'fs';
import * as path from 'path';
import { Piscina } from 'piscina';
import type { UnitEntities } from '../ner/entities';
import type { UnitEntityRecogniser } from '../analysis/incrementalAnalysis';

/** The worker script: beside this file in the bundle (dist/server), the TypeScript source under tsx. */
export function entityWorkerFile(): string {
  const bundled = path.join(__dirname, 'entityWorker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'entityWorker.ts');
}

export interface EntityPool {
  recognise: UnitEntityRecogniser;
  /**
   * The model file used from the next request on: a workspace's adapted model (learning/index.ts:
   * workspaceModelFile), or undefined for the shipped model. Cached entities of the old model are the caller's to drop.
   */
  useModel(file: string | undefined): void;
  close(): Promise<void>;
}

export function createEntityPool(): EntityPool {
  let pool: Piscina | undefined;
  let model: string | undefined;
  return {
    recognise(texts) {
      // One thread: entities of the open documents are recognised in turn; the pool stays up while the server runs.
      pool ??= new Piscina({ filename: entityWorkerFile(), minThreads: 1, maxThreads: 1, idleTimeout: 2 ** 31 - 1 });
      return pool.run({ texts, model }) as Promise<UnitEntities[]>;
    },
    useModel(file) {
      model = file;
    },
    async close() {
      await pool?.destroy();
    },
  };
}
