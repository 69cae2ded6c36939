// Suggestions that learn (issue 14) over the protocol: the model in use and what online adaptation learned (status
// item), updating the model from the workspace's tags (server/src/learning: a worker thread, progress, cancel, the
// held-out comparison; the new model is used only once the user chooses it), going back, and the corpus-wide
// uncertainty order (Next Uncertain Suggestion, the Corpus view's usefulness order).
//
// One model for the server: the workspace model of the first workspace folder (`.news-annotator/model/ner.bin`), else
// the shipped one. The learning core stores an accepted model at once (the old one becomes the previous); until the
// user chooses "Use the New Model" the entity worker keeps the old one, and "Keep the Old" swaps the two back
// (revertWorkspaceModel), so the declined model is the one "Revert to the Previous Suggestion Model" brings back.
import * as path from 'path';
import { ResponseError } from 'vscode-languageserver/node';
import type { CancellationToken } from 'vscode-languageserver/node';
import { modelPath } from '../ner/entities';
import {
  LabelScores, LearningInputError, StoredModelInfo, revertWorkspaceModel, updateModelFromWorkspace, workspaceModelFile, workspaceModelInfo,
} from '../learning';
import { CorpusUncertainty } from './corpusUncertainty';
import type { EntityPool } from './entityPool';
import { filePathOf } from './documentAnalysis';
import {
  DiscardNewModelRequest, LearningProgressNotification, ModelChangedNotification, ModelChoiceParams, ModelStatus,
  ModelStatusRequest, RevertModelRequest, UncertaintyParams, UncertaintyRequest, UpdateModelParams, UpdateModelRequest,
  UpdateModelResult, UseNewModelRequest, WireLabelScore,
} from './learningProtocol';
import type { ServerContext } from './serverContext';
import type { SuggestionLearning } from './suggestionLearning';
import type { TaggingService } from './tagging';

export interface LearningHost {
  context: ServerContext;
  tagging: TaggingService;
  learning: SuggestionLearning;
  entityPool: EntityPool;
  /** Drops every cached analysis (entities of the old model). */
  clearAnalyses(): void;
}

export class LearningService {
  readonly uncertainty: CorpusUncertainty;
  /** The model file the entity worker uses ('' for the shipped model), and a count of switches (cache key). */
  private model = '';
  private generation = 0;
  /** What the store said about the model in use when it was chosen (undefined: the shipped model). */
  private inUse: StoredModelInfo | undefined;
  /** A workspace folder whose update stored a model the user has not chosen yet. */
  private pending: string | undefined;
  private updating = false;

  constructor(private readonly host: LearningHost) {
    const { context } = host;
    this.uncertainty = new CorpusUncertainty({
      roots: () => context.workspaceRoots(),
      settings: (uri) => context.settings(uri),
      entities: (texts) => host.entityPool.recognise(texts),
      model: () => `${this.generation}:${this.model}`,
      learning: host.learning,
      tagging: host.tagging,
    });
    host.learning.onDidUpdate(() => this.notify());
  }

  /** The workspace folder a request is about: the one holding `uri`, else the first. */
  rootFor(uri?: string): string | undefined {
    const roots = this.host.context.workspaceRoots();
    const file = uri ? filePathOf(uri) : undefined;
    return (file && roots.filter((r) => file.startsWith(r)).sort((a, b) => b.length - a.length)[0]) || roots[0];
  }

  status(params: ModelChoiceParams = {}): ModelStatus {
    const root = this.rootFor(params.uri);
    const memory = this.host.learning.forPath(root ? path.join(root, 'article') : undefined).memory;
    const info = this.inUse;
    const stored = root ? workspaceModelInfo(root) : undefined;
    return {
      kind: info ? 'workspace' : 'shipped',
      path: this.model || modelPath(),
      tagsLearned: info?.tagsLearned ?? 0,
      documentsLearned: info?.documentsLearned ?? 0,
      heldOutF1: info?.heldOutF1,
      heldOutDocuments: info?.heldOutDocuments ?? 0,
      createdAt: info?.createdAt,
      canRevert: !!stored || (!!root && !!workspaceModelFile(root)),
      lexiconTags: memory.tagCount(),
      rejections: memory.rejected().length,
    };
  }

  /** The workspace folders changed (or the server started): the first folder's model is used. */
  rootsChanged(): void {
    // as server.ts's reloadEntityModel: the first folder that has a model, else the first folder
    const roots = this.host.context.workspaceRoots();
    const root = roots.find((r) => workspaceModelFile(r)) ?? roots[0];
    this.pending = undefined;
    const file = root ? workspaceModelFile(root) : undefined;
    this.inUse = root && file ? workspaceModelInfo(root) : undefined;
    if ((file ?? '') === this.model) return;
    this.model = file ?? '';
    this.generation++;
    this.host.entityPool.useModel(file);
  }

