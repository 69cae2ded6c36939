// The News Annotator extension: starts the language server over IPC for news articles (.news files and plain-text
// articles, see articleFiles.ts), and adds the restart/output commands and the document-date status item.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_NODE_ARGS, type DocumentDateInfo } from '../../server/src/lsp/protocol';
import { ARTICLE_LANGUAGE, ArticleFiles } from './articleFiles';
import { DocumentDateStatus } from './documentDateStatus';
import { DocumentDateAsk } from './documentDateAsk';
import { TaggingApi, activateTagging } from './tagging';
import { activateExport } from './export';
import { AnnotationComparison, activateComparison } from './comparison';
import { LearningApi, activateLearning } from './learning';

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface NewsAnnotatorApi {
  /** The running language client (replaced on restart). */
  readonly client: LanguageClient;
  /** Resolves when the current client has started. */
  readonly ready: Promise<void>;
  readonly status: DocumentDateStatus;
  /** Asks once for the date of an article without one. */
  readonly dateAsk: DocumentDateAsk;
  readonly articles: ArticleFiles;
  readonly output: vscode.LogOutputChannel;
  /** Tagging in the editor (client/src/tagging). */
  readonly tagging: TaggingApi;
  /** Compare Annotations with… and adjudication (client/src/comparison.ts). */
  readonly comparison: AnnotationComparison;
  /** Suggestions that learn: the model status item, uncertainty order, model updates (client/src/learning.ts). */
  readonly learning: LearningApi;
  /** When activate() began and when the first language server answered initialize (Date.now(); for measurements). */
  readonly timings: { readonly activatedAt: number; readonly serverReadyAt?: number };
  restart(): Promise<void>;
}

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  // the language client adds these to the extension host's environment
  const env = { ...SERVER_ENV };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS], env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'], env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: ARTICLE_LANGUAGE },
      { scheme: 'untitled', language: ARTICLE_LANGUAGE },
    ],
    outputChannel: output,
    initializationOptions: { l10nBundle: vscode.l10n.bundle ?? {} },
  };
  return new LanguageClient('newsAnnotator', 'News Annotator', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<NewsAnnotatorApi> {
  const timings: { activatedAt: number; serverReadyAt?: number } = { activatedAt: Date.now() };
  const output = vscode.window.createOutputChannel('News Annotator', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  let ready = client.start();
  ready.then(() => (timings.serverReadyAt = Date.now())).catch(() => undefined);
  ready.catch((err) => output.error(`The language server did not start: ${(err as Error).message}`));

  const status = new DocumentDateStatus(() => client!, output);
  const articles = new ArticleFiles(output);
  context.subscriptions.push(status, articles);
  const dateAsk = new DocumentDateAsk(context.workspaceState, (uri, date) => status.setDocumentDate(uri, date));
  status.onNoDate = (document) => void dateAsk.maybeAsk(document);

  const restart = async (): Promise<void> => {
    output.info('Restarting the language server');
    if (client) {
      await client.stop().catch((err) => output.warn(`Stopping the server: ${(err as Error).message}`));
    }
    client = createClient(context, output);
    ready = client.start();
    await ready;
    status.schedule(0);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('newsAnnotator.restartServer', restart),
    vscode.commands.registerCommand('newsAnnotator.showOutput', () => output.show(true)),
    vscode.commands.registerCommand(
      'newsAnnotator.setDocumentDate',
      (uri?: vscode.Uri | string, date?: string): Promise<DocumentDateInfo | undefined> => status.setDocumentDate(uri, date),
    ),
    vscode.commands.registerCommand('newsAnnotator.chooseDocumentDate', async (uri?: vscode.Uri | string) => {
      const target = uri ? vscode.Uri.parse(uri.toString()) : vscode.window.activeTextEditor?.document.uri;
      const document = target ? await vscode.workspace.openTextDocument(target) : undefined;
      return document ? dateAsk.pick(document) : undefined;
    }),
    { dispose: () => void client?.stop() },
  );

  ready.then(
    () => status.schedule(0),
    () => undefined,
  );

  // Further client features hook in here, one line each.
  const tagging = activateTagging(context, { get client() { return client!; }, get ready() { return ready; } });
  activateExport(context, { get client() { return client!; }, get ready() { return ready; } }, output);
  const comparison = activateComparison(context, { get client() { return client!; }, get ready() { return ready; } });
  const learning = activateLearning(context, { get client() { return client!; }, get ready() { return ready; } }, tagging, output);

  return {
    get client() {
      return client!;
    },
    get ready() {
      return ready;
    },
    status,
    dateAsk,
    articles,
    output,
    tagging,
    comparison,
    learning,
    timings,
    restart,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
