// The "Corpus" view: how many articles of the workspace are reviewed (their review sidecar says so), and which.
import * as path from 'path';
import * as vscode from 'vscode';
import { looksLikeArticle } from '../articleText';
import type { TaggingClient } from './taggingClient';

/** The start of a file as text (UTF-8, else GB18030), for the article rule; '' when unreadable. */
async function sample(uri: vscode.Uri): Promise<string> {
  try {
    let bytes = (await vscode.workspace.fs.readFile(uri)).subarray(0, 8192);
    // do not cut a UTF-8 character in two
    let cut = bytes.length;
    if (cut === 8192) {
      while (cut > 0 && (bytes[cut - 1] & 0xc0) === 0x80) cut--;
      if (cut > 0 && bytes[cut - 1] >= 0xc0) cut--;
      bytes = bytes.subarray(0, cut);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('gb18030').decode(bytes);
    }
  } catch {
    return '';
  }
}

interface Article {
  uri: vscode.Uri;
  reviewed: boolean;
  tags: number;
}

type Node = { kind: 'summary' } | { kind: 'article'; article: Article };

export class CorpusView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<Node>;
  articles: Article[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(tagging: TaggingClient) {
    this.view = vscode.window.createTreeView('newsAnnotator.corpus', { treeDataProvider: this });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{review.json,ann,news,txt}');
    this.disposables.push(
      this.view,
      this.emitter,
      watcher,
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
      watcher.onDidChange(() => this.schedule()),
      tagging.onDidChangeState(() => this.schedule()),
      vscode.commands.registerCommand('newsAnnotator.refreshCorpus', () => this.refresh()),
    );
    void this.refresh();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  /**
   * Rescans the workspace: articles are `.news` files, and `.txt` files matching `newsAnnotator.articleFiles` that
   * have an .ann beside them or whose start is mostly Chinese (`newsAnnotator.articleMinCjkShare`), as in the editor.
   */
  async refresh(): Promise<{ reviewed: number; total: number }> {
    const config = vscode.workspace.getConfiguration('newsAnnotator');
    const glob = config.get<string>('articleFiles', '**/*.txt').trim();
    const minShare = config.get<number>('articleMinCjkShare', 0.5);
    const found = await vscode.workspace.findFiles('**/*.news', '**/node_modules/**', 20000);
    if (glob) found.push(...(await vscode.workspace.findFiles(glob, '**/node_modules/**', 20000)));
    const seen = new Set<string>();
    const articles: Article[] = [];
    const exists = async (file: string) => {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.file(file));
        return true;
      } catch {
        return false;
      }
    };
    for (const uri of found) {
      if (seen.has(uri.toString())) continue;
      seen.add(uri.toString());
      const base = uri.fsPath.slice(0, uri.fsPath.length - path.extname(uri.fsPath).length);
      if (!uri.fsPath.endsWith('.news') && !(await exists(base + '.ann')) && !looksLikeArticle(await sample(uri), minShare)) continue;
      let reviewed = false;
      let tags = 0;
      try {
        const json = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(base + '.review.json'))).toString('utf8'));
        reviewed = json?.reviewed === true;
      } catch {
        // no sidecar (or a broken one): not reviewed
      }
      try {
        const ann = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(base + '.ann'))).toString('utf8');
        tags = ann.split('\n').filter((l) => /^T\d+\t/.test(l)).length;
      } catch {
        // no .ann yet
      }
      articles.push({ uri, reviewed, tags });
    }
    articles.sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
    this.articles = articles;
    const reviewed = articles.filter((a) => a.reviewed).length;
    this.view.description = vscode.l10n.t('{0}/{1} reviewed', reviewed, articles.length);
    this.emitter.fire(undefined);
    return { reviewed, total: articles.length };
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'summary') {
      const reviewed = this.articles.filter((a) => a.reviewed).length;
      const item = new vscode.TreeItem(
        vscode.l10n.t('Reviewed: {0} of {1} files', reviewed, this.articles.length),
        vscode.TreeItemCollapsibleState.None,
      );
      item.iconPath = new vscode.ThemeIcon('checklist');
      return item;
    }
    const a = node.article;
    const item = new vscode.TreeItem(path.basename(a.uri.fsPath), vscode.TreeItemCollapsibleState.None);
    item.resourceUri = a.uri;
    item.description = `${vscode.workspace.asRelativePath(path.dirname(a.uri.fsPath))} · ${vscode.l10n.t('{0} tags', a.tags)}`;
    item.iconPath = new vscode.ThemeIcon(a.reviewed ? 'pass-filled' : 'circle-large-outline');
    item.tooltip = a.reviewed ? vscode.l10n.t('Reviewed') : vscode.l10n.t('Not reviewed');
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [a.uri] };
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (node) return [];
    return [{ kind: 'summary' }, ...this.articles.map((article) => ({ kind: 'article' as const, article }))];
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
