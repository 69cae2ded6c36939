// The "Corpus" view: how many articles of the workspace are reviewed (their review sidecar says so), and which.
import * as path from 'path';
import * as vscode from 'vscode';
import type { TaggingClient } from './taggingClient';

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

  /** Rescans the workspace: articles are `.news` files and `.txt` files matching `newsAnnotator.articleFiles`. */
  async refresh(): Promise<{ reviewed: number; total: number }> {
    const glob = vscode.workspace.getConfiguration('newsAnnotator').get<string>('articleFiles', '**/*.txt').trim();
    const found = await vscode.workspace.findFiles('**/*.news', '**/node_modules/**', 20000);
    if (glob) found.push(...(await vscode.workspace.findFiles(glob, '**/node_modules/**', 20000)));
    const seen = new Set<string>();
    const articles: Article[] = [];
    for (const uri of found) {
      if (seen.has(uri.toString())) continue;
      seen.add(uri.toString());
      const base = uri.fsPath.slice(0, uri.fsPath.length - path.extname(uri.fsPath).length);
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
