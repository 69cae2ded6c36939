// Runs one export or import request on the language server under a cancellable progress notification: `$/progress`
// reports from the server move the bar ("n / N documents"), the notification's Cancel button (or the command
// newsAnnotator.cancelDatasetJob) cancels the request, and the server answers with what was done either way.
import * as vscode from 'vscode';
import { LSPErrorCodes, ProgressType, ResponseError } from 'vscode-languageclient/node';
import type { ClientSource } from '../tagging';
import type { DatasetProgressValue } from '../../../server/src/lsp/protocol';

const progressType = new ProgressType<DatasetProgressValue>();
const RUNNING_CONTEXT = 'newsAnnotator.datasetJobRunning';

let counter = 0;

/** The job was cancelled before the server started it. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export class DatasetJobs implements vscode.Disposable {
  private readonly running = new Set<vscode.CancellationTokenSource>();

  constructor(private readonly source: ClientSource) {}

  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Cancels every running export and import; returns how many there were. */
  cancelAll(): number {
    const n = this.running.size;
    for (const cts of this.running) cts.cancel();
    return n;
  }

  /**
   * Sends `method` with `params` plus a progress token; `describe` turns a progress report into the notification's
   * message. Resolves with the server's answer (which says itself whether it was cancelled).
   */
  async run<R>(title: string, method: string, params: object, describe: (p: DatasetProgressValue) => string): Promise<R> {
    await this.source.ready;
    const client = this.source.client;
    const cts = new vscode.CancellationTokenSource();
    this.running.add(cts);
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    const progressToken = `newsAnnotator-dataset-${process.pid}-${++counter}`;
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, buttonToken) => {
          const onButton = buttonToken.onCancellationRequested(() => cts.cancel());
          let shown = 0;
          const listener = client.onProgress(progressType, progressToken, (p) => {
            let increment: number | undefined;
            if (p.total) {
              const pct = (p.done / p.total) * 100;
              increment = Math.max(0, pct - shown);
              shown = Math.max(shown, pct);
            }
            progress.report({ increment, message: describe(p) });
          });
          try {
            return await client.sendRequest<R>(method, { ...params, progressToken }, cts.token);
          } catch (err) {
            // cancelled before the server took the request: nothing was done (a server that stopped answering is
            // reported as the failure it is)
            if (cts.token.isCancellationRequested && err instanceof ResponseError && err.code === LSPErrorCodes.RequestCancelled) throw new JobCancelled();
            throw err;
          } finally {
            listener.dispose();
            onButton.dispose();
          }
        },
      );
    } finally {
      this.running.delete(cts);
      cts.dispose();
      if (this.running.size === 0) void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
    }
  }

  dispose(): void {
    this.cancelAll();
  }
}
