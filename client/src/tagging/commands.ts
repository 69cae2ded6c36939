// The tagging commands. Each works on the active article editor, or on `{ uri, offset }` / `{ uri, start, end }`
// arguments (code actions, the tree view, tests). Every command resolves to the server's TaggingOpResult after the
// .ann is on disk and the new state is applied, or to undefined when there was nothing to act on.
import * as vscode from 'vscode';
import type { LabelDefinition } from '../../../server/src/lsp/protocol';
import type { TaggingOp, TaggingOpResult, TaggingState } from '../../../server/src/lsp/protocol';
import type { TaggingClient } from './taggingClient';
import { toRange } from './decorations';

export const ARTICLE_LANGUAGE = 'news-article';

/** Arguments commands accept besides the active editor. */
export interface TargetArgs {
  uri?: string | vscode.Uri;
  /** UTF-16 document offset (cursor). */
  offset?: number;
  /** UTF-16 document offsets (selection). */
  start?: number;
  end?: number;
  label?: string;
  /** 1-based position of the label in the schema (the direct keys Ctrl+Alt+1..9). */
  index?: number;
}

interface Target {
  uri: vscode.Uri;
  editor?: vscode.TextEditor;
  document: vscode.TextDocument;
  offset: number;
  start: number;
  end: number;
}

