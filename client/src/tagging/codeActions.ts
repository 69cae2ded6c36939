// Code actions on the span under the cursor: accept or reject a suggestion, relabel or remove a tag, grow or shrink
// it, and re-anchor tags that no longer match the text.
import * as vscode from 'vscode';
import type { TaggingClient } from './taggingClient';
import { ARTICLE_LANGUAGE, suggestionUnder, tagUnder } from './commands';

export class TaggingCodeActions implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.Refactor];
  private readonly registration: vscode.Disposable;

  constructor(private readonly tagging: TaggingClient) {
    this.registration = vscode.languages.registerCodeActionsProvider({ language: ARTICLE_LANGUAGE }, this, {
      providedCodeActionKinds: TaggingCodeActions.kinds,
    });
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const state = this.tagging.get(document.uri);
    if (!state || state.version !== document.version) return [];
    const offset = document.offsetAt(range instanceof vscode.Selection ? range.active : range.start);
    const args = { uri: document.uri.toString(), offset };
    const out: vscode.CodeAction[] = [];
    const action = (title: string, command: string, kind = vscode.CodeActionKind.QuickFix, extra: object = {}) => {
      const a = new vscode.CodeAction(title, kind);
      a.command = { title, command, arguments: [{ ...args, ...extra }] };
      out.push(a);
      return a;
    };
    const s = suggestionUnder(state, offset, document);
    if (s) {
      action(vscode.l10n.t('Accept suggestion {0} "{1}"', s.label, s.text), 'newsAnnotator.acceptSuggestion').isPreferred = true;
      action(vscode.l10n.t('Reject suggestion {0} "{1}"', s.label, s.text), 'newsAnnotator.rejectSuggestion');
    }
    const t = tagUnder(state, offset, document);
    if (t) {
      action(vscode.l10n.t('Relabel tag {0} "{1}"…', t.label, t.text), 'newsAnnotator.relabelTag');
      action(vscode.l10n.t('Remove tag {0} "{1}"', t.label, t.text), 'newsAnnotator.removeTag');
      action(vscode.l10n.t('Grow tag by one character at the end'), 'newsAnnotator.growTagEnd', vscode.CodeActionKind.Refactor);
      action(vscode.l10n.t('Shrink tag by one character at the end'), 'newsAnnotator.shrinkTagEnd', vscode.CodeActionKind.Refactor);
      action(vscode.l10n.t('Grow tag by one character at the start'), 'newsAnnotator.growTagStart', vscode.CodeActionKind.Refactor);
      action(vscode.l10n.t('Shrink tag by one character at the start'), 'newsAnnotator.shrinkTagStart', vscode.CodeActionKind.Refactor);
    }
    if (context.diagnostics.some((d) => d.code === 'tag-mismatch')) {
      const a = action(vscode.l10n.t('Re-anchor tags to the nearest occurrence of their text'), 'newsAnnotator.reanchorTags');
      a.diagnostics = context.diagnostics.filter((d) => d.code === 'tag-mismatch');
    }
    return out;
  }

  dispose(): void {
    this.registration.dispose();
  }
}
