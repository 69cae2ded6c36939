// The "Annotations" tree: each article with tags (open ones live from the server, the others read from their .ann),
// then its labels with counts, then the tags; clicking a tag opens the article there.
import * as path from 'path';
import * as vscode from 'vscode';
import { parseAnn } from '../../../server/src/lsp/protocol';
import { articleBase, articleCandidates, inExportFolder } from '../../../server/src/lsp/protocol';
import type { TaggingState } from '../../../server/src/lsp/protocol';
import type { TaggingClient } from './taggingClient';
import { forEachLimited } from './forEachLimited';
import { toRange } from './decorations';

type Node =
  | { kind: 'file'; uri: string; name: string }
  | { kind: 'label'; uri: string; label: string; count: number }
  | { kind: 'tag'; uri: string; label: string; text: string; id: string; range?: vscode.Range; start: number; end: number };

interface FileTags {
  tags: { id: string; label: string; text: string; start: number; end: number; range?: vscode.Range }[];
}

export class AnnotationsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<Node>;
  /** Articles found on disk with an .ann beside them: article URI → .ann URI. */
  private onDisk = new Map<string, vscode.Uri>();
  private timer: NodeJS.Timeout | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;
  private rescanning: Promise<void> | undefined;
  private rescanAgain = false;

  constructor(private readonly tagging: TaggingClient) {
    this.view = vscode.window.createTreeView('newsAnnotator.annotations', { treeDataProvider: this, showCollapseAll: true });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.ann');
    this.disposables.push(
      this.view,
      this.emitter,
      watcher,
      watcher.onDidCreate(() => this.scheduleRescan()),
      watcher.onDidDelete(() => this.scheduleRescan()),
      watcher.onDidChange(() => this.schedule()),
      tagging.onDidChangeState(() => this.schedule()),
    );
    this.rescan();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.emitter.fire(undefined), 100);
  }

  /** A burst of .ann files created or deleted (an export, an import, a checkout) costs one rescan, not one each. */
  private scheduleRescan(): void {
    clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => void this.rescan(), 300);
  }

  /** Finds the articles with an .ann beside them; one scan at a time, repeated once if asked for meanwhile. */
  async rescan(): Promise<void> {
    if (this.rescanning) {
      this.rescanAgain = true;
      return this.rescanning;
    }
    this.rescanning = (async () => {
      do {
        this.rescanAgain = false;
        await this.scanOnce();
      } while (this.rescanAgain);
    })();
    try {
      await this.rescanning;
    } finally {
      this.rescanning = undefined;
    }
  }

  private async scanOnce(): Promise<void> {
    const anns = await vscode.workspace.findFiles('**/*.ann', '**/node_modules/**', 5000);
    const map = new Map<string, vscode.Uri>();
    await forEachLimited(anns, 16, async (ann) => {
      // an export's copies are not annotated articles
      if (inExportFolder(ann.fsPath, vscode.workspace.getWorkspaceFolder(ann)?.uri.fsPath)) return;
      for (const candidate of articleCandidates(articleBase(ann.fsPath))) {
        const article = vscode.Uri.file(candidate);
        try {
          await vscode.workspace.fs.stat(article);
          map.set(article.toString(), ann);
          break;
        } catch {
          // no article with this extension
        }
      }
    });
    this.onDisk = new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.emitter.fire(undefined);
  }

  private async tagsOf(uri: string): Promise<FileTags> {
    const live: TaggingState | undefined = this.tagging.get(uri);
    if (live) return { tags: live.tags.map((t) => ({ ...t, range: toRange(t.range) })) };
    const ann = this.onDisk.get(uri);
    if (!ann) return { tags: [] };
    try {
      const content = Buffer.from(await vscode.workspace.fs.readFile(ann)).toString('utf8');
      return { tags: parseAnn(content).tags };
    } catch {
      return { tags: [] };
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'file': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.resourceUri = vscode.Uri.parse(node.uri);
        item.description = vscode.workspace.asRelativePath(path.dirname(vscode.Uri.parse(node.uri).fsPath));
        item.contextValue = 'newsAnnotator.file';
        return item;
      }
      case 'label': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon('tag');
        return item;
      }
      case 'tag': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.description = `${node.id} ${node.start}–${node.end}`;
        item.tooltip = `${node.label} ${node.start}–${node.end} (${vscode.l10n.t('code points')})`;
        item.command = {
          command: 'newsAnnotator.revealTag',
          title: vscode.l10n.t('Go to Tag'),
          arguments: [node.uri, node.start, node.end],
        };
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const uris = new Set<string>([...this.tagging.all().filter((s) => s.tags.length).map((s) => s.uri), ...this.onDisk.keys()]);
      return [...uris]
        .map((uri) => ({ kind: 'file' as const, uri, name: path.basename(vscode.Uri.parse(uri).fsPath) }))
        .sort((a, b) => a.uri.localeCompare(b.uri));
    }
    if (node.kind === 'file') {
      const { tags } = await this.tagsOf(node.uri);
      const counts = new Map<string, number>();
      for (const t of tags) counts.set(t.label, (counts.get(t.label) ?? 0) + 1);
      return [...counts].map(([label, count]) => ({ kind: 'label' as const, uri: node.uri, label, count }));
    }
    if (node.kind === 'label') {
      const { tags } = await this.tagsOf(node.uri);
      return tags
        .filter((t) => t.label === node.label)
        .sort((a, b) => a.start - b.start)
        .map((t) => ({ kind: 'tag' as const, uri: node.uri, label: t.label, text: t.text, id: t.id, range: t.range, start: t.start, end: t.end }));
    }
    return [];
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.rescanTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Opens an article at a tag given in code points (converted with the document's text). */
export async function revealTag(uri: string, start: number, end: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const text = document.getText();
  const toUtf16 = (cp: number) => {
    let u = 0;
    for (let i = 0; i < cp && u < text.length; i++) {
      const c = text.charCodeAt(u);
      u += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    return u;
  };
  const range = new vscode.Range(document.positionAt(toUtf16(start)), document.positionAt(toUtf16(end)));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
