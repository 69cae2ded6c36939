// The status bar item showing the document date (DCT) in use for the active article and where it came from, and the
// command that sets it for one file (stored by the server in .news-annotator/document-dates.json).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  checkDocumentDate,
  DocumentDateInfo,
  DocumentDateRequest,
  SetDocumentDateParams,
  SetDocumentDateRequest,
} from '../../server/src/lsp/protocol';
import { ARTICLE_LANGUAGE } from './articleFiles';

function sourceWord(info: DocumentDateInfo): string {
  switch (info.source) {
    case 'explicit':
      return info.origin === 'setting' ? vscode.l10n.t('setting') : vscode.l10n.t('set for this file');
    case 'header':
      return vscode.l10n.t('header');
    case 'filename':
      return vscode.l10n.t('file name');
    case 'text':
      return vscode.l10n.t('text');
    default:
      return vscode.l10n.t('none');
  }
}

export class DocumentDateStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('newsAnnotator.documentDate', vscode.StatusBarAlignment.Right, 100);
  /** The information last shown, for the tests and the set command. */
  current: DocumentDateInfo | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  /** Called when the active article turns out to have no document date (the extension asks once per file). */
  onNoDate: ((document: vscode.TextDocument) => void) | undefined;

  constructor(private readonly client: () => LanguageClient, private readonly log: vscode.LogOutputChannel) {
    this.item.name = vscode.l10n.t('News Annotator: document date');
    this.item.command = 'newsAnnotator.setDocumentDate';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(400);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (d === vscode.window.activeTextEditor?.document) this.schedule(0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newsAnnotator')) this.schedule(100);
      }),
    );
  }

  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delayMs);
  }

  /** Re-reads the DCT of the active article from the server and shows it; hides the item for other editors. */
  async update(): Promise<DocumentDateInfo | undefined> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== ARTICLE_LANGUAGE) {
      this.current = undefined;
      this.item.hide();
      return undefined;
    }
    try {
      const info = await this.client().sendRequest(DocumentDateRequest, { uri: document.uri.toString() });
      if (generation === this.generation) {
        this.show(info);
        if (!info.date && info.source === 'none') this.onNoDate?.(document);
      }
      return info;
    } catch (err) {
      this.log.warn(`Document date of ${document.uri.toString()}: ${(err as Error).message}`);
      return undefined;
    }
  }

  show(info: DocumentDateInfo): void {
    this.current = info;
    const words = info.date
      ? vscode.l10n.t('Document date {0} ({1})', info.date, sourceWord(info))
      : vscode.l10n.t('No document date');
    this.item.text = `$(calendar) ${words}`;
    // plain text (a Markdown tooltip turns runs of spaces into &nbsp;, which screen readers then read out)
    this.item.tooltip = [info.description, info.detail, vscode.l10n.t('Click to set the document date for this file.')]
      .filter(Boolean)
      .join('\n');
    this.item.accessibilityInformation = { label: `${words}. ${vscode.l10n.t('Click to set the document date for this file.')}` };
    this.item.backgroundColor = info.date ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }

  /**
   * The command: asks for a date (or takes one from the arguments: uri, 'YYYY-MM-DD' | '' to clear) and stores it
   * for the file.
   */
  async setDocumentDate(uriArg?: vscode.Uri | string, dateArg?: string): Promise<DocumentDateInfo | undefined> {
    const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a news article first.'));
      return undefined;
    }
    let date = dateArg;
    if (date === undefined) {
      const current = this.current?.uri === uri.toString() ? this.current : undefined;
      date = await vscode.window.showInputBox({
        title: vscode.l10n.t('Document date for {0}', vscode.workspace.asRelativePath(uri)),
        prompt: vscode.l10n.t('YYYY-MM-DD, or YYYY-MM-DDTHH:MM with a time. Leave empty to detect it again (header, file name, text).'),
        value: current?.date ?? '',
        placeHolder: 'YYYY-MM-DD',
        validateInput: (v) => documentDateInputProblem(v),
      });
      if (date === undefined) return undefined; // cancelled
    }
    const params: SetDocumentDateParams = { uri: uri.toString(), date: date.trim() === '' ? null : date.trim() };
    try {
      const info = await this.client().sendRequest(SetDocumentDateRequest, params);
      if (vscode.window.activeTextEditor?.document.uri.toString() === info.uri) this.show(info);
      this.log.info(`Document date of ${uri.toString()}: ${info.description} (${info.storeFile})`);
      return info;
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not set the document date: {0}', (err as Error).message));
      return undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The message for a date typed in the "Set Document Date" box (the server's validator), or undefined when it is
 * valid or empty (empty: detect again). */
export function documentDateInputProblem(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const check = checkDocumentDate(value);
  if (check.ok) return undefined;
  if (check.problem === 'date') return vscode.l10n.t('{0} is not a real date', value.trim());
  if (check.problem === 'time') return vscode.l10n.t('{0} is not a real time of day', value.trim());
  return vscode.l10n.t('Use the form YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2023-06-18 or 2023-06-18T09:30');
}