export class TaggingCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** The fixed label of quick mode, or undefined when quick mode is off. */
  quickLabel: string | undefined;
  private quickTimer: NodeJS.Timeout | undefined;
  private readonly quickEmitter = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeQuickMode = this.quickEmitter.event;
  /**
   * Per article: how many tagging operations were made since its text last changed, and how many of them were
   * undone. While the last change to an article was a tagging operation, Ctrl+Z undoes it (context key
   * newsAnnotator.undoIsTagging) and Ctrl+Shift+Z / Ctrl+Y redoes it (newsAnnotator.redoIsTagging).
   */
  private readonly tagHistory = new Map<string, { undoable: number; redoable: number }>();
  /** The span "Next/Previous Suggestion" selected last (bulk commands treat it as no selection). */
  private jumpSelection: { uri: string; start: number; end: number } | undefined;

  constructor(private readonly tagging: TaggingClient) {
    const reg = (id: string, fn: (args: TargetArgs) => Promise<unknown>) =>
      this.disposables.push(vscode.commands.registerCommand(id, (args?: unknown) => this.guard(() => fn(normalise(args)))));
    reg('newsAnnotator.tagSelection', (a) => this.tagSelection(a));
    reg('newsAnnotator.tagAs', (a) => this.tagAs(a));
    reg('newsAnnotator.toggleQuickMode', (a) => this.toggleQuickMode(a));
    reg('newsAnnotator.acceptSuggestion', (a) => this.atCursor(a, 'accept'));
    reg('newsAnnotator.acceptAll', (a) => this.acceptAll(a, false));
    reg('newsAnnotator.acceptAllOfLabel', (a) => this.acceptAll(a, true));
    reg('newsAnnotator.rejectSuggestion', (a) => this.atCursor(a, 'reject'));
    reg('newsAnnotator.rejectAll', (a) => this.rejectAll(a));
    reg('newsAnnotator.removeTag', (a) => this.atCursor(a, 'remove'));
    reg('newsAnnotator.relabelTag', (a) => this.relabel(a));
    reg('newsAnnotator.growTagEnd', (a) => this.resize(a, 'end', 1));
    reg('newsAnnotator.shrinkTagEnd', (a) => this.resize(a, 'end', -1));
    reg('newsAnnotator.growTagStart', (a) => this.resize(a, 'start', 1));
    reg('newsAnnotator.shrinkTagStart', (a) => this.resize(a, 'start', -1));
    reg('newsAnnotator.nextSuggestion', (a) => this.jump(a, 1));
    reg('newsAnnotator.previousSuggestion', (a) => this.jump(a, -1));
    reg('newsAnnotator.markReviewed', (a) => this.markReviewed(a));
    reg('newsAnnotator.undoTagging', (a) => this.simple(a, { op: 'undo' }));
    reg('newsAnnotator.redoTagging', (a) => this.simple(a, { op: 'redo' }));
    reg('newsAnnotator.reanchorTags', (a) => this.simple(a, { op: 'reanchor' }, true));
    reg('newsAnnotator.taggingState', (a) => this.state(a));
    this.disposables.push(
      vscode.commands.registerCommand('newsAnnotator.revealRange', (uri: string, range: vscode.Range) => this.reveal(uri, range)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.quickSelection(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || e.document.languageId !== ARTICLE_LANGUAGE) return;
        this.tagHistory.delete(e.document.uri.toString());
        this.updateUndoContext();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateUndoContext()),
      this.quickEmitter,
    );
    this.updateUndoContext();
  }

  /** Whether Ctrl+Z / Ctrl+Shift+Z go to tagging in the active article (the context keys' values). */
  undoContext(): { undoIsTagging: boolean; redoIsTagging: boolean } {
    const doc = vscode.window.activeTextEditor?.document;
    const h = doc ? this.tagHistory.get(doc.uri.toString()) : undefined;
    const state = doc ? this.tagging.get(doc.uri) : undefined;
    return {
      undoIsTagging: !!h && h.undoable > 0 && state?.canUndo !== false,
      redoIsTagging: !!h && h.redoable > 0 && state?.canRedo !== false,
    };
  }

  private updateUndoContext(): void {
    const c = this.undoContext();
    void vscode.commands.executeCommand('setContext', 'newsAnnotator.undoIsTagging', c.undoIsTagging);
    void vscode.commands.executeCommand('setContext', 'newsAnnotator.redoIsTagging', c.redoIsTagging);
  }

  private recordHistory(uri: vscode.Uri, op: TaggingOp, result: TaggingOpResult): void {
    if (!result.ok || !result.changed || op.op === 'next' || op.op === 'reanchor') return;
    const key = uri.toString();
    const h = this.tagHistory.get(key) ?? { undoable: 0, redoable: 0 };
    if (op.op === 'undo') {
      h.undoable = Math.max(0, h.undoable - 1);
      h.redoable++;
    } else if (op.op === 'redo') {
      h.redoable = Math.max(0, h.redoable - 1);
      h.undoable++;
    } else {
      h.undoable++;
      h.redoable = 0;
    }
    this.tagHistory.set(key, h);
    this.updateUndoContext();
  }

  private async guard(fn: () => Promise<unknown>): Promise<unknown> {
    try {
      return await fn();
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('News Annotator: {0}', (err as Error).message));
      return undefined;
    }
  }

  private target(args: TargetArgs, quiet = false): Target | undefined {
    let editor: vscode.TextEditor | undefined;
    let document: vscode.TextDocument | undefined;
    if (args.uri) {
      const uri = args.uri.toString();
      editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      document = editor?.document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    } else {
      editor = vscode.window.activeTextEditor;
      document = editor?.document;
    }
    if (!document || document.languageId !== ARTICLE_LANGUAGE) {
      if (!quiet) void vscode.window.showInformationMessage(vscode.l10n.t('Open a news article to tag it.'));
      return undefined;
    }
    const sel = editor?.selection;
    const offset = args.offset ?? (sel ? document.offsetAt(sel.active) : 0);
    const start = args.start ?? (sel ? document.offsetAt(sel.start) : offset);
    const end = args.end ?? (sel ? document.offsetAt(sel.end) : offset);
    return { uri: document.uri, editor, document, offset, start, end };
  }

  private async labels(uri: vscode.Uri): Promise<LabelDefinition[]> {
    const state = this.tagging.get(uri) ?? (await this.tagging.refresh(uri));
    return state.labels;
  }

  /** Runs an operation and tells the user when it did nothing. */
  private async run(t: Target, op: TaggingOp, announce = false): Promise<TaggingOpResult> {
    const result = await this.tagging.run(t.uri, op);
    this.recordHistory(t.uri, op, result);
    if (!result.ok && result.message) void vscode.window.showWarningMessage(result.message);
    else if (announce && result.message) void vscode.window.showInformationMessage(result.message);
    if (result.state.storageError) void vscode.window.showErrorMessage(result.state.storageError);
    return result;
  }

  /** A quick pick of the labels; typing a label's key picks it at once. */
  async pickLabel(uri: vscode.Uri, title: string, current?: string): Promise<string | undefined> {
    const labels = await this.labels(uri);
    const items = labels.map((l) => ({
      label: l.name,
      description: l.key ? `[${l.key}]` : undefined,
      detail: undefined as string | undefined,
      picked: l.name === current,
    }));
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<(typeof items)[number]>();
      qp.title = title;
      qp.placeholder = vscode.l10n.t('Type a label key or name');
      qp.items = items;
      let done = false;
      const finish = (value: string | undefined) => {
        if (done) return;
        done = true;
        resolve(value);
        qp.dispose();
      };
      qp.onDidChangeValue((v) => {
        const byKey = labels.find((l) => l.key && l.key === v);
        if (byKey) finish(byKey.name);
      });
      qp.onDidAccept(() => finish(qp.selectedItems[0]?.label ?? qp.activeItems[0]?.label));
      qp.onDidHide(() => finish(undefined));
      qp.show();
    });
  }

  private async tagSelection(args: TargetArgs): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    if (t.start === t.end) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to tag first.'));
      return undefined;
    }
    const label = args.label ?? this.quickLabel ?? (await this.pickLabel(t.uri, vscode.l10n.t('Tag the selection as…')));
    if (!label) return undefined;
    const result = await this.run(t, { op: 'tag', start: t.start, end: t.end, label });
    // quick mode: the next selection starts where this one ended (Enter tags a keyboard selection)
    if (this.quickLabel && result.ok && t.editor && args.start === undefined) {
      const end = t.document.positionAt(t.end);
      t.editor.selection = new vscode.Selection(end, end);
    }
    return result;
  }

  /** Tags the selection with a label given by name or by its 1-based position in the schema (direct keys). */
  private async tagAs(args: TargetArgs): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    let label = args.label;
    if (!label && args.index !== undefined) {
      const labels = await this.labels(t.uri);
      label = labels[args.index - 1]?.name;
      if (!label) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The label schema has no label number {0}.', args.index));
        return undefined;
      }
    }
    return this.tagSelection({ ...args, label });
  }

  private async toggleQuickMode(args: TargetArgs): Promise<string | undefined> {
    if (this.quickLabel && !args.label) {
      this.setQuick(undefined);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Quick tagging off'), 2000);
      return undefined;
    }
    const t = this.target(args);
    if (!t) return undefined;
    const label = args.label ?? (await this.pickLabel(t.uri, vscode.l10n.t('Quick tagging: label for every selection')));
    if (!label) return undefined;
    this.setQuick(label);
    return label;
  }

  private setQuick(label: string | undefined): void {
    this.quickLabel = label;
    void vscode.commands.executeCommand('setContext', 'newsAnnotator.quickMode', label !== undefined);
    this.quickEmitter.fire(label);
  }

  /**
   * In quick mode a selection made with the mouse (or a double click) is tagged once it stops changing; a keyboard
   * selection (Shift+arrows, Ctrl+Shift+arrows) is tagged when Enter is pressed (keybinding → tagSelection).
   */
  private quickSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.quickLabel || e.kind !== vscode.TextEditorSelectionChangeKind.Mouse) return;
    if (e.textEditor.document.languageId !== ARTICLE_LANGUAGE || e.selections.length !== 1 || e.selections[0].isEmpty) return;
    clearTimeout(this.quickTimer);
    const doc = e.textEditor.document;
    const sel = e.selections[0];
    this.quickTimer = setTimeout(() => {
      const label = this.quickLabel;
      if (!label || !e.textEditor.selection.isEqual(sel)) return;
      const [start, end] = [doc.offsetAt(sel.start), doc.offsetAt(sel.end)];
      void this.guard(() => this.run(
        { uri: doc.uri, document: doc, editor: e.textEditor, offset: start, start, end },
        { op: 'tag', start, end, label },
      ));
    }, 350);
  }

  private async atCursor(args: TargetArgs, op: 'accept' | 'reject' | 'remove'): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    return this.run(t, { op, offset: t.offset });
  }

  private async acceptAll(args: TargetArgs, askLabel: boolean): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    let label = args.label;
    if (askLabel && !label) {
      label = await this.pickLabel(t.uri, vscode.l10n.t('Accept all suggestions of the label…'));
      if (!label) return undefined;
    }
    const whole = t.start === t.end || this.isJumpSelection(t);
    const result = await this.run(t, {
      op: 'acceptAll', start: whole ? undefined : t.start, end: whole ? undefined : t.end, label,
    });
    if (result.ok) {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Accepted {0} suggestion(s)', result.count ?? 0), 3000);
    }
    return result;
  }

  private async rejectAll(args: TargetArgs): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    const whole = t.start === t.end || this.isJumpSelection(t);
    return this.run(t, { op: 'rejectAll', start: whole ? undefined : t.start, end: whole ? undefined : t.end, label: args.label });
  }

  /** The selection is the span the last jump selected (so "accept all" means the file, not that one span). */
  private isJumpSelection(t: Target): boolean {
    const j = this.jumpSelection;
    return !!j && j.uri === t.uri.toString() && j.start === t.start && j.end === t.end;
  }

  private async relabel(args: TargetArgs): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    const state = this.tagging.get(t.uri) ?? (await this.tagging.refresh(t.uri));
    const under = tagUnder(state, t.offset, t.document);
    if (!under) {
      void vscode.window.showWarningMessage(vscode.l10n.t('There is no tag at the cursor.'));
      return undefined;
    }
    const label = args.label ?? (await this.pickLabel(t.uri, vscode.l10n.t('Relabel "{0}" as…', under.text), under.label));
    if (!label) return undefined;
    return this.run(t, { op: 'relabel', offset: t.offset, label });
  }

  private async resize(args: TargetArgs, edge: 'start' | 'end', delta: 1 | -1): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    return this.run(t, { op: 'resize', offset: t.offset, edge, delta });
  }

  private async jump(args: TargetArgs, direction: 1 | -1): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    const result = await this.run(t, { op: 'next', offset: t.offset, direction });
    if (result.target && t.editor) {
      const r = toRange(result.target);
      // the whole span is selected (the caret at its start, where accept/reject look) and shown in the middle
      t.editor.selection = new vscode.Selection(r.end, r.start);
      t.editor.revealRange(r, vscode.TextEditorRevealType.InCenter);
      this.jumpSelection = { uri: t.uri.toString(), start: t.document.offsetAt(r.start), end: t.document.offsetAt(r.end) };
    }
    return result;
  }

  private async markReviewed(args: TargetArgs & { reviewed?: boolean; pending?: 'accept' | 'leave' }): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    const state = this.tagging.get(t.uri) ?? (await this.tagging.refresh(t.uri));
    const reviewed = args.reviewed ?? !state.reviewed;
    if (reviewed && state.suggestions.length > 0) {
      // from a key, the menu or the status item it asks; a caller passing `reviewed` (tools, tests) may pass `pending`
      const pending = args.pending ?? (args.reviewed !== undefined ? 'leave' : await askPendingSuggestions(state));
      if (!pending) return undefined;
      if (pending === 'accept') {
        const accepted = await this.run(t, { op: 'acceptAll' });
        if (!accepted.ok) return accepted;
      }
    }
    const result = await this.run(t, { op: 'markReviewed', reviewed });
    void vscode.window.setStatusBarMessage(
      reviewed ? vscode.l10n.t('File marked as reviewed') : vscode.l10n.t('File marked as not reviewed'), 3000,
    );
    return result;
  }

  private async simple(args: TargetArgs, op: TaggingOp, announce = false): Promise<TaggingOpResult | undefined> {
    const t = this.target(args);
    if (!t) return undefined;
    return this.run(t, op, announce);
  }

  /** The state of an article (for tests and tools). */
  private async state(args: TargetArgs): Promise<TaggingState | undefined> {
    const t = this.target(args, true);
    if (!t) return undefined;
    return this.tagging.refresh(t.uri);
  }

  private async reveal(uri: string, range: vscode.Range): Promise<void> {
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.quickTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** What marking an article with unreviewed suggestions as reviewed does to them: asked in a modal dialog. */
async function askPendingSuggestions(state: TaggingState): Promise<'accept' | 'leave' | undefined> {
  const accept = vscode.l10n.t('Accept All {0} and Mark Reviewed', state.suggestions.length);
  const leave = vscode.l10n.t('Leave Them and Mark Reviewed');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} suggestions in this article are not reviewed yet.', state.suggestions.length),
    {
      modal: true,
      detail: vscode.l10n.t(
        'An export of confirmed tags only will contain this article\'s {0} confirmed tags; its {1} unreviewed suggestions will be left out unless you accept them.',
        state.tags.length, state.suggestions.length,
      ),
    },
    accept, leave,
  );
  return choice === accept ? 'accept' : choice === leave ? 'leave' : undefined;
}

