// An article with no document date (no header line, no date in its file name, no full date up to today in its
// text) has every relative date unresolved (XXXX). When such an article is opened the extension asks once per file
// (a notification, setting newsAnnotator.askDocumentDate): "Choose a Date…" offers the full dates found in the file
// name, the header lines and the text (including dates after today, which detection skips), the file's
// modification date and a date typed in; the choice is stored for the file like "Set Document Date for This File".
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseDateString } from '../../server/src/lsp/protocol';
import { DateCandidate, dateCandidates } from './dateCandidates';
import { documentDateInputProblem } from './documentDateStatus';

const ASKED_KEY = 'newsAnnotator.documentDate.asked';

export class DocumentDateAsk {
  /** The article the notification is showing for (tests). */
  pending: string | undefined;
  /** How many times the question was shown (tests). */
  asks = 0;

  constructor(
    private readonly state: vscode.Memento,
    private readonly setDate: (uri: vscode.Uri, date: string) => Promise<unknown>,
  ) {}

  private asked(uri: vscode.Uri): boolean {
    return (this.state.get<string[]>(ASKED_KEY) ?? []).includes(uri.toString());
  }

  /** Called when the active article has no document date: asks once per file. */
  async maybeAsk(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== 'file' || this.asked(document.uri) || this.pending === document.uri.toString()) return;
    if (!vscode.workspace.getConfiguration('newsAnnotator', document.uri).get<boolean>('askDocumentDate', true)) return;
    await this.state.update(ASKED_KEY, [...(this.state.get<string[]>(ASKED_KEY) ?? []), document.uri.toString()].slice(-2000));
    this.pending = document.uri.toString();
    this.asks++;
    const choose = vscode.l10n.t('Choose a Date…');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('{0} has no document date, so relative dates (今年, 昨天, 6月18日) cannot be resolved.', path.basename(document.uri.fsPath)),
      choose,
    );
    if (this.pending === document.uri.toString()) this.pending = undefined;
    if (answer === choose) await this.pick(document);
  }

  /** The quick pick of candidate dates; resolves to the date stored, or undefined. */
  async pick(document: vscode.TextDocument): Promise<string | undefined> {
    const candidates = dateCandidates(document.getText(), document.uri.fsPath);
    try {
      const mtime = fs.statSync(document.uri.fsPath).mtime;
      const local = new Date(mtime.getTime() - mtime.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
      if (!candidates.some((c) => c.date === local)) candidates.push({ date: local, source: 'modified', detail: '' });
    } catch {
      /* not on disk */
    }
    const where: Record<DateCandidate['source'], string> = {
      filename: vscode.l10n.t('file name'),
      header: vscode.l10n.t('header'),
      text: vscode.l10n.t('text'),
      modified: vscode.l10n.t('file last modified'),
    };
    type Item = vscode.QuickPickItem & { date?: string };
    const items: Item[] = candidates.map((c) => ({ label: c.date, description: where[c.source], detail: c.detail || undefined, date: c.date }));
    items.push({ label: vscode.l10n.t('Type a date…') });
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Document date for {0}', vscode.workspace.asRelativePath(document.uri)),
      placeHolder: vscode.l10n.t('Dates found in the file name, the header and the text'),
    });
    if (!picked) return undefined;
    let date = picked.date;
    if (!date) {
      date = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('YYYY-MM-DD'),
        placeHolder: 'YYYY-MM-DD',
        // the same messages as Set Document Date (not a real date, not a real time, the form to use)
        validateInput: (v) => (parseDateString(v) ? undefined : (documentDateInputProblem(v) ?? documentDateInputProblem('?'))),
      });
      date = date ? parseDateString(date) : undefined;
      if (!date) return undefined;
    }
    await this.setDate(document.uri, date);
    return date;
  }
}
