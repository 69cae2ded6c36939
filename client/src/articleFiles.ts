// Makes `.txt` news articles "just work": a plain-text file matching `newsAnnotator.articleFiles` (default
// `**/*.txt`) whose first 2 KB are mostly Chinese (`newsAnnotator.articleMinCjkShare`, default 0.5) is switched to
// the News Article language, which the language server serves. A file the user switches back is left alone.
import * as vscode from 'vscode';
import { ARTICLE_SAMPLE_LENGTH, DEFAULT_ARTICLE_GLOB, DEFAULT_MIN_CJK_SHARE, inExportFolder, looksLikeArticle } from '../../server/src/lsp/protocol';

export const ARTICLE_LANGUAGE = 'news-article';

/** What the article rule says about a document. */
export type ArticleVerdict = 'article' | 'not-a-candidate' | 'not-chinese' | 'mis-decoded';

export function articleVerdict(document: vscode.TextDocument): ArticleVerdict {
  if (document.languageId !== 'plaintext' || document.uri.scheme !== 'file') return 'not-a-candidate';
  const config = vscode.workspace.getConfiguration('newsAnnotator', document.uri);
  const glob = config.get<string>('articleFiles', DEFAULT_ARTICLE_GLOB).trim();
  if (!glob) return 'not-a-candidate';
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const pattern: vscode.GlobPattern = folder ? new vscode.RelativePattern(folder, glob) : glob;
  if (vscode.languages.match({ pattern }, document) === 0) return 'not-a-candidate';
  // an export's copies (brat .txt beside the corpus) are not articles
  if (inExportFolder(document.uri.fsPath, folder?.uri.fsPath)) return 'not-a-candidate';
  const sample = document.getText(new vscode.Range(0, 0, 60, 0)).slice(0, ARTICLE_SAMPLE_LENGTH);
  if (looksLikeArticle(sample, config.get<number>('articleMinCjkShare', DEFAULT_MIN_CJK_SHARE))) return 'article';
  // U+FFFD: bytes that are not UTF-8 (a GB18030/GBK file opened without files.autoGuessEncoding)
  return sample.includes('\uFFFD') ? 'mis-decoded' : 'not-chinese';
}

export function isArticleCandidate(document: vscode.TextDocument): boolean {
  return articleVerdict(document) === 'article';
}

export class ArticleFiles implements vscode.Disposable {
  /** Files switched this session; a file the user switches back to plain text stays in here and is left alone. */
  private readonly switched = new Set<string>();
  /** Pending forgets of closed files (a language change closes and reopens a document at once: that must not count). */
  private readonly forgetting = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => {
        const key = d.uri.toString();
        clearTimeout(this.forgetting.get(key));
        this.forgetting.delete(key);
        void this.consider(d);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        if (!this.switched.has(key)) return;
        clearTimeout(this.forgetting.get(key));
        // Really closed (not reopened in another language): detect it afresh next time it is opened.
        this.forgetting.set(key, setTimeout(() => {
          this.forgetting.delete(key);
          this.switched.delete(key);
        }, 2000));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newsAnnotator.articleFiles') || e.affectsConfiguration('newsAnnotator.articleMinCjkShare')) {
          for (const d of vscode.workspace.textDocuments) void this.consider(d);
        }
      }),
    );
    for (const d of vscode.workspace.textDocuments) void this.consider(d);
  }

  /** Files matching the glob that are not valid UTF-8 (reported once each). */
  readonly misDecoded = new Set<string>();

  /** Switches a plain-text article to the News Article language, once per file and session. */
  async consider(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (this.switched.has(key)) return;
    const verdict = articleVerdict(document);
    if (verdict === 'mis-decoded' && !this.misDecoded.has(key)) {
      this.misDecoded.add(key);
      this.reportMisDecoded(document);
    }
    if (verdict !== 'article') return;
    this.switched.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, ARTICLE_LANGUAGE);
      this.log.info(`Treating ${document.uri.fsPath} as a news article (newsAnnotator.articleFiles)`);
    } catch (err) {
      this.log.warn(`Could not switch ${document.uri.fsPath} to ${ARTICLE_LANGUAGE}: ${(err as Error).message}`);
    }
  }

  private reportMisDecoded(document: vscode.TextDocument): void {
    const name = vscode.workspace.asRelativePath(document.uri);
    this.log.warn(`${document.uri.fsPath} is not valid UTF-8 (GB18030/GBK?): not treated as an article until reopened with its encoding`);
    const reopen = vscode.l10n.t('Reopen with Encoding');
    const guess = vscode.l10n.t('Guess Encodings of Plain Text');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('{0} is not valid UTF-8 (perhaps GB18030 or GBK). Reopen it with its encoding to annotate it; nothing in the file was changed.', name),
        reopen,
        guess,
      )
      .then(async (choice) => {
        if (choice === reopen) {
          await vscode.window.showTextDocument(document);
          await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
        } else if (choice === guess) {
          // files.autoGuessEncoding for plain text in this workspace; VS Code applies it when files are (re)opened
          await vscode.workspace
            .getConfiguration('files', { languageId: 'plaintext' })
            .update('autoGuessEncoding', true, vscode.ConfigurationTarget.Workspace, true);
        }
      });
  }

  dispose(): void {
    for (const timer of this.forgetting.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
