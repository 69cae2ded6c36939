// Makes `.txt` news articles "just work": a plain-text file matching `newsAnnotator.articleFiles` (default
// `**/*.txt`) whose first 2 KB are mostly Chinese (`newsAnnotator.articleMinCjkShare`, default 0.5) is switched to
// the News Article language, which the language server serves. A file the user switches back is left alone.
import * as vscode from 'vscode';
import { looksLikeArticle } from './articleText';

export const ARTICLE_LANGUAGE = 'news-article';

export function isArticleCandidate(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'plaintext' || document.uri.scheme !== 'file') return false;
  const config = vscode.workspace.getConfiguration('newsAnnotator', document.uri);
  const glob = config.get<string>('articleFiles', '**/*.txt').trim();
  if (!glob) return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const pattern: vscode.GlobPattern = folder ? new vscode.RelativePattern(folder, glob) : glob;
  if (vscode.languages.match({ pattern }, document) === 0) return false;
  return looksLikeArticle(document.getText(), config.get<number>('articleMinCjkShare', 0.5));
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

  /** Switches a plain-text article to the News Article language, once per file and session. */
  async consider(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (this.switched.has(key) || !isArticleCandidate(document)) return;
    this.switched.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, ARTICLE_LANGUAGE);
      this.log.info(`Treating ${document.uri.fsPath} as a news article (newsAnnotator.articleFiles)`);
    } catch (err) {
      this.log.warn(`Could not switch ${document.uri.fsPath} to ${ARTICLE_LANGUAGE}: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    for (const timer of this.forgetting.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
