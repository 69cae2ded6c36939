// Learning from the annotator's decisions (issue 14), the API the language server, the editor and the CLI call.
//
//   updateModelFromWorkspace(options: UpdateOptions): Promise<UpdateResult>
//     options: { root: string; files?: string[]; baseModel?: string; holdoutFraction?: number (default 0.2);
//                force?: boolean; out?: string (write there instead of <root>/.news-annotator/model);
//                epochs?, repeat?, rate?: number (training settings); signal?: AbortSignal;
//                onProgress?: (p: { done: number; total: number; stage: string }) => void;
//                inThread?: boolean (default false: a piscina worker thread) }
//     result:  { accepted: boolean; reason?: string; before: LabelScores; after: LabelScores; tagsLearned: number;
//                rejectionsLearned: number; documentsLearned: number; heldOutDocuments: number; modelPath?: string;
//                problems: { file: string; message: string }[]; seconds: number }
//     LabelScores = { label: 'PER' | 'LOC' | 'ORG' | 'ALL'; precision; recall; f1 (0-1); tp; fp; fn }[]
//     Rejects with a clear Error for bad input (root not a folder, base model missing or unreadable, bad holdout
//     share); with an Error named 'AbortError' when the signal fires. "Nothing to learn", "no reviewed document to
//     hold out" and "worse" are results with accepted: false and the reason.
//   revertWorkspaceModel(root: string): Promise<boolean>
//     swaps the workspace model and the one kept before it (none before: back to the shipped model); false when the
//     workspace has neither.
//   workspaceModelInfo(root: string): WorkspaceModelInfo | undefined
//     { path; tagsLearned; rejectionsLearned; documentsLearned; heldOutF1?: number (0-1); heldOutDocuments;
//       before?; after?: LabelScores; createdAt: ISO string; base; forced; previous?: same without previous }
//   workspaceModelFile(root: string): string | undefined
//     the model file the server and CLI must load for that workspace (undefined: the shipped model).
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel } from 'worker_threads';
import { Piscina } from 'piscina';
import { LearningCancelled } from './adaptModel';
import { UpdateOptions, UpdateResult, updateInThread } from './updateWorkspaceModel';

export type { UpdateOptions, UpdateResult, UpdateSettings, LearningProgress } from './updateWorkspaceModel';
export type { LabelScore, LabelScores } from './heldOutComparison';
export type { WorkspaceModelInfo, StoredModelInfo } from './modelStore';
export { revertWorkspaceModel, workspaceModelInfo, workspaceModelFile, MODEL_DIR } from './modelStore';
export { LearningCancelled } from './adaptModel';
export { LearningInputError } from './workspaceTrainingData';
export { formatComparison } from './heldOutComparison';

/** The worker script: beside this file in the bundle (dist/server), the TypeScript source under tsx. */
export function learningWorkerFile(): string {
  const bundled = path.join(__dirname, 'learningWorker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'learningWorker.ts');
}

/** Adapts the entity model to the workspace's tags and stores it there when it is shown no worse (see the top). */
export async function updateModelFromWorkspace(options: UpdateOptions): Promise<UpdateResult> {
  if (options.inThread) return updateInThread(options);
  if (options.signal?.aborted) throw new LearningCancelled();
  const { signal, onProgress, inThread: _inThread, ...settings } = options;
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (p) => onProgress?.(p));
  const pool = new Piscina({ filename: learningWorkerFile(), minThreads: 1, maxThreads: 1, idleTimeout: 1_000 });
  try {
    return (await pool.run({ settings, port: port2 }, { transferList: [port2 as never], signal })) as UpdateResult;
  } catch (err) {
    if ((err as Error).name === 'AbortError' || signal?.aborted) throw new LearningCancelled();
    throw err;
  } finally {
    port1.close();
    await pool.destroy();
  }
}
