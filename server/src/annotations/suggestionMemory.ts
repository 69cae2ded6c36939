// Online adaptation while tagging (issue 14, item 2): what the annotator decided in one article changes the
// suggestions of every article of the workspace at once, without retraining the model.
//
// The rule (README, "Suggestions that learn from your tags"):
// - Rejecting a suggestion records its (text, label) for the workspace: no suggestion of that label on that exact
//   string anywhere in the workspace from then on (machine or learned). Kept in `.news-annotator/suggestion-memory.json`.
// - Every confirmed tag of the workspace's `.ann` files feeds a lexicon (text → label → count). Wherever a lexicon
//   string recurs in an article, it is suggested with its label (the label the user gave it most; a tie suggests
//   nothing), unless:
//     - it is shorter than 2 characters, or the (text, label) is rejected;
//     - it lies inside a longer machine span or crosses a machine span's edge (李明 inside the name 李明亮), or inside or
//       across a confirmed tag;
//     - a Latin letter or digit touches it (IBM inside IBMX, 3 inside 35);
//     - a longer lexicon string covers it (leftmost-longest matching: 北京大学 before 北京).
//   A learned suggestion replaces machine spans with the same extent (the model's other label) and those inside it.
// - Tagging a string with a label lifts a rejection of that (text, label): the latest decision wins.
// Matching is one Aho-Corasick pass over the text per article (no per-string scans). No I/O here: the language
// server reads and writes the memory file and the .ann files (server/src/lsp/suggestionLearning.ts).
import type { Span } from '../core/types';

export const MEMORY_FILE = 'suggestion-memory.json';
export const MEMORY_VERSION = 1;
/** Strings shorter than this (code points) are never propagated: one character is too ambiguous. */
export const MIN_LEARNED_LENGTH = 2;

export interface RejectedPair {
  text: string;
  label: string;
  /** ISO time of the rejection. */
  at?: string;
}

/** A machine span or a suggestion learned from the user's tags (`learned`: how many tags it comes from). */
export type AdaptedSpan = Span & { learned?: number };

export interface AdaptOptions {
  /** Propagate tagged strings (newsAnnotator.suggestions.learnFromTags); rejections apply either way. */
  learnFromTags: boolean;
  /** Confirmed tags of this article (code points): learned suggestions never overlap them. */
  tags?: readonly { start: number; end: number }[];
  /** Labels that may be suggested (the schema's); all when omitted. */
  labels?: ReadonlySet<string>;
}

const pairKey = (text: string, label: string) => `${label}\t${text}`;

interface AcNode {
  next: Map<number, number>;
  fail: number;
  /** The lexicon string ending here (its length in code points), or 0. */
  length: number;
  /** The longest lexicon string ending here through the fail chain (length), for leftmost-longest matching. */
  out: number;
}

/** An Aho-Corasick automaton over UTF-16 code units (a lexicon string's surrogate pairs match as two units). */
class Automaton {
  private readonly nodes: AcNode[] = [{ next: new Map(), fail: 0, length: 0, out: 0 }];
  /** The root's transitions as a table (most steps of a scan start again from the root). */
  private readonly root = new Int32Array(65536);

  constructor(strings: Iterable<string>) {
    for (const s of strings) {
      let n = 0;
      for (let i = 0; i < s.length; i++) {
        const unit = s.charCodeAt(i);
        let to = this.nodes[n].next.get(unit);
        if (to === undefined) {
          to = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, length: 0, out: 0 });
          this.nodes[n].next.set(unit, to);
        }
        n = to;
      }
      this.nodes[n].length = s.length;
    }
    const queue: number[] = [];
    for (const [unit, to] of this.nodes[0].next) {
      this.root[unit] = to;
      queue.push(to);
      this.nodes[to].out = this.nodes[to].length;
    }
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q];
      for (const [unit, v] of this.nodes[u].next) {
        let f = this.nodes[u].fail;
        while (f !== 0 && !this.nodes[f].next.has(unit)) f = this.nodes[f].fail;
        const target = f === 0 ? this.root[unit] : this.nodes[f].next.get(unit)!;
        this.nodes[v].fail = target !== v ? target : 0;
        this.nodes[v].out = Math.max(this.nodes[v].length, this.nodes[this.nodes[v].fail].out);
        queue.push(v);
      }
    }
  }

  /** Every occurrence [start, end) in UTF-16 units, ordered by end. */
  scan(text: string): { start: number; end: number }[] {
    const found: { start: number; end: number }[] = [];
    const nodes = this.nodes;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (n !== 0) {
        let to = nodes[n].next.get(unit);
        while (to === undefined && n !== 0) {
          n = nodes[n].fail;
          to = n === 0 ? undefined : nodes[n].next.get(unit);
        }
        n = to ?? this.root[unit];
      } else n = this.root[unit];
      if (n === 0 || nodes[n].out === 0) continue;
      // every string ending here, through the fail chain
      for (let m = n; m !== 0 && nodes[m].out !== 0; m = nodes[m].fail) {
        if (nodes[m].length) found.push({ start: i + 1 - nodes[m].length, end: i + 1 });
      }
    }
    return found;
  }
}

