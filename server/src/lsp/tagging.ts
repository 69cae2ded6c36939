// Tagging over the protocol: one DocumentAnnotations per open article, kept in step with the editor's text, written
// to `article.ann` / `article.review.json` on every change, reloaded when those change outside, and pushed to the
// client (custom notification, LSP ranges). Operations arrive as a custom request. Only converts between the
// annotation core (code points) and the protocol (UTF-16 positions).
import * as fs from 'fs';
import { sep } from 'path';
import { ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_LABELS, SPAN_VALUE_KEYS, Span } from '../core/types';
import { DocumentAnnotations, OpResult, msg } from '../annotations/documentAnnotations';
import { ArticleFiles, findSchemaFile, readTextIfExists, writeAtomic } from '../annotations/annStorage';
import { LabelSchema, SchemaProblem, defaultSchema, parseSchema } from '../annotations/labelSchema';
import { tagIntegrity } from '../checks/tagIntegrity';
import { AnnTag, valuesOf } from '../annotations/annFile';
import {
  DocumentUriParams,
  SuggestionsPatch,
  TaggingOp,
  TaggingOpParams,
  TaggingOpRequest,
  TaggingOpResult,
  TaggingState,
  TaggingStateNotification,
  TaggingStatePatch,
  TaggingStatePatchNotification,
  TaggingStateRequest,
  WireProblem,
  WireRange,
  WireSuggestion,
} from '../annotations/taggingProtocol';
import { DocumentView, filePathOf } from './documentAnalysis';
import type { ServerContext } from './serverContext';
import type { SuggestionLearning, WorkspaceMemory } from './suggestionLearning';
import type { AdaptedSpan } from '../annotations/suggestionMemory';
import { diffSuggestionSteps, diffSuggestions } from '../annotations/taggingStatePatch';
import { SegmentRecord, recordSegments, segmentPatch } from './suggestionSegments';

const KNOWN_LABELS: ReadonlySet<string> = new Set(ALL_LABELS);
/** Delay after the last keystroke before the .ann is rewritten and the client gets the new state. */
const EDIT_DEBOUNCE_MS = 150;
/** Wire suggestions made between two turns of the event loop when a state is built after a pause in typing. */
const SUGGESTION_SLICE = 2000;
/** Lets the event loop read and answer what arrived (setImmediate: after pending I/O). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface SchemaInfo {
  schema: LabelSchema;
  path?: string;
  problems: (WireProblem & { template: string; args: (string | number)[] })[];
}

interface Session {
  uri: string;
  store: DocumentAnnotations;
  files?: ArticleFiles;
  schema: SchemaInfo;
  /** Document version whose machine spans the store holds. */
  machineVersion: number;
  writtenRevision: number;
  storageError?: string;
  /** Set while the .ann cannot be read: nothing is written over it and operations are refused. */
  blocked?: string;
  /** A review sidecar that did not parse: its text, copied to `.broken` before the first rewrite. */
  brokenReview?: string;
  /** Hashes of the texts this article had while open (to recognise discarded edits on close). */
  seen: Set<number>;
  timer?: NodeJS.Timeout;
  /**
   * The analysis' spans before online adaptation, and the document version they belong to (a function: a view's
   * list is made when first asked for; it throws once the document changed, and rawVersion says so first).
   */
  raw: () => readonly Span[];
  rawVersion: number;
  /** newsAnnotator.suggestions.learnFromTags for this article. */
  learnFromTags: boolean;
  /** The workspace memory of rejections and tagged strings (suggestionLearning.ts); undefined without one. */
  memory?: WorkspaceMemory;
  /** The last adaptation of token spans (same input array and memory revision: same answer). */
  tokenCache?: { input: readonly Span[]; revision: number; learn: boolean; text: string; output: readonly Span[] };
  /** The last state sent to the client (pushed or answered), pushes after it are patches of it. */
  sent?: TaggingState;
  /**
   * The suggestions the client has after the last state sent, when the server knows them as a list: a patch made
   * from segments (suggestionSegments.ts) leaves the list to the client. Without it the next push is a whole state.
   */
  sentList?: readonly WireSuggestion[];
  /** The analysis view whose spans the store holds (no adaptation), and the document version it is of. */
  view?: DocumentView;
  viewVersion: number;
  /** The segments the client's suggestions were made from (suggestionSegments.ts), when they were. */
  segments?: SegmentRecord;
}

/** Numbers the states sent, across articles and sessions (a reopened article never reuses a number). */
let sentStates = 0;

