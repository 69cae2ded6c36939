// The live annotation state of one article: confirmed tags (from its .ann), machine suggestions (from analyze()),
// rejected suggestions and the review flag (from the review sidecar), the tagging operations with their own
// undo/redo, and edit tracking so that everything follows the text. Offsets are code points, end exclusive.
// No I/O here: annStorage.ts reads and writes the files.
import { SPAN_VALUE_KEYS, type Span } from '../core/types';
import { OffsetMap } from '../core/offsets';
import { AnnFile, AnnTag, NormalisedValues, emptyAnn, parseAnn, referencesTo, serializeAnn, valuesOf } from './annFile';
import { RejectedSuggestion, ReviewState, emptyReview, parseReview, serializeReview } from './reviewFile';
import { LabelSchema, defaultSchema, findLabel } from './labelSchema';
import { TextChange, diffTexts, shiftPoint, shiftSpan } from './textEdits';

/** A message for the user as a template with {0}-style arguments, so the server can localise it. */
export interface Message {
  template: string;
  args: (string | number)[];
}

export function msg(template: string, ...args: (string | number)[]): Message {
  return { template, args };
}

/** The English text of a message. */
export function formatMessage(m: Message): string {
  return m.template.replace(/\{(\d+)\}/g, (_, i) => String(m.args[Number(i)]));
}

export interface OpResult {
  ok: boolean;
  /** Whether the stored state changed (and the files need writing). */
  changed: boolean;
  /** Why nothing was done, or what was done, in words for the user (English; `localisable` to translate). */
  message?: string;
  localisable?: Message;
  /** The tag created or changed, if any. */
  tag?: AnnTag;
  count?: number;
}

/** A tag whose offsets do not match the text (the .ann was changed outside the editor, or for another text). */
export interface Mismatch {
  tag: AnnTag;
  /** What the text holds at the tag's offsets ('' when they are past the end). */
  found: string;
  message: string;
  localisable: Message;
}

/**
 * A discontinuous text-bound annotation written by brat (`T4\tLOC 0 2;3 5\t温州 财政`): kept as its own line, its
 * fragments moved with the text like tags. brat's text field is the fragments' texts joined with a space.
 */
interface Discontinuous {
  line: { kind: 'verbatim'; raw: string };
  id: string;
  label: string;
  fragments: [number, number][];
  text: string;
  /** The fragments no longer match the text (or an edit removed a fragment): left as read, reported. */
  stale: boolean;
}

export interface Suggestion extends Span {
  /** Stable within a text version: `${start}:${end}:${label}`. */
  key: string;
}

interface Rejection extends RejectedSuggestion {
  id: string;
}

type Op =
  | { kind: 'tag'; id: string; before?: AnnTag; after?: AnnTag }
  | { kind: 'rejection'; id: string; before?: Rejection; after?: Rejection }
  | { kind: 'reviewed'; before: boolean; after: boolean };

interface UndoEntry {
  name: string;
  ops: Op[];
}

/** Annotations whose text an edit removed, kept so that an undo of that edit (re-inserting the text) restores them. */
interface Grave {
  at: number;
  text: string;
  tags: { tag: AnnTag; rel: number }[];
  rejections: { rejection: Rejection; rel: number }[];
}

const MAX_UNDO = 200;
const MAX_GRAVES = 100;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const EDGE_SPACE = /^[\s\u3000]$/;

export interface Position {
  /** A code-point offset (the cursor). */
  offset: number;
}

export class DocumentAnnotations {
  private textValue: string;
  private map: OffsetMap;
  private ann: AnnFile;
  private readonly tagMap = new Map<string, AnnTag>();
  private readonly mismatchMap = new Map<string, AnnTag>();
  private discontinuous: Discontinuous[] = [];
  /** Tags that lost their normalised values (their text was edited, or they were made or changed without a matching
   *  machine span): the next analysis fills them in when it finds the same span and label. Tags as read from the
   *  .ann are never touched this way, so opening a file does not rewrite it. */
  private readonly valuesPending = new Set<string>();
  private readonly rejections = new Map<string, Rejection>();
  private reviewedFlag = false;
  private reviewedAt?: string;
  /** The machine spans as last set, and the edits made since (applied when they are next read: see `machine`). */
  private machineSpans: Span[] = [];
  private machineEdits: { a: number; b: number; inserted: number }[] = [];
  /**
   * Machine spans given as a function (setMachineSpans), called when they are first read: after a pause in typing
   * on a long article nobody may read them before the next analysis. It may throw when the text it was given for has
   * changed since (a view of an older version): there are none then, until the next analysis.
   */
  private machineSource: (() => readonly Span[]) | undefined;
  private undoStack: UndoEntry[] = [];
  private redoStack: UndoEntry[] = [];
  private graves: Grave[] = [];
  private maxTagNumber = 0;
  private rejectionCounter = 0;
  /** Increments whenever what is stored on disk (.ann or review sidecar) would change. */
  revision = 0;
  /** Problems reading the .ann and the sidecar (line numbers refer to the .ann, or line 1 of the sidecar). */
  annErrors: { line: number; message: string }[] = [];
  reviewErrors: { line: number; message: string }[] = [];
  schema: LabelSchema;

