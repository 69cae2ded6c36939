// The worker thread of "update suggestions from my tags" (piscina): runs the update off the thread that answers the
// editor, reporting progress through a message port. Cancelling the task ends the thread.
import type { MessagePort } from 'worker_threads';
import { UpdateResult, UpdateSettings, updateInThread } from './updateWorkspaceModel';

export default function update(task: { settings: UpdateSettings; port: MessagePort }): Promise<UpdateResult> {
  let last = 0;
  return updateInThread({
    ...task.settings,
    onProgress: (p) => {
      // at most about 20 messages a second, and every stage change
      const now = Date.now();
      if (now - last < 50 && p.done !== 0 && p.done !== p.total) return;
      last = now;
      task.port.postMessage(p);
    },
  }).finally(() => task.port.close());
}