const MAX_SEEN = 5000;

/** FNV-1a over UTF-16 code units, with the length: enough to recognise a text seen before. */
function textHash(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function remember(session: Session, text: string): void {
  if (session.seen.size >= MAX_SEEN) session.seen.delete(session.seen.values().next().value as number);
  session.seen.add(textHash(text));
}

/** The part of the server context tagging needs (so the benchmark and tests can drive it without a connection). */
export type TaggingHost = Pick<ServerContext, 'documents' | 'analysis' | 't'> &
  Partial<Pick<ServerContext, 'connection' | 'setConfirmedSpans' | 'refreshSemanticTokens' | 'workspaceRoots' | 'settings' | 'completeView'>>;

export class TaggingService {
  private readonly sessions = new Map<string, Session>();
  private readonly schemaCache = new Map<string, { stamp: string; info: SchemaInfo }>();

  constructor(private readonly host: TaggingHost, private readonly learning?: SuggestionLearning) {
    learning?.onDidChange((entry) => this.readapt(entry));
  }

  /** Starts tracking an article: reads its .ann and sidecar, watches them. */
  async open(document: TextDocument): Promise<Session> {
    const existing = this.sessions.get(document.uri);
    if (existing) return existing;
    const path = filePathOf(document.uri);
    const schema = this.schemaFor(path);
    let files: ArticleFiles | undefined;
    let read: ReturnType<ArticleFiles['read']> = {};
    if (path && !/\.(ann|json)$/i.test(path)) {
      files = new ArticleFiles(path);
      read = files.read();
    }
    const store = new DocumentAnnotations(document.getText(), read.ann, read.review, schema.schema);
    const session: Session = {
      uri: document.uri, store, files, schema, machineVersion: -1, writtenRevision: store.revision, seen: new Set(),
      raw: () => [], rawVersion: -1, viewVersion: -1, learnFromTags: true, memory: this.learning?.forPath(path),
    };
    remember(session, document.getText());
    if (read.annError) session.blocked = this.blockedMessage(read.annError);
    if (read.reviewError) session.storageError = read.reviewError;
    if (read.review !== undefined && store.reviewErrors.length) session.brokenReview = read.review;
    this.sessions.set(document.uri, session);
    if (session.memory && !session.blocked) this.noteTags(session);
    files?.watch((changes) => this.outsideChange(session, changes));
    await this.refreshMachine(session);
    this.write(session);
    this.push(session);
    return session;
  }

  /** The editor changed the text: tags follow at once; writing and pushing wait for a pause in typing. */
  change(document: TextDocument): void {
    const session = this.sessions.get(document.uri);
    if (!session) return;
    // (the text is remembered after the pause and when saved, not per keystroke: hashing a long article each time
    // cost milliseconds; what close() looks for is a text that was on disk, and the editor says when it saves)
    session.store.setText(document.getText());
    clearTimeout(session.timer);
    session.timer = setTimeout(() => void this.settle(session), EDIT_DEBOUNCE_MS);
  }

  /** The editor saved the article: its text is on disk now (close() recognises it when later edits are discarded). */
  saved(document: TextDocument): void {
    const session = this.sessions.get(document.uri);
    if (session) remember(session, document.getText());
  }

  /**
   * The editor closed the article. If its edits were discarded, the text on disk is one the editor had earlier but not
   * its last: the tags are moved back to it (the same edit tracking, in reverse) before the final write. A text on disk
   * the editor never had (changed outside, or read with another encoding) is left alone: the .ann keeps the offsets of
   * the editor's text, and the next opening reports any mismatch.
   */
  close(uri: string): void {
    const session = this.sessions.get(uri);
    if (!session) return;
    clearTimeout(session.timer);
    this.sessions.delete(uri);
    session.files?.dispose();
    if (session.files) {
      try {
        const disk = readTextIfExists(session.files.articlePath);
        const text = disk?.replace(/^\ufeff/, '');
        if (text !== undefined && text !== session.store.text && session.seen.has(textHash(text))) session.store.setText(text);
      } catch {
        // the article cannot be read back: keep the offsets of the editor's text
      }
      this.write(session);
    }
  }

  dispose(): void {
    for (const uri of [...this.sessions.keys()]) this.close(uri);
  }

  /**
   * Writes what is pending (edits within the debounce delay) without closing anything: for the server's exit, when
   * unsaved editor text may come back through hot exit, so offsets stay those of the editor's text.
   */
  flush(): void {
    for (const session of this.sessions.values()) {
      clearTimeout(session.timer);
      this.write(session);
    }
  }

  /** Current state of an article for the client. */
  async state(uri: string): Promise<TaggingState> {
    const session = await this.sessionFor(uri);
    await this.refreshMachine(session);
    this.refreshSchema(session);
    return this.sending(session, this.buildState(session));
  }

  /** Runs one operation, writes the files and returns the new state (and timings). */
  async run(params: TaggingOpParams): Promise<TaggingOpResult> {
    const session = await this.sessionFor(params.uri);
    const document = this.host.documents.get(params.uri)!;
    if (session.blocked && params.op.op !== 'next') {
      return { ok: false, changed: false, message: session.blocked, state: this.sending(session, this.buildState(session)), timings: { apply: 0, write: 0, state: 0 } };
    }
    clearTimeout(session.timer);
    await this.refreshMachine(session);
    const t0 = performance.now();
    const before = session.memory ? decisions(session.store) : undefined;
    const { result, target } = this.apply(session, document, params.op);
    if (before && result.changed) this.learnFrom(session, before, params.op.op === 'undo');
    const t1 = performance.now();
    this.write(session);
    const t2 = performance.now();
    const state = this.sending(session, this.buildState(session));
    const t3 = performance.now();
    if (result.changed) this.host.refreshSemanticTokens?.();
    return {
      ok: result.ok,
      changed: result.changed,
      message: result.localisable
        ? this.host.t(result.localisable.template, ...result.localisable.args)
        : result.message,
      target,
      count: result.count,
      state,
      timings: { apply: t1 - t0, write: t2 - t1, state: t3 - t2 },
    };
  }

  /** Confirmed tags of an article (code points), for the semantic tokens' `confirmed` modifier. */
  confirmedSpans(uri: string): Pick<Span, 'start' | 'end' | 'label'>[] {
    const session = this.sessions.get(uri);
    if (!session) return [];
    return session.store.tags().filter((t) => KNOWN_LABELS.has(t.label)) as Pick<Span, 'start' | 'end' | 'label'>[];
  }

  /** An open article's review flag and current suggestions (code points); undefined when it is not open. */
  openState(uri: string): { reviewed: boolean; suggestions: Span[] } | undefined {
    const session = this.sessions.get(uri);
    return session && { reviewed: session.store.reviewed, suggestions: session.store.suggestions() };
  }

  /** The entity model changed: every open article's suggestions are recomputed from a new analysis. */
  async modelChanged(): Promise<void> {
    for (const session of [...this.sessions.values()]) {
      session.machineVersion = -1;
      session.rawVersion = -1;
      await this.settle(session);
    }
  }

  /** The stored tags of an open article (code points, with their values); undefined when it is not open. */
  storedTags(uri: string): AnnTag[] | undefined {
    return this.sessions.get(uri)?.store.tags();
  }

  /**
   * Whether visibleSuggestions(uri, spans) can differ from `spans`: learned adaptations or rejections in the
   * workspace memory, rejected suggestions in the article, or a schema without some of the labels. When it cannot,
   * the server encodes the suggestions' tokens paragraph by paragraph (lsp/semanticTokens.ts).
   */
  filtersSuggestions(uri: string): boolean {
    const session = this.sessions.get(uri);
    if (!session) return false;
    if (session.memory?.memory.adapts(session.learnFromTags)) return true;
    if (session.store.rejected().length > 0) return true;
    const labels = new Set(session.schema.schema.labels.map((l) => l.name));
    return ALL_LABELS.some((l) => !labels.has(l));
  }

  /**
   * Machine spans minus the rejected suggestions and labels outside the schema, plus what the workspace learned
   * (online adaptation), for the semantic tokens.
   */
  visibleSuggestions(uri: string, spans: readonly Span[]): readonly Span[] {
    const session = this.sessions.get(uri);
    if (!session) return spans;
    spans = this.adaptTokens(session, spans);
    const labels = new Set(session.schema.schema.labels.map((l) => l.name));
    const keys = new Set(session.store.rejected().map((r) => `${r.start}:${r.end}:${r.label}`));
    if (keys.size === 0) return spans.every((s) => labels.has(s.label)) ? spans : spans.filter((s) => labels.has(s.label));
    return spans.filter((s) => labels.has(s.label) && !keys.has(`${s.start}:${s.end}:${s.label}`));
  }

  /** The client's view of an article (exported for the benchmark). */
  buildState(session: Session): TaggingState {
    const build = this.stateBuilder(session);
    return build.finish(build.suggestions().map(build.wire));
  }

  /**
   * buildState() in slices: the store's suggestions and their wire form (tens of thousands in a long article, each
   * with its line and character) are made SUGGESTION_SLICE at a time, the event loop running in between, so a token
   * or hover request that arrives meanwhile is answered at once instead of after the whole state. Gives undefined as
   * soon as `current()` is false between two slices (a newer edit or another push came: the state would be stale).
   */
  private async buildStateSliced(session: Session, current: () => boolean): Promise<TaggingState | undefined> {
    await nextTurn();
    if (!current()) return undefined;
    const build = this.stateBuilder(session);
    const steps = session.store.suggestionSteps();
    while (steps.step(SUGGESTION_SLICE)) {
      await nextTurn();
      if (!current()) return undefined;
    }
    const all = steps.result();
    const wire = new Array<WireSuggestion>(all.length);
    for (let i = 0; i < all.length; i += SUGGESTION_SLICE) {
      await nextTurn();
      if (!current()) return undefined;
      const end = Math.min(all.length, i + SUGGESTION_SLICE);
      for (let j = i; j < end; j++) wire[j] = build.wire(all[j]);
    }
    await nextTurn();
    if (!current()) return undefined;
    return build.finish(wire);
  }

  /** What buildState() needs: the store's suggestions, how one becomes a wire suggestion, and the rest of the state. */
  private stateBuilder(session: Session): {
    suggestions: () => ReturnType<DocumentAnnotations['suggestions']>;
    wire: (s: ReturnType<DocumentAnnotations['suggestions']>[number]) => WireSuggestion;
    finish: (suggestions: WireSuggestion[]) => TaggingState;
  } {
    const document = this.host.documents.get(session.uri);
    const store = session.store;
    const map = store.offsets;
    const length = map.codePointLength;
    const pos = (cp: number) => {
      const u = map.toUtf16(Math.min(cp, length));
      return document ? document.positionAt(u) : { line: 0, character: u };
    };
    const range = (s: number, e: number): WireRange => ({ start: pos(s), end: pos(e) });
    const tags = store.tags().map((t) => ({ ...t, range: range(t.start, t.end) }));
    // Built field by field (object spreads here cost about half of building the state of a long article).
    const wire = (s: ReturnType<DocumentAnnotations['suggestions']>[number]): WireSuggestion => {
      const w = { key: s.key, label: s.label, text: s.text, start: s.start, end: s.end } as WireSuggestion;
      for (const k of SPAN_VALUE_KEYS) if (s[k] !== undefined) (w as any)[k] = s[k];
      w.range = range(s.start, s.end);
      if ((s as AdaptedSpan).learned) w.learned = (s as AdaptedSpan).learned;
      return w;
    };
    const finish = (suggestions: WireSuggestion[]): TaggingState => {
      const mismatches = store.mismatches().map((m) => ({
        id: m.tag.id, label: m.tag.label, text: m.tag.text, start: m.tag.start, end: m.tag.end,
        message: this.host.t(m.localisable.template, ...m.localisable.args),
        range: range(Math.min(m.tag.start, length), Math.min(Math.max(m.tag.end, m.tag.start), length)),
      }));
      return {
        uri: session.uri,
        version: document?.version ?? 0,
        annPath: session.files?.annPath,
        reviewPath: session.files?.reviewPath,
        reviewed: store.reviewed,
        tags,
        suggestions,
        mismatches,
        // default severities; the client applies newsAnnotator.diagnostics.rules
        integrity: tagIntegrity<WireRange>({ tags, suggestions, mismatches, labels: session.schema.schema.labels, reviewed: store.reviewed }),
        labels: session.schema.schema.labels,
        schemaPath: session.schema.path,
        schemaProblems: session.schema.problems.map((p) => ({ message: this.host.t(p.template, ...p.args), range: p.range })),
        annErrors: store.annErrors,
        reviewErrors: store.reviewErrors,
        canUndo: store.canUndo(),
        canRedo: store.canRedo(),
        storageError: session.blocked ?? session.storageError,
        unavailable: session.files ? undefined : this.host.t('Only files on disk can be tagged (the tags are stored beside the file).'),
      };
    };
    return { suggestions: () => store.suggestions(), wire, finish };
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  /** Numbers a state about to be sent to the client and remembers it (the base of the next push's patch). */
  private sending(session: Session, state: TaggingState, fromSegments?: SegmentRecord): TaggingState {
    state.seq = ++sentStates;
    session.sent = state;
    if (fromSegments) {
      session.sentList = undefined;
      session.segments = fromSegments;
    } else {
      session.sentList = state.suggestions;
      session.segments = this.segmentsOf(session, state.suggestions);
    }
    return state;
  }

  /** The segments a whole state's suggestions came from, when they came from the current view's spans unchanged. */
  private segmentsOf(session: Session, suggestions: readonly WireSuggestion[]): SegmentRecord | undefined {
    const current = this.viewHeld(session);
    if (!current) return undefined;
    const { document, view } = current;
    try {
      return recordSegments(view, suggestions, session.store.offsets.codePointLength, session.store.marks(), (u) => document.positionAt(u));
    } catch {
      return undefined; // the view is of an older text
    }
  }

  /**
   * After a pause in typing: the state and the patch of the suggestions made from the segments the edit changed
   * (suggestionSegments.ts), when the last state sent was made from the same view's segments.
   */
  private segmentState(session: Session): { state: TaggingState; patch: SuggestionsPatch; record: SegmentRecord } | undefined {
    const current = this.viewHeld(session);
    const prev = session.segments;
    const store = session.store;
    if (!current || !prev || !session.sent || store.reviewed) return undefined;
    const { document, view } = current;
    const build = this.stateBuilder(session);
    try {
      const made = segmentPatch(prev, view, store.offsets.codePointLength, store.marks(), (u) => document.positionAt(u), (spans) => store.suggestionsOf(spans), build.wire);
      return made && { state: build.finish([]), patch: made.patch, record: made.record };
    } catch {
      return undefined; // the view is of an older text
    }
  }

  private async sessionFor(uri: string): Promise<Session> {
    const existing = this.sessions.get(uri);
    if (existing) return existing;
    const document = this.host.documents.get(uri);
    if (!document) throw new ResponseError(-32602, this.host.t('The document {0} is not open in the News Annotator server', uri));
    return this.open(document);
  }

  private apply(session: Session, document: TextDocument, op: TaggingOp): { result: OpResult; target?: WireRange } {
    const store = session.store;
    const map = store.offsets;
    const cp = (u: number) => map.toCodePoint(Math.max(0, Math.min(u, map.utf16Length)));
    const rangeOf = (s: { start: number; end: number }): WireRange => ({
      start: document.positionAt(map.toUtf16(s.start)),
      end: document.positionAt(map.toUtf16(s.end)),
    });
    this.refreshSchema(session);
    let result: OpResult;
    switch (op.op) {
      case 'tag':
        result = store.tag(cp(op.start), cp(op.end), op.label);
        break;
      case 'accept':
        result = store.accept(cp(op.offset));
        break;
      case 'acceptAll':
        result = store.acceptAll({
          start: op.start === undefined ? undefined : cp(op.start),
          end: op.end === undefined ? undefined : cp(op.end),
          label: op.label,
        });
        break;
      case 'reject':
        result = store.reject(cp(op.offset));
        break;
      case 'rejectAll':
        result = store.rejectAll({
          start: op.start === undefined ? undefined : cp(op.start),
          end: op.end === undefined ? undefined : cp(op.end),
          label: op.label,
        });
        break;
      case 'remove':
        result = store.remove(cp(op.offset));
        break;
      case 'relabel':
        result = store.relabel(cp(op.offset), op.label);
        break;
      case 'resize':
        result = store.resize(cp(op.offset), op.edge, op.delta);
        break;
      case 'markReviewed':
        result = store.setReviewed(op.reviewed);
        break;
      case 'undo':
        result = store.undo();
        break;
      case 'redo':
        result = store.redo();
        break;
      case 'reanchor':
        result = store.reanchor();
        break;
      case 'next': {
        const s = store.nextSuggestion(cp(op.offset), op.direction);
        if (!s) return { result: { ok: false, changed: false, localisable: msg('There are no unreviewed suggestions in this file.') } };
        return { result: { ok: true, changed: false }, target: rangeOf(s) };
      }
      default:
        return { result: { ok: false, changed: false, localisable: msg('Unknown tagging operation "{0}".', (op as { op: string }).op) } };
    }
    return { result, target: result.tag ? rangeOf(result.tag) : undefined };
  }

  /** A schema file created, edited or removed since the last look applies from now on (cached on mtime and size). */
  private refreshSchema(session: Session): void {
    const schema = this.schemaFor(filePathOf(session.uri));
    session.schema = schema;
    session.store.schema = schema.schema;
  }

  private async settle(session: Session): Promise<void> {
    if (!this.sessions.has(session.uri)) return;
    remember(session, session.store.text);
    const version = this.host.documents.get(session.uri)?.version;
    await this.refreshMachine(session);
    // Requests that came while the suggestions were updated are answered first; a newer edit settles on its own.
    await nextTurn();
    if (!this.sessions.has(session.uri) || this.host.documents.get(session.uri)?.version !== version) return;
    this.refreshSchema(session);
    this.write(session);
    await this.pushSliced(session, version);
  }

  /**
   * push() after a pause in typing, its state built in slices (buildStateSliced). Given up when the document moved
   * past `version` (that edit's own pause pushes), the store changed or another push went out meanwhile (an
   * operation pushes at once, with what this one would have sent).
   */
  private async pushSliced(session: Session, version: number | undefined): Promise<void> {
    const fast = this.segmentState(session);
    if (fast) {
      this.send(session, fast.state, fast.patch, fast.record);
      return;
    }
    const revision = session.store.revision;
    const sent = session.sent;
    const sentList = session.sentList;
    const current = () =>
      this.sessions.has(session.uri) &&
      this.host.documents.get(session.uri)?.version === version &&
      session.store.revision === revision &&
      session.sent === sent;
    const state = await this.buildStateSliced(session, current);
    if (!state) return;
    // The patch against the last state sent, compared in slices too.
    let patch: SuggestionsPatch | undefined;
    if (sent && sentList) {
      const steps = diffSuggestionSteps(sentList, state.suggestions, SUGGESTION_SLICE);
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) {
          patch = r.value;
          break;
        }
        await nextTurn();
        if (!current()) return;
      }
    }
    this.send(session, state, patch);
  }

  private async refreshMachine(session: Session): Promise<void> {
    const document = this.host.documents.get(session.uri);
    if (!document || session.machineVersion === document.version) return;
    if (session.memory && this.host.settings) {
      try {
        session.learnFromTags = (await this.host.settings(session.uri)).suggestions.learnFromTags;
      } catch {
        // the default stays
      }
    }
    let raw: () => readonly Span[] = () => [];
    let view: DocumentView | undefined;
    try {
      if (this.host.completeView) {
        // read as a view: its list of every span is made only if somebody asks (see suggestionSegments.ts)
        view = await this.host.completeView(session.uri);
        const v = view;
        let list: readonly Span[] | undefined;
        if (v) raw = () => (list ??= v.result().spans);
      } else {
        const spans = (await this.host.analysis(session.uri))?.result.spans ?? [];
        raw = () => spans;
      }
    } catch {
      // no suggestions when the analysis fails; tags are unaffected
    }
    const now = this.host.documents.get(session.uri);
    if (!now || now.version !== document.version || now.getText() !== session.store.text) return;
    session.raw = raw;
    session.rawVersion = document.version;
    if (this.adapts(session)) {
      session.view = undefined;
      session.store.setMachineSpans(this.adapted(session, raw()));
    } else {
      session.view = view;
      session.viewVersion = document.version;
      session.store.setMachineSpans(raw);
    }
    session.machineVersion = document.version;
  }

  /** The document and the analysis view whose spans the store holds unadapted, when they are of its current version. */
  private viewHeld(session: Session): { document: TextDocument; view: DocumentView } | undefined {
    const document = this.host.documents.get(session.uri);
    const view = session.view;
    if (!document || !view || session.viewVersion !== document.version || session.machineVersion !== document.version) return undefined;
    return this.adapts(session) ? undefined : { document, view };
  }

  /** Whether the workspace memory changes this article's suggestions (rejected pairs, learned names). */
  private adapts(session: Session): boolean {
    return !!session.memory?.memory.adapts(session.learnFromTags);
  }

  // ---- online adaptation (annotations/suggestionMemory.ts) ------------------------------------------------------

  /** The analysis' spans after what the workspace learned: rejected pairs out, tagged strings in. */
  private adapted(session: Session, spans: readonly Span[]): readonly AdaptedSpan[] {
    if (!session.memory || !this.adapts(session)) return spans;
    return session.memory.memory.adapt(session.store.text, spans, {
      learnFromTags: session.learnFromTags,
      tags: session.store.tags(),
      labels: new Set(session.schema.schema.labels.map((l) => l.name)),
    });
  }

  /** The same for the semantic tokens' spans (cached while neither the spans nor the memory change). */
  private adaptTokens(session: Session, spans: readonly Span[]): readonly Span[] {
    const memory = session.memory;
    if (!memory) return spans;
    const text = this.host.documents.get(session.uri)?.getText();
    // learned spans are placed on the store's text: only while it is the editor's text
    if (text === undefined || text !== session.store.text) return spans;
    const c = session.tokenCache;
    if (c && c.input === spans && c.revision === memory.memory.revision && c.learn === session.learnFromTags && c.text === text) return c.output;
    const output = this.adapted(session, spans);
    session.tokenCache = { input: spans, revision: memory.memory.revision, learn: session.learnFromTags, text, output };
    return output;
  }

  /** The article's confirmed tags into the workspace lexicon. */
  private noteTags(session: Session): void {
    session.memory?.memory.setDocumentTags(session.files?.annPath ?? session.uri, session.store.tags());
  }

  /**
   * After an operation: new rejections are remembered for the workspace, rejections undone are forgotten, a tag's
   * (text, label) lifts a rejection of it (the latest decision wins), and the lexicon takes the article's tags. When
   * that changes what is suggested, every open article of the workspace folder is adapted again.
   */
  private learnFrom(session: Session, before: Decisions, undo: boolean): void {
    const entry = session.memory!;
    const memory = entry.memory;
    const revision = memory.revision;
    const after = decisions(session.store);
    let rejectionsChanged = false;
    for (const [key, r] of after.rejections) if (!before.rejections.has(key)) rejectionsChanged = memory.reject(r.text, r.label) || rejectionsChanged;
    if (undo) {
      for (const [key, r] of before.rejections) if (!after.rejections.has(key)) rejectionsChanged = memory.unreject(r.text, r.label) || rejectionsChanged;
    }
    for (const [key, t] of after.tags) if (!before.tags.has(key)) rejectionsChanged = memory.unreject(t.text, t.label) || rejectionsChanged;
    this.noteTags(session);
    if (rejectionsChanged) this.learning?.save(entry);
    if (memory.revision !== revision) {
      this.readapt(entry, session);
      this.learning?.updated(entry);
    }
  }

  /** Adapts the open articles of a workspace folder again (the memory changed); pushes all but `current`. */
  private readapt(entry: WorkspaceMemory, current?: Session): void {
    for (const session of this.sessions.values()) {
      if (session.memory !== entry) continue;
      const document = this.host.documents.get(session.uri);
      if (!document || session.rawVersion !== document.version || session.store.text !== document.getText()) continue;
      session.store.setMachineSpans(this.adapted(session, session.raw()));
      if (session !== current) this.push(session);
    }
    if (!current) this.host.refreshSemanticTokens?.();
  }

  /** The setting newsAnnotator.suggestions.learnFromTags (or another) changed: read it again for every article. */
  async settingsChanged(): Promise<void> {
    for (const session of this.sessions.values()) {
      if (!session.memory || !this.host.settings) continue;
      const learn = (await this.host.settings(session.uri).catch(() => undefined))?.suggestions.learnFromTags;
      if (learn === undefined || learn === session.learnFromTags) continue;
      session.learnFromTags = learn;
      const document = this.host.documents.get(session.uri);
      if (!document || session.rawVersion !== document.version || session.store.text !== document.getText()) continue;
      session.store.setMachineSpans(this.adapted(session, session.raw()));
      this.push(session);
    }
  }

  private blockedMessage(reason: string): string {
    return this.host.t('The .ann file cannot be read, so it is left as it is and tagging this article is paused until it can be read: {0}', reason);
  }

  private write(session: Session): void {
    if (!session.files || session.blocked || session.writtenRevision === session.store.revision) return;
    try {
      if (session.brokenReview !== undefined) {
        // keep what a broken sidecar held before replacing it
        writeAtomic(session.files.reviewPath + '.broken', session.brokenReview);
        session.brokenReview = undefined;
      }
      session.files.write(session.store.serializeAnn(), session.store.serializeReview());
      session.writtenRevision = session.store.revision;
      session.storageError = undefined;
    } catch (err) {
      session.storageError = this.host.t('The annotations could not be saved; they are kept and saved on the next change: {0}', (err as Error).message);
    }
  }

  private push(session: Session): void {
    if (!this.sessions.has(session.uri)) return;
    this.send(session, this.buildState(session));
  }

  /**
   * Sends a state built for the session: a patch of the last one sent, or the whole state the first time.
   * `suggestionsPatch`, when given, is diffSuggestions() of the last state sent and this one, computed already.
   */
  private send(session: Session, built: TaggingState, suggestionsPatch?: SuggestionsPatch, fromSegments?: SegmentRecord): void {
    const previous = session.sent;
    const previousList = session.sentList;
    const state = this.sending(session, built, fromSegments);
    // a patch needs the list the client has: known as a list, or the base of a patch made from segments
    if (previous && (suggestionsPatch || previousList)) {
      // Only what changed in the suggestions travels (a 1 M-character article's whole state is some 19 MB of JSON).
      const { suggestions, ...rest } = state;
      const patch: TaggingStatePatch = {
        ...rest,
        baseSeq: previous.seq!,
        suggestionsPatch: suggestionsPatch ?? diffSuggestions(previousList!, suggestions),
      };
      void this.host.connection?.sendNotification(TaggingStatePatchNotification, patch);
    } else void this.host.connection?.sendNotification(TaggingStateNotification, state);
    this.host.refreshSemanticTokens?.();
  }

  private outsideChange(session: Session, changes: { ann?: string | null; review?: string | null }): void {
    if (!this.sessions.has(session.uri)) return;
    if ('ann' in changes) {
      session.store.loadAnn(changes.ann ?? '');
      session.blocked = undefined;
    }
    if ('review' in changes) session.store.loadReview(changes.review ?? undefined);
    session.writtenRevision = session.store.revision;
    if (session.memory && 'ann' in changes) {
      const revision = session.memory.memory.revision;
      this.noteTags(session);
      if (session.memory.memory.revision !== revision) this.readapt(session.memory, session);
    }
    this.push(session);
  }

  /** The schema in force for an article (cached on the schema file's mtime and size). */
  private schemaFor(path: string | undefined): SchemaInfo {
    // the search goes up to the workspace folder holding the article (or the file system root outside one)
    const root = path ? (this.host.workspaceRoots?.() ?? []).find((r) => path.startsWith(r.endsWith(sep) ? r : r + sep)) : undefined;
    const file = path ? findSchemaFile(path, root) : undefined;
    if (!file) return { schema: defaultSchema(), problems: [] };
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return { schema: defaultSchema(), problems: [] };
    }
    const cached = this.schemaCache.get(file);
    if (cached && cached.stamp === stamp) return cached.info;
    let info: SchemaInfo;
    try {
      const text = fs.readFileSync(file, 'utf8');
      const { schema, problems } = parseSchema(text, file);
      info = { schema, path: file, problems: problems.map((p) => ({ ...problemRange(text, p), template: p.template, args: p.args })) };
    } catch (err) {
      const m = (err as Error).message;
      info = { schema: defaultSchema(), path: file, problems: [{ message: m, template: '{0}', args: [m], range: zeroRange() }] };
    }
    this.schemaCache.set(file, { stamp, info });
    return info;
  }
}