  constructor(text: string, annContent?: string, reviewContent?: string, schema: LabelSchema = defaultSchema()) {
    this.textValue = text;
    this.map = new OffsetMap(text);
    this.schema = schema;
    this.ann = emptyAnn();
    this.loadAnn(annContent ?? '');
    this.loadReview(reviewContent);
  }

  // ---- reading ------------------------------------------------------------------------------------------------

  get text(): string {
    return this.textValue;
  }

  get offsets(): OffsetMap {
    return this.map;
  }

  get reviewed(): boolean {
    return this.reviewedFlag;
  }

  /** Confirmed tags that match the text, by start. */
  tags(): AnnTag[] {
    return [...this.tagMap.values()].sort(byStart);
  }

  /** Tags whose offsets do not match the text: not shown, not moved, written back exactly as read. */
  mismatches(): Mismatch[] {
    return [...this.mismatchMap.values()].sort(byStart).map((tag) => {
      const found = tag.end <= this.map.codePointLength ? this.map.slice(tag.start, tag.end) : '';
      const localisable = found
        ? msg('{0} ({1}) says "{2}" at {3}–{4}, but the text there is "{5}".', tag.id, tag.label, tag.text, tag.start, tag.end, found)
        : msg('{0} ({1}) "{2}" at {3}–{4} is past the end of the text ({5} characters).', tag.id, tag.label, tag.text, tag.start, tag.end, this.map.codePointLength);
      return { tag, found, message: formatMessage(localisable), localisable };
    }).concat(this.discontinuous.filter((d) => d.stale).map((d) => {
      const tag: AnnTag = { id: d.id, label: d.label, start: d.fragments[0][0], end: d.fragments[d.fragments.length - 1][1], text: d.text };
      const localisable = msg('{0} ({1}) is a discontinuous span "{2}" that no longer matches the text; it is kept as it is (fix it in brat).', d.id, d.label, d.text);
      return { tag, found: '', message: formatMessage(localisable), localisable };
    }));
  }

  /** Machine spans of the schema's labels that are neither confirmed (overlapped by a tag) nor rejected, by start. */
  suggestions(): Suggestion[] {
    const steps = this.suggestionSteps();
    steps.step(Infinity);
    return steps.result();
  }

  /**
   * suggestions() a piece at a time, for a caller that lets other work run in between (the language server after a
   * keystroke in a long article): `step(n)` takes the next n machine spans and says whether any are left; `result()`
   * is the list once none are. The store must not change meanwhile.
   */
  suggestionSteps(machine: readonly Span[] = this.machine): { step(n: number): boolean; result(): Suggestion[] } {
    const labels = new Set(this.schema.labels.map((l) => l.name));
    // Which code points tags cover, as a prefix count (only when there are tags: an article without any skips two
    // arrays the length of the text; a few spans are compared with each tag instead).
    let prefix: Int32Array | undefined;
    let tags: AnnTag[] | undefined;
    if (this.tagMap.size > 0 && machine.length * this.tagMap.size <= 4 * this.map.codePointLength) tags = [...this.tagMap.values()];
    else if (this.tagMap.size > 0) {
      const covered = new Uint8Array(this.map.codePointLength + 1);
      for (const t of this.tagMap.values()) covered.fill(1, t.start, t.end);
      prefix = new Int32Array(covered.length + 1);
      for (let i = 0; i < covered.length; i++) prefix[i + 1] = prefix[i] + covered[i];
    }
    const limit = this.map.codePointLength + 1;
    const rejected = new Set([...this.rejections.values()].map((r) => `${r.start}:${r.end}:${r.label}`));
    const out: Suggestion[] = [];
    let sorted = true;
    let next = 0;
    return {
      step(n: number): boolean {
        const end = Math.min(machine.length, next + n);
        for (; next < end; next++) {
          const s = machine[next];
          const key = `${s.start}:${s.end}:${s.label}`;
          if (rejected.has(key) || !labels.has(s.label)) continue;
          if (prefix && prefix[Math.min(s.end, limit)] - prefix[Math.min(s.start, limit)] > 0) continue;
          if (tags && tags.some((t) => t.start < s.end && t.end > s.start && t.start < t.end)) continue;
          if (out.length && byStart(out[out.length - 1], s) > 0) sorted = false;
          // field by field: a spread of spans of several shapes costs about three times as much
          const suggestion = { start: s.start, end: s.end, label: s.label, text: s.text, key } as Suggestion;
          for (const k in s) if (!(k in suggestion)) (suggestion as any)[k] = (s as any)[k];
          out.push(suggestion);
        }
        return next < machine.length;
      },
      result(): Suggestion[] {
        return sorted ? out : out.sort(byStart);
      },
    };
  }

