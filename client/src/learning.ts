// Suggestions that learn (issue 14) in the editor: the status item for the suggestion model (what it learned from,
// its held-out score), Next Uncertain Suggestion across the whole corpus (lowest calibrated confidence first, as
// INCEpTION's active-learning sidebar and Prodigy's ner.teach serve them), the Corpus view's order by expected
// usefulness, and the commands that update the model from the user's tags and go back to the previous one.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DiscardNewModelRequest, LearningProgressNotification, ModelChangedNotification, ModelStatus, ModelStatusRequest,
  RevertModelRequest, UncertainSuggestion, UncertaintyRequest, UpdateModelRequest, UpdateModelResult, UseNewModelRequest,
  WireLabelScore,
} from '../../server/src/lsp/protocol';
import type { TaggingApi } from './tagging';
import { toRange } from './tagging/decorations';

export interface ClientSource {
  readonly client: LanguageClient;
  readonly ready: Promise<void>;
}

/** What a jump to the next uncertain suggestion found (for tests and tools). */
export interface UncertainJump extends UncertainSuggestion {
  /** Unreviewed name suggestions in the corpus at that moment. */
  remaining: number;
}

export interface LearningApi {
  readonly item: vscode.StatusBarItem;
  /** The last status the server sent. */
  status(): ModelStatus | undefined;
  refreshStatus(): Promise<ModelStatus | undefined>;
}

const pct = (x: number | undefined) => (x === undefined ? '–' : (x * 100).toFixed(1));

