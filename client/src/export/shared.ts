// Helpers shared by the export and import commands: paths, unsaved articles, counts, error messages.
import * as path from 'path';
import * as vscode from 'vscode';
import { hasArticleExtension } from '../../../server/src/lsp/protocol';

/** An article file by its extension (annotations/articleRules.ts). */
export const isArticlePath = hasArticleExtension;

/** A file is inside a folder, or is that file itself. */
export function isInside(file: string, folderOrFile: string): boolean {
  const f = path.resolve(file);
  const p = path.resolve(folderOrFile);
  return f === p || f.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
}

/** A path given as a string (path or file: URI) or a URI, as a file system path. */
export function toFsPath(p: string | vscode.Uri): string {
  if (p instanceof vscode.Uri) return p.fsPath;
  return /^file:/i.test(p) ? vscode.Uri.parse(p).fsPath : path.resolve(p);
}

export function workspaceFolderOf(file: string): string | undefined {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
}

/** "PER 12, ORG 3" (most frequent first), or "none". */
export function countsText(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : vscode.l10n.t('none');
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Articles with unsaved edits under the given paths are saved first: their tags follow the editor's text, while the
 * export and import read the files. Asks unless `saveWithoutAsking`; false when the user declines.
 */
export async function saveUnsavedArticles(paths: readonly string[], saveWithoutAsking: boolean, what: 'export' | 'import'): Promise<boolean> {
  const dirty = vscode.workspace.textDocuments.filter(
    (d) => d.isDirty && d.uri.scheme === 'file' && isArticlePath(d.uri.fsPath) && paths.some((p) => isInside(d.uri.fsPath, p)),
  );
  if (dirty.length === 0) return true;
  if (!saveWithoutAsking) {
    const names = dirty.slice(0, 5).map((d) => vscode.workspace.asRelativePath(d.uri)).join(', ') + (dirty.length > 5 ? ', …' : '');
    const save = vscode.l10n.t('Save and Continue');
    const message = what === 'export'
      ? vscode.l10n.t('{0} articles to export have unsaved changes ({1}). Their tags refer to the text in the editor, so they are saved first.', dirty.length, names)
      : vscode.l10n.t('{0} articles in the target folder have unsaved changes ({1}). Their tags refer to the text in the editor, so they are saved first.', dirty.length, names);
    const choice = await vscode.window.showWarningMessage(message, { modal: true }, save);
    if (choice !== save) return false;
  }
  for (const d of dirty) {
    if (!(await d.save())) throw new Error(vscode.l10n.t('{0} could not be saved.', d.uri.fsPath));
  }
  return true;
}