export class SuggestionMemory {
  private readonly rejectedPairs = new Map<string, RejectedPair>();
  /** Confirmed tags per document (an id: the .ann path), as (text, label) → count. */
  private readonly documents = new Map<string, Map<string, number>>();
  /** text → label → count over all documents. */
  private readonly lexicon = new Map<string, Map<string, number>>();
  private automaton: Automaton | undefined;
  /** Increments whenever what adapt() returns could change. */
  revision = 0;

  /** Whether adapt() can return anything but the machine spans as they are (rejections, or tags to learn from). */
  adapts(learnFromTags: boolean): boolean {
    return this.rejectedPairs.size > 0 || (learnFromTags && this.lexicon.size > 0);
  }

  // ---- rejections -----------------------------------------------------------------------------------------------

  /** Records a rejected suggestion; true when it is new. */
  reject(text: string, label: string, at = new Date()): boolean {
    const key = pairKey(text, label);
    if (this.rejectedPairs.has(key)) return false;
    this.rejectedPairs.set(key, { text, label, at: at.toISOString() });
    this.revision++;
    return true;
  }

  /** Forgets a rejection (the user tagged that string with that label, or undid the rejection); true when it was there. */
  unreject(text: string, label: string): boolean {
    const removed = this.rejectedPairs.delete(pairKey(text, label));
    if (removed) this.revision++;
    return removed;
  }

  isRejected(text: string, label: string): boolean {
    return this.rejectedPairs.has(pairKey(text, label));
  }

  rejected(): RejectedPair[] {
    return [...this.rejectedPairs.values()];
  }

  // ---- the lexicon of confirmed tags ----------------------------------------------------------------------------

  /** Documents whose tags come from an open tag store (a scan of the files on disk does not overwrite them). */
  private readonly liveDocuments = new Set<string>();