export function activateLearning(context: vscode.ExtensionContext, source: ClientSource, tagging: TaggingApi, output: vscode.LogOutputChannel): LearningApi {
  const item = vscode.window.createStatusBarItem('newsAnnotator.model', vscode.StatusBarAlignment.Left, 49);
  item.name = vscode.l10n.t('News Annotator: suggestion model');
  item.command = 'newsAnnotator.updateSuggestionModel';
  let last: ModelStatus | undefined;
  let hooked: LanguageClient | undefined;
  let progressListener: ((p: { done: number; total: number; stage: string }) => void) | undefined;

  const client = async (): Promise<LanguageClient> => {
    await source.ready;
    const c = source.client;
    if (c !== hooked) {
      hooked = c;
      context.subscriptions.push(
        c.onNotification(ModelChangedNotification, (s: ModelStatus) => show(s)),
        c.onNotification(LearningProgressNotification, (p) => progressListener?.(p)),
      );
    }
    return c;
  };

  const show = (s: ModelStatus): void => {
    last = s;
    const learned = s.kind === 'workspace'
      ? vscode.l10n.t('model: {0} tags · F1 {1}', s.tagsLearned, pct(s.heldOutF1))
      : vscode.l10n.t('shipped model');
    item.text = `$(mortar-board) ${learned} · ${vscode.l10n.t('{0} tags recalled', s.lexiconTags)}`;
    const lines = [
      s.kind === 'workspace'
        ? vscode.l10n.t('Suggestions come from a model adapted to this workspace: trained on {0} tags of {1} documents, held-out F1 {2} on {3} reviewed documents ({4}).',
          s.tagsLearned, s.documentsLearned, pct(s.heldOutF1), s.heldOutDocuments, s.createdAt ?? '')
        : vscode.l10n.t('Suggestions come from the shipped model (not adapted to this workspace yet).'),
      vscode.l10n.t('While you tag: the text of {0} tags is suggested where it recurs; {1} rejected suggestions are not suggested again.', s.lexiconTags, s.rejections),
      vscode.l10n.t('Click to update the suggestions from your tags.'),
    ];
    item.tooltip = lines.join('\n');
    item.accessibilityInformation = { label: `${item.text.replace(/\$\([^)]*\)\s*/, '')}. ${lines.join(' ')}` };
    item.show();
  };

  const refreshStatus = async (): Promise<ModelStatus | undefined> => {
    try {
      const c = await client();
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      show(await c.sendRequest(ModelStatusRequest, { uri }));
    } catch (err) {
      output.warn(`Suggestion model status: ${(err as Error).message}`);
    }
    return last;
  };

  // ---- Next Uncertain Suggestion ----------------------------------------------------------------------------------

  /** Suggestions already shown by this command in this session, skipped next time (as "skip" in Prodigy). */
  const visited = new Set<string>();
  const keyOf = (s: UncertainSuggestion) => `${s.uri}|${s.start}|${s.end}|${s.label}`;

  const nextUncertain = async (): Promise<UncertainJump | undefined> => {
    const c = await client();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Finding the least certain suggestion…') },
      () => c.sendRequest(UncertaintyRequest, { limit: 500 }),
    );
    corpusUsefulness = result.documents;
    if (!result.suggestions.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No unreviewed name suggestions in the workspace.'));
      return undefined;
    }
    let next = result.suggestions.find((s) => !visited.has(keyOf(s)));
    if (!next) {
      visited.clear();
      next = result.suggestions[0];
    }
    visited.add(keyOf(next));
    const uri = vscode.Uri.parse(next.uri);
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const state = await tagging.tagging.refresh(uri);
    const wire = state.suggestions.find((s) => s.start === next!.start && s.end === next!.end && s.label === next!.label);
    if (wire) {
      const r = toRange(wire.range);
      editor.selection = new vscode.Selection(r.end, r.start);
      editor.revealRange(r, vscode.TextEditorRevealType.InCenter);
    }
    void vscode.window.setStatusBarMessage(
      vscode.l10n.t('{0} "{1}": confidence {2} (lowest first; {3} name suggestions unreviewed)', next.label, next.text, next.confidence.toFixed(2), result.suggestions.length),
      5000,
    );
    return { ...next, remaining: result.suggestions.length };
  };

  // ---- the Corpus view's order ---------------------------------------------------------------------------------

  let corpusUsefulness: { uri: string; uncertain: number; doubt: number; suggestions: number }[] | undefined;
  let byUsefulness = false;
  let usefulnessTimer: NodeJS.Timeout | undefined;
  const applyOrder = async (): Promise<void> => {
    if (!byUsefulness) {
      tagging.corpus.setUsefulness(undefined);
      return;
    }
    const c = await client();
    const result = await c.sendRequest(UncertaintyRequest, { limit: 0 });
    corpusUsefulness = result.documents;
    tagging.corpus.setUsefulness(new Map(result.documents.map((d) => [d.uri, d])));
  };
  const setOrder = async (useful: boolean) => {
    byUsefulness = useful;
    await vscode.commands.executeCommand('setContext', 'newsAnnotator.corpusByUsefulness', useful);
    await vscode.window.withProgress(
      { location: { viewId: 'newsAnnotator.corpus' }, title: vscode.l10n.t('Ordering the corpus by uncertain suggestions…') },
      applyOrder,
    );
    return tagging.corpus.articles.map((a) => a.uri.toString());
  };

  // ---- updating the model ----------------------------------------------------------------------------------------

  /** `choice` (scripts, tests): what to do with a model shown no worse, without asking. */
  const update = async (args?: { choice?: 'use' | 'keep' }): Promise<UpdateModelResult & { choice?: 'use' | 'keep' } | undefined> => {
    const preset = args?.choice === 'use' || args?.choice === 'keep' ? args.choice : undefined;
    const c = await client();
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Updating suggestions from your tags'), cancellable: true },
      async (progress, token) => {
        let reported = 0;
        progressListener = (p) => {
          const share = p.total > 0 ? Math.round((100 * p.done) / p.total) : 0;
          progress.report({ message: `${p.stage} ${p.done}/${p.total}`, increment: Math.max(0, share - reported) });
          reported = Math.max(reported, share);
        };
        try {
          return await c.sendRequest(UpdateModelRequest, { uri }, token);
        } catch (err) {
          if (token.isCancellationRequested) return undefined;
          throw err;
        } finally {
          progressListener = undefined;
        }
      },
    );
    if (!result) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Update cancelled; the suggestion model is unchanged.'));
      return undefined;
    }
    for (const p of result.problems) output.warn(`${p.file}: ${p.message}`);
    const table = comparison(result.before, result.after);
    output.info(`Update from tags: ${result.tagsLearned} tags, ${result.documentsLearned} documents, ${result.heldOutDocuments} held out, ${result.seconds.toFixed(1)} s\n${table}`);
    if (!result.accepted) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The new model is not used: {0}', result.reason ?? ''),
        { modal: !preset, detail: table || undefined },
      );
      return result;
    }
    const use = vscode.l10n.t('Use the New Model');
    const keep = vscode.l10n.t('Keep the Old');
    const choice = preset ? (preset === 'use' ? use : keep) : await vscode.window.showInformationMessage(
      vscode.l10n.t('New model trained on {0} tags of {1} documents in {2} s. F1 on {3} held-out reviewed documents, old → new:', result.tagsLearned, result.documentsLearned, result.seconds.toFixed(1), result.heldOutDocuments),
      { modal: true, detail: table },
      use, keep,
    );
    if (choice === use) {
      show(await c.sendRequest(UseNewModelRequest, { uri }));
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Suggestions now come from the new model'), 4000);
      return { ...result, choice: 'use' };
    }
    show(await c.sendRequest(DiscardNewModelRequest, { uri }));
    return { ...result, choice: 'keep' };
  };

  const revert = async (): Promise<ModelStatus | undefined> => {
    const c = await client();
    const status = await c.sendRequest(RevertModelRequest, { uri: vscode.window.activeTextEditor?.document.uri.toString() });
    show(status);
    void vscode.window.showInformationMessage(
      status.kind === 'workspace'
        ? vscode.l10n.t('Suggestions come from the previous workspace model again ({0} tags).', status.tagsLearned)
        : vscode.l10n.t('Suggestions come from the shipped model again.'),
    );
    return status;
  };

  const guard = <T>(fn: () => Promise<T>) => async (): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('News Annotator: {0}', (err as Error).message));
      return undefined;
    }
  };

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand('newsAnnotator.nextUncertainSuggestion', guard(nextUncertain)),
    vscode.commands.registerCommand('newsAnnotator.sortCorpusByUsefulness', guard(() => setOrder(true))),
    vscode.commands.registerCommand('newsAnnotator.sortCorpusByName', guard(() => setOrder(false))),
    vscode.commands.registerCommand('newsAnnotator.updateSuggestionModel', (args?: { choice?: 'use' | 'keep' }) => guard(() => update(args))()),
    vscode.commands.registerCommand('newsAnnotator.revertSuggestionModel', guard(revert)),
    // for tests and tools: the suggestion model's status as the server reports it now
    vscode.commands.registerCommand('newsAnnotator.modelStatus', refreshStatus),
    // while the Corpus view is ordered by usefulness, decisions re-order it (a pause after the last one)
    tagging.tagging.onDidChangeState(() => {
      if (!byUsefulness) return;
      clearTimeout(usefulnessTimer);
      usefulnessTimer = setTimeout(() => void applyOrder().catch(() => undefined), 1500);
    }),
    { dispose: () => clearTimeout(usefulnessTimer) },
  );
  void refreshStatus();
  return { item, status: () => last, refreshStatus };
}

/** Per label, old → new F1 (percent) and the change, one line each. */
export function comparison(before: WireLabelScore[], after: WireLabelScore[]): string {
  const labels = [...new Set([...before, ...after].map((s) => s.label))];
  return labels
    .map((label) => {
      const b = before.find((s) => s.label === label);
      const a = after.find((s) => s.label === label);
      const delta = a && b ? (a.f1 - b.f1) * 100 : undefined;
      const sign = delta === undefined ? '' : ` (${delta >= 0 ? '+' : ''}${delta.toFixed(1)})`;
      return `${label}: ${pct(b?.f1)} → ${pct(a?.f1)}${sign}`;
    })
    .join('\n');
}
