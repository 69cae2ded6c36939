// The client end of tagging: sends operations to the language server, keeps the last state of each article (pushed
// by the server or returned by an operation) and tells the views when it changes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  TaggingOp,
  TaggingOpRequest,
  TaggingOpResult,
  TaggingState,
  TaggingStateNotification,
  TaggingStatePatch,
  TaggingStatePatchNotification,
  TaggingStateRequest,
  applySuggestionsPatch,
} from '../../../server/src/lsp/protocol';

export class TaggingClient implements vscode.Disposable {
  private readonly states = new Map<string, TaggingState>();
  private readonly emitter = new vscode.EventEmitter<TaggingState>();
  /** Fires after the state of an article changed (and after every operation). */
  readonly onDidChangeState = this.emitter.event;
  private hooked: LanguageClient | undefined;
  private hook: vscode.Disposable | undefined;
  private patchHook: vscode.Disposable | undefined;

  constructor(private readonly client: () => LanguageClient, private readonly ready: () => Promise<void>) {}

  /** The last known state of an article. */
  get(uri: vscode.Uri | string): TaggingState | undefined {
    return this.states.get(uri.toString());
  }

  all(): TaggingState[] {
    return [...this.states.values()];
  }

  forget(uri: vscode.Uri | string): void {
    this.states.delete(uri.toString());
  }

  /** Asks the server for an article's state (opening it there if needed). */
  async refresh(uri: vscode.Uri): Promise<TaggingState> {
    const c = await this.started();
    const state = await c.sendRequest(TaggingStateRequest, { uri: uri.toString() });
    this.update(state);
    return state;
  }

  /** Runs one operation on an article; the returned state is already applied to the views when this resolves. */
  async run(uri: vscode.Uri, op: TaggingOp): Promise<TaggingOpResult> {
    const c = await this.started();
    const result = await c.sendRequest(TaggingOpRequest, { uri: uri.toString(), op });
    this.update(result.state);
    return result;
  }

  private async started(): Promise<LanguageClient> {
    await this.ready();
    const c = this.client();
    if (c !== this.hooked) {
      // a restarted server is a new client: listen to its pushes
      this.hook?.dispose();
      this.patchHook?.dispose();
      this.hook = c.onNotification(TaggingStateNotification, (state: TaggingState) => this.update(state));
      this.patchHook = c.onNotification(TaggingStatePatchNotification, (patch: TaggingStatePatch) => this.patch(patch));
      this.hooked = c;
    }
    return c;
  }

  /** Starts listening to the server's pushes (call once the client is ready, and after a restart). */
  async listen(): Promise<void> {
    await this.started();
  }

  private update(state: TaggingState): void {
    const previous = this.states.get(state.uri);
    // a push for an older version than what an operation already returned is stale
    if (previous && previous.version > state.version) return;
    this.states.set(state.uri, state);
    this.emitter.fire(state);
  }

  /** A pushed change of the state this client has; without that state (a push was skipped), the whole state is
   *  asked for. */
  private patch(patch: TaggingStatePatch): void {
    const base = this.states.get(patch.uri);
    if (!base || base.seq !== patch.baseSeq) {
      this.refresh(vscode.Uri.parse(patch.uri)).catch(() => undefined);
      return;
    }
    const { baseSeq: _base, suggestionsPatch, ...rest } = patch;
    this.update({ ...rest, suggestions: applySuggestionsPatch(base.suggestions, suggestionsPatch) });
  }

  dispose(): void {
    this.hook?.dispose();
    this.patchHook?.dispose();
    this.emitter.dispose();
  }
}
