// The status bar item for the active article: its tags, its unreviewed suggestions and whether it is reviewed
// in words (click: mark reviewed); also shows quick mode's fixed label. Tooltips and screen-reader labels are plain
// localised text.
import * as vscode from 'vscode';
import type { TaggingClient } from './taggingClient';
import type { TaggingCommands } from './commands';
import { ARTICLE_LANGUAGE } from './commands';

export class TaggingStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('newsAnnotator.tagging', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly tagging: TaggingClient, private readonly commands: TaggingCommands) {
    this.item.name = vscode.l10n.t('News Annotator: tags');
    this.disposables.push(
      this.item,
      tagging.onDidChangeState(() => this.update()),
      commands.onDidChangeQuickMode(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.languageId === ARTICLE_LANGUAGE && !tagging.get(e.document.uri)) {
          void tagging.refresh(e.document.uri).catch(() => undefined);
        }
        this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const state = doc && doc.languageId === ARTICLE_LANGUAGE ? this.tagging.get(doc.uri) : undefined;
    if (!state) {
      this.item.hide();
      return;
    }
    const quick = this.commands.quickLabel;
    const parts = [
      vscode.l10n.t('{0} tags', state.tags.length),
      vscode.l10n.t('{0} suggestions', state.suggestions.length),
      state.mismatches.length ? vscode.l10n.t('{0} misplaced', state.mismatches.length) : '',
      state.reviewed ? vscode.l10n.t('reviewed') : vscode.l10n.t('not reviewed'),
      quick ? vscode.l10n.t('quick: {0}', quick) : '',
    ].filter(Boolean);
    this.item.text = `$(tag) ${parts.join(' · ')}`;
    const tooltip = [
      vscode.l10n.t('{0} confirmed tags, {1} unreviewed suggestions', state.tags.length, state.suggestions.length),
      state.mismatches.length ? vscode.l10n.t('{0} tags do not match the text (run "Re-anchor Tags")', state.mismatches.length) : '',
      state.reviewed ? vscode.l10n.t('File reviewed') : vscode.l10n.t('Click to mark the file as reviewed'),
      quick ? vscode.l10n.t('Quick tagging with {0}: select text, then release the mouse or press Enter', quick) : '',
    ].filter(Boolean);
    this.item.tooltip = tooltip.join('\n');
    this.item.accessibilityInformation = { label: `${parts.join(', ')}. ${tooltip.slice(1).join('. ')}` };
    this.item.command = 'newsAnnotator.markReviewed';
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