  /** suggestions() of some machine spans (on the current text) instead of the store's: the same filter and shape. */
  suggestionsOf(spans: readonly Span[]): Suggestion[] {
    const steps = this.suggestionSteps(spans);
    steps.step(Infinity);
    return steps.result();
  }

  /** Tags and rejections, each as start, end and label: what decides which machine spans are suggestions. */
  marks(): { start: number; end: number; label: string }[] {
    const out: { start: number; end: number; label: string }[] = [];
    for (const t of this.tagMap.values()) out.push({ start: t.start, end: t.end, label: t.label });
    for (const r of this.rejections.values()) out.push({ start: r.start, end: r.end, label: '!' + r.label });
    return out.sort((a, b) => byStart(a, b) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  rejected(): RejectedSuggestion[] {
    return [...this.rejections.values()].map(({ id: _id, ...r }) => r).sort(byStart);
  }

  /** The smallest tag containing the offset (a cursor right after a tag's last character also counts). */
  tagAt(offset: number): AnnTag | undefined {
    return smallestAt([...this.tagMap.values()], offset);
  }

  suggestionAt(offset: number): Suggestion | undefined {
    return smallestAt(this.suggestions(), offset);
  }

  /** The next (or previous) suggestion strictly after (before) the offset, wrapping around. */
  nextSuggestion(offset: number, direction: 1 | -1): Suggestion | undefined {
    const all = this.suggestions();
    if (!all.length) return undefined;
    if (direction === 1) return all.find((s) => s.start > offset) ?? all[0];
    for (let i = all.length - 1; i >= 0; i--) if (all[i].start < offset) return all[i];
    return all[all.length - 1];
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  // ---- files ----------------------------------------------------------------------------------------------------

  /** The .ann text for the current state. */
  serializeAnn(): string {
    this.ann.tags = [...this.tagMap.values(), ...this.mismatchMap.values()];
    return serializeAnn(this.ann);
  }

  /** The review sidecar's text, or undefined when there is nothing to keep. */
  serializeReview(): string | undefined {
    return serializeReview({ reviewed: this.reviewedFlag, reviewedAt: this.reviewedAt, rejected: this.rejected() });
  }

  /**
   * Replaces the tags with an .ann read from disk (changed outside the editor). Tags that do not match the text
   * become mismatches. The tagging undo history is cleared: it referred to the old file.
   */
  loadAnn(content: string): void {
    this.ann = parseAnn(content);
    this.annErrors = this.ann.errors;
    this.tagMap.clear();
    this.mismatchMap.clear();
    this.valuesPending.clear();
    for (const t of this.ann.tags) {
      this.noteId(t.id);
      if (this.matches(t)) this.tagMap.set(t.id, t);
      else this.mismatchMap.set(t.id, t);
    }
    this.discontinuous = [];
    for (const l of this.ann.lines) {
      if (l.kind !== 'verbatim') continue;
      this.noteId(l.raw.split('\t', 1)[0]);
      const m = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)+)\t([^\r]*)\r?$/.exec(l.raw);
      if (!m) continue;
      const fragments = m[3].split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      const d: Discontinuous = { line: l, id: m[1], label: m[2], fragments, text: m[4], stale: false };
      d.stale = this.fragmentsText(fragments) !== d.text;
      this.discontinuous.push(d);
    }
    this.undoStack = [];
    this.redoStack = [];
    this.graves = [];
  }

  loadReview(content: string | undefined): void {
    const { review, errors } = content === undefined ? { review: emptyReview(), errors: [] } : parseReview(content);
    this.reviewErrors = errors;
    this.reviewedFlag = review.reviewed;
    this.reviewedAt = review.reviewedAt;
    this.rejections.clear();
    for (const r of review.rejected) {
      // rejections that no longer match the text are dropped: they cannot hide anything
      if (r.end <= this.map.codePointLength && this.map.slice(r.start, r.end) === r.text) {
        const id = `x${++this.rejectionCounter}`;
        this.rejections.set(id, { ...r, id });
      }
    }
  }

  /**
   * The machine spans on the current text: those an edit touched are dropped (stale until the next analysis), the
   * others moved. The edits are applied here, when the spans are read, not on each keystroke: the next analysis
   * usually replaces them all before anyone reads them (in a long article that was every span after the cursor
   * copied per keystroke).
   */
  private get machine(): Span[] {
    if (this.machineSource) {
      const source = this.machineSource;
      this.machineSource = undefined;
      let spans: readonly Span[] = [];
      try {
        spans = source();
      } catch {
        // given for a text the store no longer has: none until the next analysis
      }
      this.machineSpans = spans.filter((s) => s.end <= this.map.codePointLength);
      this.machineEdits = [];
    }
    const edits = this.machineEdits;
    if (edits.length === 0) return this.machineSpans;
    // One pass over the spans, each taken through every pending edit (shiftSpan's 'moved' cases, in numbers): a span
    // wholly before an edit stays, one wholly after it moves, one the edit touches is dropped. No array or object per
    // edit: with a few hundred pending edits on a long article the pass per edit was seconds of copying and GC.
    const out: Span[] = [];
    for (const s of this.machineSpans) {
      let start = s.start;
      let end = s.end;
      let kept = true;
      for (let k = 0; k < edits.length; k++) {
        const { a, b, inserted } = edits[k];
        if (end <= a) continue;
        if (start >= b) {
          const delta = inserted - (b - a);
          start += delta;
          end += delta;
          continue;
        }
        kept = false;
        break;
      }
      if (kept) out.push(start === s.start ? s : { ...s, start, end });
    }
    this.machineSpans = out;
    this.machineEdits = [];
    return out;
  }

  /**
   * Sets the machine spans (analyze() of the current text), and fills in missing values of tags they match. Given as
   * a function, they are read when first needed (see machineSource).
   */
  setMachineSpans(spans: readonly Span[] | (() => readonly Span[])): void {
    this.machineEdits = [];
    if (typeof spans === 'function') {
      this.machineSpans = [];
      this.machineSource = spans;
    } else {
      this.machineSource = undefined;
      this.machineSpans = spans.filter((s) => s.end <= this.map.codePointLength);
    }
    if (!this.valuesPending.size) return;
    const exact = new Map(this.machine.map((s) => [`${s.start}:${s.end}:${s.label}`, s]));
    let changed = false;
    for (const id of [...this.valuesPending]) {
      const t = this.tagMap.get(id);
      if (!t || hasValues(t)) {
        this.valuesPending.delete(id);
        continue;
      }
      const m = exact.get(`${t.start}:${t.end}:${t.label}`);
      if (m && hasValues(m)) {
        Object.assign(t, tagValues(m));
        this.valuesPending.delete(id);
        changed = true;
      }
    }
    if (changed) this.revision++;
  }

  // ---- operations -----------------------------------------------------------------------------------------------

  /** Tags [start, end) with a label. Edge whitespace is trimmed; the same extent as an existing tag relabels it. */
  tag(start: number, end: number, label: string, values?: NormalisedValues): OpResult {
    if (!findLabel(this.schema, label)) return fail(msg('Unknown label "{0}": it is not in the label schema.', label));
    const trimmed = this.trim(start, end);
    if (!trimmed) return fail(msg('Select some text to tag (the selection is empty or only spaces).'));
    [start, end] = trimmed;
    const problem = this.checkExtent(start, end, label);
    if (problem) return fail(problem);
    const same = [...this.tagMap.values()].find((t) => t.start === start && t.end === end);
    if (same) return same.label === label ? { ok: true, changed: false, tag: same } : this.relabelTag(same, label);
    const machine = this.machine.find((s) => s.start === start && s.end === end && s.label === label);
    const tag: AnnTag = {
      id: this.newTagId(), label, start, end, text: this.map.slice(start, end),
      ...(values ? valuesOf(values) : machine ? tagValues(machine) : {}),
    };
    this.tagMap.set(tag.id, tag);
    if (!hasValues(tag)) this.valuesPending.add(tag.id);
    this.commit('tag', [{ kind: 'tag', id: tag.id, after: { ...tag } }]);
    return { ok: true, changed: true, tag };
  }

  /** Accepts the suggestion at the offset as a tag, with its normalised values. */
  accept(offset: number): OpResult {
    const s = this.suggestionAt(offset);
    if (!s) return fail(msg('There is no suggestion at the cursor.'));
    return this.acceptSuggestions([s], 'accept');
  }

  /** Accepts every suggestion lying within [start, end) (the whole text when omitted), optionally of one label. */
  acceptAll(options: { start?: number; end?: number; label?: string } = {}): OpResult {
    const start = options.start ?? 0;
    const end = options.end ?? this.map.codePointLength;
    const chosen = this.suggestions().filter(
      (s) => s.start >= start && s.end <= end && (options.label === undefined || s.label === options.label),
    );
    if (!chosen.length) return { ok: true, changed: false, count: 0, ...said(msg('No suggestions to accept there.')) };
    return this.acceptSuggestions(chosen, 'accept all');
  }

  /** Rejects the suggestion at the offset: it is remembered and not suggested again. */
  reject(offset: number): OpResult {
    const s = this.suggestionAt(offset);
    if (!s) return fail(msg('There is no suggestion at the cursor.'));
    const r = this.addRejection(s);
    this.commit('reject', [{ kind: 'rejection', id: r.id, after: { ...r } }]);
    return { ok: true, changed: true };
  }

  /** Rejects every suggestion within [start, end), optionally of one label. */
  rejectAll(options: { start?: number; end?: number; label?: string } = {}): OpResult {
    const start = options.start ?? 0;
    const end = options.end ?? this.map.codePointLength;
    const chosen = this.suggestions().filter(
      (s) => s.start >= start && s.end <= end && (options.label === undefined || s.label === options.label),
    );
    if (!chosen.length) return { ok: true, changed: false, count: 0, ...said(msg('No suggestions to reject there.')) };
    const ops: Op[] = chosen.map((s) => {
      const r = this.addRejection(s);
      return { kind: 'rejection', id: r.id, after: { ...r } };
    });
    this.commit('reject all', ops);
    return { ok: true, changed: true, count: chosen.length };
  }

  /**
   * Removes the tag at the offset (or with the id). A tag that matches a machine suggestion also rejects it, so it
   * does not come back as a suggestion. Tags that brat relations, events, attributes or notes refer to are kept.
   */
  remove(at: number | string): OpResult {
    const tag = typeof at === 'string' ? this.tagMap.get(at) : this.tagAt(at);
    if (!tag) return fail(msg('There is no tag at the cursor.'));
    this.ann.tags = [...this.tagMap.values(), ...this.mismatchMap.values()];
    const refs = referencesTo(this.ann, tag.id);
    if (refs.length) {
      return fail(msg('{0} "{1}" is referred to by {2} in the .ann; remove those first (in brat).', tag.id, tag.text, refs.join(', ')));
    }
    this.tagMap.delete(tag.id);
    const ops: Op[] = [{ kind: 'tag', id: tag.id, before: { ...tag } }];
    const machine = this.machine.find((s) => s.start === tag.start && s.end === tag.end && s.label === tag.label);
    if (machine) {
      const r = this.addRejection(machine);
      ops.push({ kind: 'rejection', id: r.id, after: { ...r } });
    }
    this.commit('remove', ops);
    return { ok: true, changed: true, tag };
  }

  /** Gives the tag at the offset (or with the id) another label. */
  relabel(at: number | string, label: string): OpResult {
    const tag = typeof at === 'string' ? this.tagMap.get(at) : this.tagAt(at);
    if (!tag) return fail(msg('There is no tag at the cursor.'));
    if (!findLabel(this.schema, label)) return fail(msg('Unknown label "{0}": it is not in the label schema.', label));
    if (tag.label === label) return { ok: true, changed: false, tag };
    const problem = this.checkExtent(tag.start, tag.end, label, tag.id);
    if (problem) return fail(problem);
    return this.relabelTag(tag, label);
  }

  /**
   * Moves one boundary of the tag at the offset by one character: edge 'end' with +1 grows it to the right,
   * -1 shrinks it; edge 'start' with +1 grows it to the left, -1 shrinks it from the left.
   */
  resize(at: number | string, edge: 'start' | 'end', delta: 1 | -1): OpResult {
    const tag = typeof at === 'string' ? this.tagMap.get(at) : this.tagAt(at);
    if (!tag) return fail(msg('There is no tag at the cursor.'));
    const start = edge === 'start' ? tag.start - delta : tag.start;
    const end = edge === 'end' ? tag.end + delta : tag.end;
    if (end <= start) return fail(msg('{0} "{1}" is one character long; remove it instead.', tag.id, tag.text));
    if (start < 0 || end > this.map.codePointLength) return fail(msg('The tag already reaches the edge of the text.'));
    const problem = this.checkExtent(start, end, tag.label, tag.id);
    if (problem) return fail(problem);
    const before = { ...tag };
    tag.start = start;
    tag.end = end;
    tag.text = this.map.slice(start, end);
    clearValues(tag);
    this.fillValues(tag);
    this.commit(delta > 0 ? 'grow' : 'shrink', [{ kind: 'tag', id: tag.id, before, after: { ...tag } }]);
    return { ok: true, changed: true, tag };
  }

  setReviewed(reviewed: boolean, now: Date = new Date()): OpResult {
    if (this.reviewedFlag === reviewed) return { ok: true, changed: false };
    this.commit('mark reviewed', [{ kind: 'reviewed', before: this.reviewedFlag, after: reviewed }]);
    this.reviewedFlag = reviewed;
    this.reviewedAt = reviewed ? now.toISOString() : undefined;
    return { ok: true, changed: true };
  }

  /**
   * Moves every mismatching tag to the occurrence of its text nearest to its old start (ties: the earlier one).
   * Tags whose text does not occur, or whose nearest occurrence would overlap a tag it may not overlap, stay
   * mismatches. Not undoable (it changes what the .ann holds for text the editor did not write).
   */
  reanchor(): OpResult & { moved: AnnTag[]; notFound: AnnTag[] } {
    const moved: AnnTag[] = [];
    const notFound: AnnTag[] = [];
    for (const tag of [...this.mismatchMap.values()].sort(byStart)) {
      const occurrences = this.occurrences(tag.text);
      occurrences.sort((a, b) => Math.abs(a - tag.start) - Math.abs(b - tag.start) || a - b);
      const len = [...tag.text].length;
      const at = occurrences.find((o) => !this.checkExtent(o, o + len, tag.label, tag.id));
      if (at === undefined || len === 0) {
        notFound.push(tag);
        continue;
      }
      this.mismatchMap.delete(tag.id);
      tag.start = at;
      tag.end = at + len;
      this.tagMap.set(tag.id, tag);
      moved.push(tag);
    }
    if (moved.length) this.revision++;
    const m = notFound.length
      ? msg('{0} tag(s) re-anchored; not found in the text: {1}', moved.length, notFound.map((t) => `${t.id} "${t.text}"`).join(', '))
      : msg('{0} tag(s) re-anchored', moved.length);
    return { ok: true, changed: moved.length > 0, moved, notFound, ...said(m), count: moved.length };
  }

  undo(): OpResult {
    const entry = this.undoStack.pop();
    if (!entry) return fail(msg('Nothing to undo.'));
    this.applyOps(entry.ops, 'before');
    this.redoStack.push(entry);
    this.revision++;
    return { ok: true, changed: true, ...said(msg('Undid {0}.', entry.name)) };
  }

  redo(): OpResult {
    const entry = this.redoStack.pop();
    if (!entry) return fail(msg('Nothing to redo.'));
    this.applyOps(entry.ops, 'after');
    this.undoStack.push(entry);
    this.revision++;
    return { ok: true, changed: true, ...said(msg('Redid {0}.', entry.name)) };
  }

  // ---- edits ----------------------------------------------------------------------------------------------------

  /** Applies changes given in UTF-16 offsets, each relative to the text as left by the previous one (LSP order). */
  applyUtf16Changes(changes: readonly { start: number; end: number; text: string }[]): void {
    for (const c of changes) {
      this.applyChange({ start: this.map.toCodePoint(c.start), end: this.map.toCodePoint(c.end), text: c.text });
    }
  }

  /** Brings the store to a new text when only the text is known (one change: common prefix and suffix kept). */
  setText(text: string): void {
    const change = diffTexts(this.textValue, text, this.map);
    if (change) this.applyChange(change);
  }

  /** Applies one change (code points of the current text). Tags, suggestions and rejections follow their text. */
  applyChange(change: TextChange): void {
    const a = change.start;
    const b = change.end;
    const oldMap = this.map;
    const removedText = oldMap.slice(a, b);
    const insertedLength = [...change.text].length;
    const u16a = oldMap.toUtf16(a);
    const u16b = oldMap.toUtf16(b);
    this.textValue = this.textValue.slice(0, u16a) + change.text + this.textValue.slice(u16b);
    this.map = oldMap.edited(this.textValue, u16a, u16b);
    const shift = (s: number, e: number) => shiftSpan(s, e, a, b, insertedLength);

    const grave: Grave = { at: a, text: removedText, tags: [], rejections: [] };
    let changed = false;
    for (const tag of [...this.tagMap.values()]) {
      const r = shift(tag.start, tag.end);
      if (r.kind === 'moved') {
        if (r.start !== tag.start) {
          tag.start = r.start;
          tag.end = r.end;
          changed = true;
        }
        continue;
      }
      changed = true;
      grave.tags.push({ tag: { ...tag }, rel: tag.start - a });
      if (r.kind === 'deleted') {
        this.tagMap.delete(tag.id);
        continue;
      }
      tag.start = r.start;
      tag.end = r.end;
      tag.text = this.map.slice(r.start, r.end);
      clearValues(tag);
      this.valuesPending.add(tag.id);
      if (LINE_BREAK.test(tag.text)) this.tagMap.delete(tag.id);
    }
    for (const rej of [...this.rejections.values()]) {
      const r = shift(rej.start, rej.end);
      if (r.kind === 'moved') {
        if (r.start !== rej.start) {
          rej.start = r.start;
          rej.end = r.end;
          changed = true;
        }
        continue;
      }
      changed = true;
      grave.rejections.push({ rejection: { ...rej }, rel: rej.start - a });
      this.rejections.delete(rej.id);
    }
    // discontinuous spans (brat): every fragment follows the text; one whose text is removed leaves the span stale
    for (const d of this.discontinuous) {
      if (d.stale) continue;
      const moved = d.fragments.map(([fs, fe]) => shift(fs, fe));
      if (moved.some((r) => r.kind === 'deleted')) {
        d.stale = true;
        continue;
      }
      const fragments = moved.map((r) => [(r as { start: number }).start, (r as { end: number }).end] as [number, number]);
      if (fragments.every(([fs, fe], i) => fs === d.fragments[i][0] && fe === d.fragments[i][1])) continue;
      const text = this.fragmentsText(fragments);
      if (text === undefined || LINE_BREAK.test(text)) {
        d.stale = true;
        continue;
      }
      d.fragments = fragments;
      d.text = text;
      const cr = d.line.raw.endsWith('\r') ? '\r' : '';
      d.line.raw = `${d.id}\t${d.label} ${fragments.map((f) => f.join(' ')).join(';')}\t${text}${cr}`;
      changed = true;
    }
    // machine spans: those touched by the edit are stale until the next analysis
    // (spans not read yet are for the old text: none until the next analysis)
    this.machineSource = undefined;
    if (this.machineSpans.length) {
      this.machineEdits.push({ a, b, inserted: insertedLength });
      if (this.machineEdits.length > 256) void this.machine; // applied now and then when no analysis comes
    }
    // the undo history follows the text too
    for (const entry of [...this.undoStack, ...this.redoStack]) {
      for (const op of entry.ops) {
        if (op.kind === 'reviewed') continue;
        for (const side of ['before', 'after'] as const) {
          const t = op[side];
          if (!t) continue;
          const r = shift(t.start, t.end);
          if (r.kind === 'deleted') (t as any).gone = true;
          else {
            t.start = r.start;
            t.end = r.end;
            t.text = this.map.slice(r.start, r.end);
          }
        }
      }
    }

    // an edit that re-inserts text an earlier edit removed, at the same place, restores what that edit removed
    const restored = this.graves.findIndex((g) => g.at === a && g.text === change.text);
    if (restored >= 0) {
      const g = this.graves.splice(restored, 1)[0];
      for (const { tag, rel } of g.tags) {
        const start = a + rel;
        const end = start + (tag.end - tag.start);
        if (end > this.map.codePointLength || this.map.slice(start, end) !== tag.text) continue;
        const live = this.tagMap.get(tag.id);
        if (!live && this.mismatchMap.has(tag.id)) continue;
        this.tagMap.set(tag.id, { ...tag, start, end });
        changed = true;
      }
      for (const { rejection, rel } of g.rejections) {
        const start = a + rel;
        const end = start + (rejection.end - rejection.start);
        if (end > this.map.codePointLength || this.map.slice(start, end) !== rejection.text) continue;
        this.rejections.set(rejection.id, { ...rejection, start, end });
        changed = true;
      }
    }
    const graves: Grave[] = [];
    for (const g of this.graves) {
      const at = shiftPoint(g.at, a, b, insertedLength);
      if (at !== undefined) graves.push({ ...g, at });
    }
    if (grave.tags.length || grave.rejections.length) graves.push(grave);
    this.graves = graves.slice(-MAX_GRAVES);
    if (changed) this.revision++;
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  private acceptSuggestions(chosen: Suggestion[], name: string): OpResult {
    const ops: Op[] = [];
    let last: AnnTag | undefined;
    for (const s of chosen) {
      if (this.checkExtent(s.start, s.end, s.label)) continue;
      const tag: AnnTag = { id: this.newTagId(), label: s.label, start: s.start, end: s.end, text: s.text, ...tagValues(s) };
      this.tagMap.set(tag.id, tag);
      ops.push({ kind: 'tag', id: tag.id, after: { ...tag } });
      last = tag;
    }
    if (!ops.length) return fail(msg('The suggestion overlaps a tag and its label may not overlap.'));
    this.commit(name, ops);
    return { ok: true, changed: true, tag: last, count: ops.length };
  }

  private relabelTag(tag: AnnTag, label: string): OpResult {
    const before = { ...tag };
    tag.label = label;
    clearValues(tag);
    this.fillValues(tag);
    this.commit('relabel', [{ kind: 'tag', id: tag.id, before, after: { ...tag } }]);
    return { ok: true, changed: true, tag };
  }

  /** Takes the values of the machine span with the same extent and label, or waits for the next analysis. */
  private fillValues(tag: AnnTag): void {
    const machine = this.machine.find((s) => s.start === tag.start && s.end === tag.end && s.label === tag.label);
    if (machine && hasValues(machine)) {
      Object.assign(tag, tagValues(machine));
      this.valuesPending.delete(tag.id);
    } else this.valuesPending.add(tag.id);
  }

  private addRejection(s: { start: number; end: number; label: string; text: string }): Rejection {
    const r: Rejection = { id: `x${++this.rejectionCounter}`, label: s.label, start: s.start, end: s.end, text: s.text };
    this.rejections.set(r.id, r);
    return r;
  }

  private commit(name: string, ops: Op[]): void {
    this.undoStack.push({ name, ops });
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    this.redoStack = [];
    this.revision++;
  }

  private applyOps(ops: Op[], side: 'before' | 'after'): void {
    const list = side === 'before' ? [...ops].reverse() : ops;
    for (const op of list) {
      if (op.kind === 'reviewed') {
        this.reviewedFlag = op[side];
        if (!this.reviewedFlag) this.reviewedAt = undefined;
        continue;
      }
      const target = op[side];
      const store: Map<string, AnnTag | Rejection> = op.kind === 'tag' ? this.tagMap : this.rejections;
      if (!target) {
        store.delete(op.id);
      } else if (!(target as any).gone && this.matches(target)) {
        const copy = { ...target };
        delete (copy as any).gone;
        store.set(op.id, copy as any);
      }
    }
  }

  /** Why [start, end) cannot carry this label, or undefined when it can. */
  private checkExtent(start: number, end: number, label: string, ignoreId?: string): Message | undefined {
    if (start < 0 || end > this.map.codePointLength || end <= start) {
      return msg('The span {0}–{1} is outside the text.', start, end);
    }
    const text = this.map.slice(start, end);
    if (LINE_BREAK.test(text)) return msg('A tag cannot span a line break (brat stores one line per tag).');
    const mine = findLabel(this.schema, label)?.mayOverlap ?? false;
    for (const t of this.tagMap.values()) {
      if (t.id === ignoreId || t.end <= start || end <= t.start) continue;
      if (t.start === start && t.end === end && ignoreId === undefined) continue; // same extent: relabel
      const theirs = findLabel(this.schema, t.label)?.mayOverlap ?? false;
      if (!(mine && theirs)) {
        return msg('It would overlap {0} ({1} "{2}"); labels may overlap only when both have "mayOverlap": true in the schema.', t.id, t.label, t.text);
      }
    }
    return undefined;
  }

  private trim(start: number, end: number): [number, number] | undefined {
    start = Math.max(0, start);
    end = Math.min(this.map.codePointLength, end);
    const chars = [...this.map.slice(start, end)];
    let i = 0;
    let j = chars.length;
    while (i < j && EDGE_SPACE.test(chars[i])) i++;
    while (j > i && EDGE_SPACE.test(chars[j - 1])) j--;
    return j > i ? [start + i, start + j] : undefined;
  }

  /** brat's text of a discontinuous span: the fragments' texts joined with a space (undefined if out of range). */
  private fragmentsText(fragments: [number, number][]): string | undefined {
    if (fragments.some(([fs, fe]) => fs < 0 || fe < fs || fe > this.map.codePointLength)) return undefined;
    return fragments.map(([fs, fe]) => this.map.slice(fs, fe)).join(' ');
  }

  private matches(t: { start: number; end: number; text: string }): boolean {
    return t.start >= 0 && t.end >= t.start && t.end <= this.map.codePointLength && this.map.slice(t.start, t.end) === t.text;
  }

  private occurrences(needle: string): number[] {
    const out: number[] = [];
    if (!needle) return out;
    for (let i = this.textValue.indexOf(needle); i >= 0; i = this.textValue.indexOf(needle, i + 1)) {
      out.push(this.map.toCodePoint(i));
    }
    return out;
  }

  private newTagId(): string {
    return `T${++this.maxTagNumber}`;
  }

  private noteId(id: string): void {
    const m = /^T(\d+)$/.exec(id);
    if (m) this.maxTagNumber = Math.max(this.maxTagNumber, Number(m[1]));
  }
}

function said(m: Message): { message: string; localisable: Message } {
  return { message: formatMessage(m), localisable: m };
}

function fail(m: Message): OpResult {
  return { ok: false, changed: false, ...said(m) };
}

function byStart(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}

function smallestAt<T extends { start: number; end: number }>(items: T[], offset: number): T | undefined {
  const inside = items.filter((t) => t.start <= offset && offset < t.end);
  const candidates = inside.length ? inside : items.filter((t) => t.end === offset);
  return candidates.sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start)[0];
}

function tagValues(s: NormalisedValues): NormalisedValues {
  const v = valuesOf(s);
  delete v.confidence; // machine confidence means nothing once a person has confirmed the tag
  return v;
}

function hasValues(v: NormalisedValues): boolean {
  return Object.keys(tagValues(v)).length > 0;
}

function clearValues(t: AnnTag): void {
  for (const k of SPAN_VALUE_KEYS) delete t[k];
}