  /** Switches the entity worker to the model file (reloaded even when the path is the same), then recomputes. */
  private async apply(root: string): Promise<void> {
    const file = workspaceModelFile(root);
    this.inUse = file ? workspaceModelInfo(root) : undefined;
    this.model = file ?? '';
    this.generation++;
    // the worker keeps the recogniser of the last path it loaded: an empty task with the shipped model drops it, so a
    // swapped file under the same path is read again
    this.host.entityPool.useModel(undefined);
    await this.host.entityPool.recognise([]);
    this.host.entityPool.useModel(file);
    this.host.context.reloadEntityModel();
    this.host.clearAnalyses();
    await this.host.tagging.modelChanged();
    this.host.context.refreshSemanticTokens();
    this.notify();
  }

  /** Trains and compares in a worker (server/src/learning); an accepted model waits for use() or discard(). */
  async update(params: UpdateModelParams, token?: CancellationToken): Promise<UpdateModelResult> {
    const root = this.rootFor(params.uri);
    const t = this.host.context.t;
    if (!root) throw new ResponseError(-32602, t('Open a workspace folder to learn from its tags.'));
    if (this.updating) throw new ResponseError(-32602, t('An update is already running.'));
    if (this.pending) await this.discard({ uri: params.uri });
    this.updating = true;
    this.host.tagging.flush(); // the core reads the .ann files: what the editor holds goes to disk first
    const abort = new AbortController();
    const cancel = token?.onCancellationRequested(() => abort.abort());
    try {
      const r = await updateModelFromWorkspace({
        root,
        signal: abort.signal,
        onProgress: (p) => void this.host.context.connection.sendNotification(LearningProgressNotification, p),
      });
      if (r.accepted) this.pending = root;
      // tags written outside the editor since the lexicon was read (an import) are learned online too
      void this.host.learning.rescan(this.host.learning.forPath(path.join(root, 'article')));
      return {
        accepted: r.accepted,
        reason: r.reason,
        before: wire(r.before),
        after: wire(r.after),
        tagsLearned: r.tagsLearned,
        rejectionsLearned: r.rejectionsLearned,
        documentsLearned: r.documentsLearned,
        heldOutDocuments: r.heldOutDocuments,
        seconds: r.seconds,
        problems: r.problems.map((p) => ({ file: p.file, message: p.message })),
      };
    } catch (err) {
      if (abort.signal.aborted) throw new ResponseError(-32800, t('The update was cancelled; the suggestion model is unchanged.'));
      if (err instanceof LearningInputError) throw new ResponseError(-32602, (err as Error).message);
      throw new ResponseError(-32603, t('The update failed: {0}', (err as Error).message));
    } finally {
      cancel?.dispose();
      this.updating = false;
    }
  }

  /** Uses the model the last update stored. */
  async use(params: ModelChoiceParams): Promise<ModelStatus> {
    const root = this.pending ?? this.rootFor(params.uri);
    this.pending = undefined;
    if (root) await this.apply(root);
    return this.status(params);
  }

  /** Keeps the model in use: the stored new one and the old one swap back. */
  async discard(params: ModelChoiceParams): Promise<ModelStatus> {
    const root = this.pending;
    this.pending = undefined;
    if (root) await revertWorkspaceModel(root);
    return this.status(params);
  }

  /** Goes back to the previous model (or the shipped one) and recomputes the suggestions. */
  async revert(params: ModelChoiceParams): Promise<ModelStatus> {
    if (this.pending) await this.discard(params);
    const root = this.rootFor(params.uri);
    if (!root || !(await revertWorkspaceModel(root))) {
      throw new ResponseError(-32602, this.host.context.t('There is no previous suggestion model to go back to: suggestions come from the shipped model.'));
    }
    await this.apply(root);
    return this.status(params);
  }

  /** Tells the client the status changed (a few at a time: one notification per burst). */
  private timer: NodeJS.Timeout | undefined;
  notify(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.host.context.connection.sendNotification(ModelChangedNotification, this.status());
    }, 200);
  }
}

export function registerLearning(host: LearningHost): LearningService {
  const service = new LearningService(host);
  const { connection } = host.context;
  connection.onRequest(ModelStatusRequest, (params: ModelChoiceParams) => service.status(params));
  connection.onRequest(UncertaintyRequest, (params: UncertaintyParams) => service.uncertainty.compute(params.limit ?? 200));
  connection.onRequest(UpdateModelRequest, (params: UpdateModelParams, token) => service.update(params, token));
  connection.onRequest(UseNewModelRequest, (params: ModelChoiceParams) => service.use(params));
  connection.onRequest(DiscardNewModelRequest, (params: ModelChoiceParams) => service.discard(params));
  connection.onRequest(RevertModelRequest, (params: ModelChoiceParams) => service.revert(params));
  return service;
}

function wire(scores: LabelScores): WireLabelScore[] {
  return scores.map((s) => ({ label: s.label, precision: s.precision, recall: s.recall, f1: s.f1, tp: s.tp, fp: s.fp, fn: s.fn }));
}
