// Compare Annotations with…: the other annotator's tags beside mine (dashed boxes), each disagreement (missing,
// extra, boundary, label) in the Problems panel, keys to jump between them, and adjudication (keep mine / keep theirs
// / keep both / tag the selection) into a curated folder. The language server computes everything (ComparisonService).
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  AdjudicateRequest,
  CompareAnnotationsRequest,
  type ComparisonState,
  type OtherAnnotator,
  type WireDisagreement,
  type WireRange,
  type Decision,
} from '../../server/src/lsp/protocol';

const SOURCE = 'News Annotator (comparison)';
const ARTICLE_LANGUAGE = 'news-article';

interface ClientSource {
  readonly client: LanguageClient;
  readonly ready: Promise<void>;
}

/** What the compare command takes from automation (tests, other extensions) instead of asking. */
export interface CompareOptions {
  folder?: string;
  branch?: string;
  /** The curated folder for adjudication (asked on the first decision when omitted). */
  curated?: string;
}

type Choice = Decision['choice'];

const toRange = (r: WireRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

function kindMessage(d: WireDisagreement, otherName: string): string {
  const list = (tags: WireDisagreement['mine']) => tags.map((t) => `${t.label} “${t.text}”`).join(', ');
  switch (d.kind) {
    case 'missing':
      return vscode.l10n.t('Missing: {0} has {1}; you have no tag here', otherName, list(d.theirs));
    case 'extra':
      return vscode.l10n.t('Extra: you have {0}; {1} has no tag here', list(d.mine), otherName);
    case 'label':
      return vscode.l10n.t('Label: you have {0}; {1} has {2}', list(d.mine), otherName, list(d.theirs));
    default:
      return vscode.l10n.t('Boundary: you have {0}; {1} has {2}', list(d.mine) || '—', otherName, list(d.theirs) || '—');
  }
}

function decidedNote(choice: Choice): string {
  switch (choice) {
    case 'mine':
      return vscode.l10n.t('decided: keep mine');
    case 'theirs':
      return vscode.l10n.t('decided: keep theirs');
    case 'both':
      return vscode.l10n.t('decided: keep both');
    default:
      return vscode.l10n.t('decided: edited');
  }
}

export class AnnotationComparison implements vscode.Disposable {
  private other: OtherAnnotator | undefined;
  private curated: string | undefined;
  private readonly states = new Map<string, ComparisonState>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('newsAnnotator.comparison');
  private readonly theirsDecoration = vscode.window.createTextEditorDecorationType({
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('editorInfo.foreground'),
    borderRadius: '2px',
  });
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly source: ClientSource) {
    this.disposables.push(
      this.diagnostics,
      this.theirsDecoration,
      vscode.commands.registerCommand('newsAnnotator.compareAnnotations', (options?: CompareOptions) => this.start(options)),
      vscode.commands.registerCommand('newsAnnotator.stopComparing', () => this.stop()),
      vscode.commands.registerCommand('newsAnnotator.nextDisagreement', () => this.jump(1)),
      vscode.commands.registerCommand('newsAnnotator.previousDisagreement', () => this.jump(-1)),
      vscode.commands.registerCommand('newsAnnotator.resolveDisagreement', (choice?: Choice, key?: string, label?: string) =>
        this.resolve(choice, key, label),
      ),
      // for tests and tools: the comparison of an article as last computed
      vscode.commands.registerCommand('newsAnnotator.comparisonState', (uri?: string) =>
        this.states.get(uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? ''),
      ),
      vscode.languages.registerCodeActionsProvider({ language: ARTICLE_LANGUAGE }, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.other && editor.document.languageId === ARTICLE_LANGUAGE) void this.refresh(editor.document);
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paint()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.other && this.states.has(d.uri.toString())) void this.refresh(d);
      }),
    );
  }

  get active(): boolean {
    return this.other !== undefined;
  }

  /** Starts comparing with a folder or branch (asked when `options` names neither). */
  async start(options: CompareOptions = {}): Promise<ComparisonState | undefined> {
    let other: OtherAnnotator | undefined = options.folder ? { folder: options.folder } : options.branch ? { branch: options.branch } : undefined;
    other ??= await this.pickOther();
    if (!other) return undefined;
    this.other = other;
    this.curated = options.curated ?? this.curated;
    this.states.clear();
    this.diagnostics.clear();
    await vscode.commands.executeCommand('setContext', 'newsAnnotator.comparing', true);
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== ARTICLE_LANGUAGE) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Comparing with {0}: open an article to see the differences.', this.describe(other)));
      return undefined;
    }
    return this.refresh(editor.document);
  }

  stop(): void {
    this.other = undefined;
    this.states.clear();
    this.diagnostics.clear();
    this.paint();
    void vscode.commands.executeCommand('setContext', 'newsAnnotator.comparing', false);
  }

  private describe(other: OtherAnnotator): string {
    return 'folder' in other ? other.folder : vscode.l10n.t('branch {0}', other.branch);
  }

  private async pickOther(): Promise<OtherAnnotator | undefined> {
    const folderItem: vscode.QuickPickItem = { label: vscode.l10n.t('$(folder) A folder…'), description: vscode.l10n.t('another annotator’s copy of the corpus') };
    const branches = await this.branches();
    const items: vscode.QuickPickItem[] = [folderItem, ...branches.map((b) => ({ label: `$(git-branch) ${b}`, description: vscode.l10n.t('git branch') }))];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Compare annotations with…') });
    if (!picked) return undefined;
    if (picked === folderItem) {
      const uris = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Compare') });
      return uris?.[0] ? { folder: uris[0].fsPath } : undefined;
    }
    return { branch: picked.label.replace('$(git-branch) ', '') };
  }

  private branches(): Promise<string[]> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) return Promise.resolve([]);
    return new Promise((resolve) => {
      execFile('git', ['-C', folder, 'for-each-ref', '--format=%(refname:short)', 'refs/heads'], (err, stdout) =>
        resolve(err ? [] : stdout.split('\n').map((l) => l.trim()).filter(Boolean)),
      );
    });
  }

  async refresh(document: vscode.TextDocument): Promise<ComparisonState | undefined> {
    if (!this.other) return undefined;
    await this.source.ready;
    const state = await this.source.client.sendRequest<ComparisonState>(CompareAnnotationsRequest, {
      uri: document.uri.toString(),
      other: this.other,
      curated: this.curated,
    });
    this.show(state);
    return state;
  }

  private show(state: ComparisonState): void {
    this.states.set(state.uri, state);
    const uri = vscode.Uri.parse(state.uri);
    this.diagnostics.set(
      uri,
      state.disagreements.map((d) => {
        const message = d.decided ? `${kindMessage(d, state.otherName)} (${decidedNote(d.decided)})` : kindMessage(d, state.otherName);
        const diagnostic = new vscode.Diagnostic(toRange(d.range), message, d.decided ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Information);
        diagnostic.source = SOURCE;
        diagnostic.code = d.kind;
        return diagnostic;
      }),
    );
    for (const p of state.problems) void vscode.window.showWarningMessage(p);
    this.paint();
  }

  private paint(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const state = this.other ? this.states.get(editor.document.uri.toString()) : undefined;
      editor.setDecorations(
        this.theirsDecoration,
        (state?.theirs ?? []).map((t) => ({ range: toRange(t.range), hoverMessage: vscode.l10n.t('{0}: {1}', state!.otherName, t.label) })),
      );
    }
  }

  /** Open disagreements (undecided) of the active article, in text order. */
  private open(editor: vscode.TextEditor): WireDisagreement[] {
    return (this.states.get(editor.document.uri.toString())?.disagreements ?? []).filter((d) => !d.decided);
  }

  /** Selects the next (or previous) undecided disagreement after (before) the cursor and reveals it centred. */
  jump(direction: 1 | -1): WireDisagreement | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const list = this.open(editor);
    if (list.length === 0) {
      void vscode.window.showInformationMessage(this.other ? vscode.l10n.t('No open disagreements in this article.') : vscode.l10n.t('Run “Compare Annotations with…” first.'));
      return undefined;
    }
    const here = editor.selection.active;
    const ordered = direction === 1 ? list : [...list].reverse();
    const target =
      ordered.find((d) => (direction === 1 ? toRange(d.range).start.isAfter(here) : toRange(d.range).start.isBefore(editor.selection.start))) ?? ordered[0];
    const range = toRange(target.range);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    return target;
  }

  /** The disagreement at the cursor (or with `key`), decided with `choice` (asked when omitted). */
  async resolve(choice?: Choice, key?: string, label?: string): Promise<ComparisonState | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.other) return undefined;
    const state = this.states.get(editor.document.uri.toString());
    const here = editor.selection;
    const target = state?.disagreements.find((d) => (key ? d.key === key : toRange(d.range).intersection(here) !== undefined && !d.decided));
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No disagreement at the cursor.'));
      return undefined;
    }
    choice ??= await this.pickChoice();
    if (!choice) return undefined;
    let decision: Decision;
    if (choice === 'edit') {
      const selection = editor.selection.isEmpty ? toRange(target.range) : editor.selection;
      label ??= await vscode.window.showQuickPick(
        [...new Set([...target.mine, ...target.theirs].map((t) => t.label).concat(['PER', 'LOC', 'ORG', 'MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL', 'ORDINAL', 'DATE', 'TIME', 'DURATION']))],
        { title: vscode.l10n.t('Tag “{0}” as', editor.document.getText(selection)) },
      );
      if (!label) return undefined;
      const cp = (p: vscode.Position) => [...editor.document.getText(new vscode.Range(new vscode.Position(0, 0), p))].length;
      decision = { choice: 'edit', tags: [{ start: cp(selection.start), end: cp(selection.end), label }] };
    } else decision = { choice } as Decision;
    const curated = this.curated ?? (await this.pickCurated());
    if (!curated) return undefined;
    this.curated = curated;
    try {
      const next = await this.source.client.sendRequest<ComparisonState>(AdjudicateRequest, {
        uri: editor.document.uri.toString(),
        other: this.other,
        curated,
        key: target.key,
        decision,
      });
      this.show(next);
      return next;
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not record the decision: {0}', (err as Error).message));
      return undefined;
    }
  }

  private async pickChoice(): Promise<Choice | undefined> {
    const items: Array<vscode.QuickPickItem & { choice: Choice }> = [
      { label: vscode.l10n.t('Keep mine'), choice: 'mine' },
      { label: vscode.l10n.t('Keep theirs'), choice: 'theirs' },
      { label: vscode.l10n.t('Keep both'), choice: 'both' },
      { label: vscode.l10n.t('Tag the selection as…'), choice: 'edit' },
    ];
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Resolve the disagreement') }))?.choice;
  }

  private async pickCurated(): Promise<string | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const uris = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      defaultUri: root ? vscode.Uri.file(path.join(root, '..')) : undefined,
      openLabel: vscode.l10n.t('Write the curated set here'),
    });
    return uris?.[0]?.fsPath;
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const state = this.states.get(document.uri.toString());
    if (!state) return [];
    const out: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const d = state.disagreements.find((x) => toRange(x.range).isEqual(diagnostic.range) && !x.decided);
      if (!d) continue;
      const actions: Array<[string, Choice]> = [
        [vscode.l10n.t('Keep mine'), 'mine'],
        [vscode.l10n.t('Keep theirs'), 'theirs'],
        [vscode.l10n.t('Keep both'), 'both'],
        [vscode.l10n.t('Tag the selection as…'), 'edit'],
      ];
      for (const [title, choice] of actions) {
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { command: 'newsAnnotator.resolveDisagreement', title, arguments: [choice, d.key] };
        out.push(action);
      }
    }
    void range;
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function activateComparison(context: vscode.ExtensionContext, source: ClientSource): AnnotationComparison {
  const comparison = new AnnotationComparison(source);
  context.subscriptions.push(comparison);
  return comparison;
}
