// The "Corpus" view: how many articles of the workspace are reviewed (their review sidecar says so), and which; by
// name, or by expected usefulness (how many uncertain suggestions they hold: client/src/learning.ts asks the server).
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ANN_EXTENSION, DEFAULT_ARTICLE_GLOB, DEFAULT_MIN_CJK_SHARE, NEWS_EXTENSION, REVIEW_SUFFIX, articleBase, articleCandidates,
  hasArticleExtension, inExportFolder, looksLikeArticle, parseAnn,
} from '../../../server/src/lsp/protocol';
import type { TaggingClient } from './taggingClient';
import { forEachLimited } from './forEachLimited';

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

async function exists(file: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(file));
    return true;
  } catch {
    return false;
  }
}

export class CorpusView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<Node>;
  articles: Article[] = [];
  /** Articles by their base path (without extension), kept between scans so that file events update one entry. */
  private byBase = new Map<string, Article>();
  /** The .txt files the last full scan found through the article glob. */
  private candidates = new Set<string>();
  /** Bases whose files changed since the last update. */
  private pending = new Set<string>();
  private fullScanPending = true;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Uncertain suggestions per article (by URI) when the view is ordered by usefulness; undefined: by name. */
  private usefulness: Map<string, { uncertain: number; doubt: number; suggestions: number }> | undefined;

  constructor(tagging: TaggingClient) {
    this.view = vscode.window.createTreeView('newsAnnotator.corpus', { treeDataProvider: this });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{review.json,ann,news,txt}');
    const touched = (uri: vscode.Uri) => {
      this.pending.add(articleBase(uri.fsPath));
      this.schedule();
    };
    // A new .txt may or may not match the article glob: only a scan with the glob can tell.
    const created = (uri: vscode.Uri) => (hasArticleExtension(uri.fsPath) ? this.scheduleFullScan() : touched(uri));
    this.disposables.push(
      this.view,
      this.emitter,
      watcher,
      watcher.onDidCreate(created),
      watcher.onDidDelete(touched),
      watcher.onDidChange(touched),
      tagging.onDidChangeState((state) => touched(vscode.Uri.parse(state.uri))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('newsAnnotator.articleFiles') || e.affectsConfiguration('newsAnnotator.articleMinCjkShare')) {
          this.scheduleFullScan();
        }
      }),
      vscode.commands.registerCommand('newsAnnotator.refreshCorpus', () => this.refresh()),
    );
    void this.refresh();
  }

  private scheduleFullScan(): void {
    this.fullScanPending = true;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 300);
  }

  /** Rescans the whole workspace (the Refresh command; also on start and when the article settings change). */
  async refresh(): Promise<{ reviewed: number; total: number }> {
    this.fullScanPending = true;
    await this.update();
    const reviewed = this.articles.filter((a) => a.reviewed).length;
    return { reviewed, total: this.articles.length };
  }

  /**
   * Applies what changed: a full scan when one is pending, else only the articles whose files changed. One update runs
   * at a time; changes that arrive meanwhile are applied by a following update, so a burst of file events (an export
   * writing thousands of files) costs a few updates, not one full rescan per event.
   */
  private async update(): Promise<void> {
    while (this.running) await this.running;
    if (!this.fullScanPending && this.pending.size === 0) return;
    this.running = (async () => {
      const full = this.fullScanPending;
      const bases = this.pending;
      this.fullScanPending = false;
      this.pending = new Set();
      if (full) await this.scanAll();
      else await forEachLimited([...bases], 16, (base) => this.scanBase(base));
      this.publish();
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /**
   * Articles are `.news` files, and `.txt` files matching `newsAnnotator.articleFiles` that have an .ann beside them or
   * whose start is mostly Chinese (`newsAnnotator.articleMinCjkShare`), as in the editor.
   */
  private async scanAll(): Promise<void> {
    const glob = this.settings().glob;
    const found = await vscode.workspace.findFiles('**/*.news', '**/node_modules/**', 20000);
    if (glob) for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**', 20000)) found.push(uri);
    const unique = [...new Map(found.map((uri) => [uri.toString(), uri])).values()];
    this.candidates = new Set(unique.filter((uri) => uri.fsPath.endsWith('.txt')).map((uri) => uri.fsPath));
    // Read into a new map and swap it in at the end: the view (and a reordering that publishes meanwhile) keeps the
    // previous list during the scan instead of showing a partial one.
    const byBase = new Map<string, Article>();
    await forEachLimited(unique, 16, async (uri) => {
      const article = await this.readArticle(uri);
      if (article) byBase.set(articleBase(uri.fsPath), article);
    });
    this.byBase = byBase;
  }

  /** Re-reads the one article a changed file belongs to (or forgets it). */
  private async scanBase(base: string): Promise<void> {
    // The article stays listed as it was until it is read again (a publish meanwhile shows it, not a gap).
    for (const candidate of articleCandidates(base).reverse()) {
      const uri = vscode.Uri.file(candidate);
      if (!candidate.endsWith(NEWS_EXTENSION) && !this.candidates.has(uri.fsPath)) continue;
      if (!(await exists(uri.fsPath))) continue;
      const article = await this.readArticle(uri);
      if (article) this.byBase.set(base, article);
      else this.byBase.delete(base);
      return;
    }
    this.byBase.delete(base);
  }

  private settings(): { glob: string; minShare: number } {
    const config = vscode.workspace.getConfiguration('newsAnnotator', null);
    return {
      glob: config.get<string>('articleFiles', DEFAULT_ARTICLE_GLOB).trim(),
      minShare: config.get<number>('articleMinCjkShare', DEFAULT_MIN_CJK_SHARE),
    };
  }

  private async readArticle(uri: vscode.Uri): Promise<Article | undefined> {
    const base = articleBase(uri.fsPath);
    // the article rule (annotations/articleRules.ts): .news always, .txt (found through the glob) when tagged or
    // mostly Chinese; never inside an export
    if (inExportFolder(uri.fsPath, vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath)) return undefined;
    if (!uri.fsPath.endsWith(NEWS_EXTENSION) && !(await exists(base + ANN_EXTENSION)) && !looksLikeArticle(await sample(uri), this.settings().minShare)) {
      return undefined;
    }
    let reviewed = false;
    let tags = 0;
    try {
      const json = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(base + REVIEW_SUFFIX))).toString('utf8'));
      reviewed = json?.reviewed === true;
    } catch {
      // no sidecar (or a broken one): not reviewed
    }
    try {
      const ann = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(base + ANN_EXTENSION))).toString('utf8');
      tags = parseAnn(ann).tags.length; // the shared .ann parser, as the tag store reads it
    } catch {
      // no .ann yet
    }
    return { uri, reviewed, tags };
  }

  /** Orders the view by expected usefulness (most uncertain suggestions first), or by name with undefined. */
  setUsefulness(usefulness: Map<string, { uncertain: number; doubt: number; suggestions: number }> | undefined): void {
    this.usefulness = usefulness;
    this.publish();
  }

  private publish(): void {
    const byName = (a: Article, b: Article) => a.uri.fsPath.localeCompare(b.uri.fsPath);
    const useful = this.usefulness;
    const score = (a: Article) => useful?.get(a.uri.toString());
    this.articles = [...this.byBase.values()].sort(
      useful
        ? (a, b) => (score(b)?.uncertain ?? -1) - (score(a)?.uncertain ?? -1) || (score(b)?.doubt ?? -1) - (score(a)?.doubt ?? -1) || byName(a, b)
        : byName,
    );
    const reviewed = this.articles.filter((a) => a.reviewed).length;
    this.view.description = vscode.l10n.t('{0}/{1} reviewed', reviewed, this.articles.length);
    this.emitter.fire(undefined);
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
    const useful = this.usefulness?.get(a.uri.toString());
    item.description = `${vscode.workspace.asRelativePath(path.dirname(a.uri.fsPath))} · ${vscode.l10n.t('{0} tags', a.tags)}` +
      (useful ? ` · ${vscode.l10n.t('{0} uncertain', useful.uncertain)}` : '');
    item.iconPath = new vscode.ThemeIcon(a.reviewed ? 'pass-filled' : 'circle-large-outline');
    item.tooltip = (a.reviewed ? vscode.l10n.t('Reviewed') : vscode.l10n.t('Not reviewed')) +
      (useful ? '\n' + vscode.l10n.t('{0} of {1} name suggestions are uncertain (confidence below 0.6)', useful.uncertain, useful.suggestions) : '');
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