interface Decisions {
  tags: Map<string, { text: string; label: string }>;
  rejections: Map<string, { text: string; label: string }>;
}

/** The tags and rejections of an article, keyed so that two snapshots can be compared. */
function decisions(store: DocumentAnnotations): Decisions {
  return {
    tags: new Map(store.tags().map((t) => [`${t.id}|${t.label}|${t.text}`, t])),
    rejections: new Map(store.rejected().map((r) => [`${r.start}:${r.end}:${r.label}`, r])),
  };
}

function problemRange(text: string, p: SchemaProblem): WireProblem {
  const at = (offset: number) => {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < Math.min(offset, text.length); i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, character: Math.min(offset, text.length) - lineStart };
  };
  return { message: p.message, range: { start: at(p.start), end: at(p.end) } };
}

function zeroRange(): WireRange {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
}

/** Hooks tagging into the server: document lifecycle, the tagging requests and the semantic tokens' modifier. */
export function registerTagging(context: ServerContext, learning?: SuggestionLearning): TaggingService {
  const service = new TaggingService(context, learning);
  const { documents, connection } = context;
  documents.onDidOpen((e) => void service.open(e.document));
  documents.onDidChangeContent((e) => service.change(e.document));
  documents.onDidSave((e) => service.saved(e.document));
  documents.onDidClose((e) => service.close(e.document.uri));
  connection.onRequest(TaggingStateRequest, (params: DocumentUriParams) => service.state(params.uri));
  connection.onRequest(TaggingOpRequest, (params: TaggingOpParams) => service.run(params));
  context.setConfirmedSpans((uri) => service.confirmedSpans(uri));
  context.setSuggestionFilter((uri) => (service.filtersSuggestions(uri) ? (spans) => service.visibleSuggestions(uri, spans) : undefined));
  context.onDidChangeSettings(() => void service.settingsChanged());
  process.once('exit', () => service.flush());
  return service;
}
