// What the integration suites share: the installed extension, activated and ready; the workspace folder the
// launcher opened; and polling until the editor shows what a test waits for. Not a suite itself (bundled into each).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsAnnotatorApi } from '../../client/src/extension';

export const EXTENSION_ID = 'news-annotator.news-annotator';

/** The extension's API once it is activated and its language server is ready. */
export async function activateExtension(): Promise<NewsAnnotatorApi> {
  const extension = vscode.extensions.getExtension<NewsAnnotatorApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** The first workspace folder; fails with `message` when none is open. */
export function workspaceFolder(message: string): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, message);
  return folder;
}

export type Until = <T>(what: string, probe: () => PromiseLike<T | undefined> | T | undefined, timeoutMs?: number) => Promise<T>;

/**
 * A function that calls `probe` every `intervalMs` until it gives a value other than undefined or false and returns
 * that value; it fails naming `what` (and the probe's last error) after `timeoutMs`.
 */
export function poller(intervalMs: number, defaultTimeoutMs = 30_000): Until {
  return async <T>(what: string, probe: () => PromiseLike<T | undefined> | T | undefined, timeoutMs = defaultTimeoutMs): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined && value !== false) return value;
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
}

/** Opens `file` in an editor, waits until it is a news article there and returns that editor, active. */
export async function openArticleEditor(file: string, until: Until = poller(100)): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(file);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const name = uri.path.split('/').pop();
  await until(`${name} in the news-article language`, () =>
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId === 'news-article',
  );
  const editor = await until('the editor', () =>
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString() && e.document.languageId === 'news-article'),
  );
  await vscode.window.showTextDocument(editor.document);
  return vscode.window.activeTextEditor!;
}