  /** Replaces what one document contributes (its confirmed tags now); `live`: from an open article's tag store. */
  setDocumentTags(document: string, tags: readonly { text: string; label: string }[], live = true): void {
    if (live) this.liveDocuments.add(document);
    const counts = new Map<string, number>();
    for (const t of tags) {
      if ([...t.text].length < MIN_LEARNED_LENGTH || /[\r\n]/.test(t.text)) continue;
      const key = pairKey(t.text, t.label);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const before = this.documents.get(document);
    if (before && sameCounts(before, counts)) return;
    if (before) this.addCounts(before, -1);
    if (counts.size) this.documents.set(document, counts);
    else this.documents.delete(document);
    this.addCounts(counts, 1);
    this.revision++;
  }

  forgetDocument(document: string): void {
    this.setDocumentTags(document, [], false);
    this.liveDocuments.delete(document);
  }

  /** The documents that contribute tags. */
  documentIds(): string[] {
    return [...this.documents.keys()];
  }

  /** Whether an open article's tag store keeps this document's contribution current. */
  hasDocument(document: string): boolean {
    return this.liveDocuments.has(document);
  }

  /** How many confirmed tags the lexicon holds (what the suggestions learn from). */
  tagCount(): number {
    let n = 0;
    for (const labels of this.lexicon.values()) for (const c of labels.values()) n += c;
    return n;
  }

  /** The label a string is suggested with (the one tagged most; undefined on a tie or when rejected), and its count. */
  learnedLabel(text: string): { label: string; count: number; share: number } | undefined {
    const labels = this.lexicon.get(text);
    if (!labels) return undefined;
    let best: string | undefined;
    let count = 0;
    let total = 0;
    let tie = false;
    for (const [label, c] of labels) {
      total += c;
      if (c > count) {
        best = label;
        count = c;
        tie = false;
      } else if (c === count) tie = true;
    }
    if (!best || tie || this.isRejected(text, best)) return undefined;
    return { label: best, count, share: count / total };
  }

  // ---- suggestions ----------------------------------------------------------------------------------------------

  /**
   * The suggestions of an article after what the workspace learned: machine spans minus rejected (text, label)
   * pairs, plus the lexicon's strings where they recur (see the rule at the top of this file). Code points.
   */
  adapt(text: string, machine: readonly Span[], options: AdaptOptions): AdaptedSpan[] {
    const kept: AdaptedSpan[] = this.rejectedPairs.size ? machine.filter((s) => !this.isRejected(s.text, s.label)) : [...machine];
    if (!options.learnFromTags || this.lexicon.size === 0) return kept;
    this.automaton ??= new Automaton(this.lexicon.keys());
    const occurrences = this.automaton.scan(text);
    if (!occurrences.length) return kept;
    // leftmost-longest, no overlaps
    occurrences.sort((x, y) => x.start - y.start || y.end - x.end);
    const chosen: { start: number; end: number }[] = [];
    let reach = 0;
    for (const o of occurrences) {
      if (o.start < reach) continue;
      chosen.push(o);
      reach = o.end;
    }
    // UTF-16 → code points, walking forward (the occurrences are in order)
    let unit = 0;
    let cp = 0;
    const toCp = (u: number) => {
      for (; unit < u; unit++) {
        const c = text.charCodeAt(unit);
        if (c < 0xdc00 || c > 0xdfff || unit === 0 || (text.charCodeAt(unit - 1) & 0xfc00) !== 0xd800) cp++;
      }
      return cp;
    };
    const tags = [...(options.tags ?? [])].sort((x, y) => x.start - y.start);
    const sortedMachine = [...machine].sort((x, y) => x.start - y.start);
    const guesses = new Map<string, ReturnType<SuggestionMemory['learnedLabel']>>();
    const learned: AdaptedSpan[] = [];
    const replaced = new Set<Span>();
    let m0 = 0;
    let t0 = 0;
    for (const o of chosen) {
      // a half surrogate pair at either end is not a match
      if (isLowSurrogate(text.charCodeAt(o.start)) || isHighSurrogate(text.charCodeAt(o.end - 1))) continue;
      if (o.start > 0 && isLatinOrDigit(text.charCodeAt(o.start - 1)) && isLatinOrDigit(text.charCodeAt(o.start))) continue;
      if (o.end < text.length && isLatinOrDigit(text.charCodeAt(o.end)) && isLatinOrDigit(text.charCodeAt(o.end - 1))) continue;
      const s = text.slice(o.start, o.end);
      let guess = guesses.get(s);
      if (!guesses.has(s)) {
        guess = this.learnedLabel(s);
        guesses.set(s, guess);
      }
      if (!guess || (options.labels && !options.labels.has(guess.label))) continue;
      const start = toCp(o.start);
      const end = toCp(o.end);
      while (t0 < tags.length && tags[t0].end <= start) t0++;
      let tagged = false;
      for (let k = t0; k < tags.length && tags[k].start < end && !tagged; k++) tagged = tags[k].end > start;
      if (tagged) continue;
      while (m0 < sortedMachine.length && sortedMachine[m0].end <= start - 200) m0++;
      let inside = false;
      let same: Span | undefined;
      const within: Span[] = [];
      for (let k = m0; k < sortedMachine.length && sortedMachine[k].start < end; k++) {
        const m = sortedMachine[k];
        if (m.end <= start) continue;
        if (m.start === start && m.end === end) {
          if (m.label === guess.label) same = m;
          else within.push(m);
        } else if (m.start >= start && m.end <= end) within.push(m);
        else inside = true; // a longer machine span holds it, or one crosses its edge
      }
      if (inside || same) continue;
      for (const m of within) replaced.add(m);
      learned.push({ start, end, label: guess.label as Span['label'], text: s, confidence: round3(guess.share), learned: guess.count });
    }
    if (!learned.length) return kept;
    return [...kept.filter((s) => !replaced.has(s)), ...learned].sort((a, b) => a.start - b.start || a.end - b.end);
  }

  // ---- the file -------------------------------------------------------------------------------------------------

  /** Reads the memory file's text; a malformed file gives an error message and an empty memory. */
  load(content: string | undefined): { error?: string } {
    this.rejectedPairs.clear();
    this.revision++;
    if (content === undefined || content.trim() === '') return {};
    let json: any;
    try {
      json = JSON.parse(content);
    } catch (err) {
      return { error: `not JSON: ${(err as Error).message}` };
    }
    if (!json || typeof json !== 'object' || !Array.isArray(json.rejected)) return { error: 'expected {"version": 1, "rejected": [...]}' };
    for (const r of json.rejected) {
      if (r && typeof r.text === 'string' && typeof r.label === 'string' && r.text) {
        this.rejectedPairs.set(pairKey(r.text, r.label), { text: r.text, label: r.label, at: typeof r.at === 'string' ? r.at : undefined });
      }
    }
    return {};
  }

  /** The memory file's text (rejections sorted by label and text, so the file diffs well). */
  serialize(): string {
    const rejected = this.rejected().sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return JSON.stringify({ version: MEMORY_VERSION, rejected }, null, 2) + '\n';
  }

  private addCounts(counts: Map<string, number>, sign: 1 | -1): void {
    for (const [key, c] of counts) {
      const tab = key.indexOf('\t');
      const label = key.slice(0, tab);
      const text = key.slice(tab + 1);
      let labels = this.lexicon.get(text);
      if (!labels) {
        if (sign < 0) continue;
        labels = new Map();
        this.lexicon.set(text, labels);
        this.automaton = undefined;
      }
      const n = (labels.get(label) ?? 0) + sign * c;
      if (n > 0) labels.set(label, n);
      else labels.delete(label);
      if (labels.size === 0) {
        this.lexicon.delete(text);
        this.automaton = undefined;
      }
    }
  }
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** ASCII and full-width Latin letters and digits. */
function isLatinOrDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