/** The smallest tag under a UTF-16 offset, using the last state (ranges are in positions). */
export function tagUnder(state: TaggingState, offset: number, document: vscode.TextDocument) {
  return smallestUnder(state.tags, offset, document);
}

export function suggestionUnder(state: TaggingState, offset: number, document: vscode.TextDocument) {
  return smallestUnder(state.suggestions, offset, document);
}

function smallestUnder<T extends { range: { start: { line: number; character: number }; end: { line: number; character: number } } }>(
  items: T[], offset: number, doc: vscode.TextDocument,
): T | undefined {
  const spans = items.map((i) => ({ i, s: doc.offsetAt(toRange(i.range).start), e: doc.offsetAt(toRange(i.range).end) }));
  const inside = spans.filter((x) => x.s <= offset && offset < x.e);
  const pool = inside.length ? inside : spans.filter((x) => x.e === offset);
  return pool.sort((a, b) => a.e - a.s - (b.e - b.s))[0]?.i;
}

function normalise(args: unknown): TargetArgs {
  // commands run from menus get the resource URI as argument
  if (args instanceof vscode.Uri) return { uri: args };
  if (typeof args === 'number') return { index: args };
  if (typeof args === 'string') return { label: args };
  return (args && typeof args === 'object' ? args : {}) as TargetArgs;
}
