// Tagging in the editor: commands and keys, decorations, the Annotations and Corpus views, the status bar item,
// diagnostics and code actions. The language server keeps the annotations and writes the .ann files.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TaggingClient } from './taggingClient';
import { TagDecorations, chooseLabelDisplay } from './decorations';
import { TaggingCommands } from './commands';
import { AnnotationsView, revealTag } from './annotationsView';
import { CorpusView } from './corpusView';
import { TaggingStatus } from './statusBar';
import { TaggingDiagnostics } from './tagDiagnostics';
import { TaggingCodeActions } from './codeActions';

export interface TaggingApi {
  readonly tagging: TaggingClient;
  readonly decorations: TagDecorations;
  readonly commands: TaggingCommands;
  readonly corpus: CorpusView;
  readonly status: TaggingStatus;
}

/** The language client may be replaced on restart: pass how to get the current one and its start promise. */
export interface ClientSource {
  readonly client: LanguageClient;
  readonly ready: Promise<void>;
}

export function activateTagging(context: vscode.ExtensionContext, source: ClientSource): TaggingApi {
  const tagging = new TaggingClient(() => source.client, () => source.ready);
  const decorations = new TagDecorations(tagging);
  const commands = new TaggingCommands(tagging);
  const annotations = new AnnotationsView(tagging);
  const corpus = new CorpusView(tagging);
  const status = new TaggingStatus(tagging, commands);
  const diagnostics = new TaggingDiagnostics(tagging);
  const codeActions = new TaggingCodeActions(tagging);
  context.subscriptions.push(
    tagging, decorations, commands, annotations, corpus, status, diagnostics, codeActions,
    vscode.commands.registerCommand('newsAnnotator.chooseLabelDisplay', (mode?: 'colour' | 'confirmed' | 'all') => chooseLabelDisplay(mode)),
    vscode.commands.registerCommand('newsAnnotator.revealTag', (uri: string, start: number, end: number) => revealTag(uri, start, end)),
    vscode.workspace.onDidCloseTextDocument((d) => tagging.forget(d.uri)),
    // for tests and tools: the ranges last painted for an article, per "kind|label"
    vscode.commands.registerCommand('newsAnnotator.taggingDecorations', (uri: string) => {
      const painted = decorations.painted.get(uri);
      return painted ? Object.fromEntries([...painted].map(([k, ranges]) => [k, ranges.map((r) => [r.start.line, r.start.character, r.end.line, r.end.character])])) : undefined;
    }),
  );
  // a restarted language server is a new client: listen to its pushes and fetch the visible articles again
  let known = source.client;
  const watchRestart = setInterval(() => {
    if (source.client === known) return;
    known = source.client;
    void source.ready.then(() => refreshVisible(), () => undefined);
  }, 1000);
  context.subscriptions.push({ dispose: () => clearInterval(watchRestart) });
  const refreshVisible = async () => {
    await tagging.listen();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.languageId === 'news-article') void tagging.refresh(editor.document.uri).catch(() => undefined);
    }
  };
  void tagging.listen().then(
    () => {
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document.languageId === 'news-article') void tagging.refresh(editor.document.uri).catch(() => undefined);
      }
    },
    () => undefined,
  );
  return { tagging, decorations, commands, corpus, status };
}
