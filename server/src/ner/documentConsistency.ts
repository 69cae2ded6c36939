// Document-level consistency, the second pass taggers in the field make over a whole document: a name the model
// recognised with good confidence somewhere in a document is suggested, with that type, at the other places the
// same string occurs and the model left it out (or cut it short: 唐四 inside 唐四清). The model decodes sentence by
// sentence, so a name repeated through an article is found in some sentences and missed in others.
// Guards (measured on the dev parts, README "Named entities"):
//  - a name counts as evidence when one of its spans has confidence >= MIN_EVIDENCE or the confidences of its spans
//    of that type add up to MIN_SUM (a name found weakly, often), its spans of other types add up to at most
//    OTHER_SHARE of that, and it has at least MIN_LENGTH characters, all Han;
//  - a two-character PER whose every occurrence is followed by the same character is completed to three
//    (DocumentNames.completion: 樊富 -> 樊富珉);
//  - it is not a common word: the word tagger (server/src/segmentation) does not read the string alone as one
//    dictionary word outside the name tags (nr, ns, nt, nz);
//  - an occurrence must start and end on word boundaries of the word tagger's reading of the text (张华 is not taken
//    from 张华东说, read 张|华东|说), must not lie inside or cross any span of the document (北京 in 北京大学 stays), except spans
//    of the same type it contains wholly (the cut 唐四 is replaced by 唐四清).
// Spans are UTF-16 offsets into each part; the parts of one document are its paragraphs (the editor's units) or the
// whole text (analyze()): both give the same spans.
import { ENTITY_LABELS, EntityLabel } from '../core/types';
import { WordTagger, jiebaTag } from './features';
import type { EntitySpan } from './postRules';

/** Smallest confidence of a span that makes its string evidence for the rest of the document. */
export const MIN_EVIDENCE = 0.9;
/** Or: the confidences of the string's spans of one type add up to at least this (a name found weakly, often). */
export const MIN_SUM = 1.5;
/** The string's spans of other types may add up to at most this share of the chosen type's sum. */
export const OTHER_SHARE = 0.5;
/** Shortest name (code points) that is spread. */
export const MIN_LENGTH = 2;
/** Confidence of a spread span: the evidence's best confidence times this (the precision measured on MSRA dev). */
export const SPREAD_FACTOR = 0.9;

const NAME_TAGS = /^(nr|ns|nt|nz)/;
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;

/** One part of a document (a paragraph, or the whole text) as the pass needs it. */
export interface DocumentPart {
  text: string;
  /** The part's entity spans (UTF-16 offsets into `text`). */
  spans: readonly EntitySpan[];
  /**
   * Where the word tagger's words start or end in `text` (UTF-16 offsets, ascending): its reading of the entity
   * model's decoding units (EntityRecogniser.recogniseAll), so that a paragraph and the whole text give the same.
   */
  wordBounds: ArrayLike<number>;
  /** Strings of the part's spans that the word tagger reads alone as one word that is not a name (commonWords). */
  common: readonly string[];
}

/** The strings of `spans` that the word tagger reads alone as one dictionary word outside the name tags (国家, 发展). */
export function commonWords(text: string, spans: readonly EntitySpan[], tagger: WordTagger = jiebaTag): string[] {
  const out = new Set<string>();
  for (const s of spans) {
    const name = text.slice(s.start, s.end);
    if (!out.has(name) && isCommonWord(name, tagger)) out.add(name);
  }
  return [...out];
}

/** The names of a document that are spread, by first character, longest first. */
export interface NameTable {
  byFirst: Map<string, NameEntry[]>;
}

export interface NameEntry {
  name: string;
  label: EntityLabel;
  confidence: number;
}

/** The spans of each part with the document's names spread to their other occurrences (see spreadNames). */
export function spreadDocumentNames(parts: readonly DocumentPart[]): EntitySpan[][] {
  const table = documentNameTable(parts);
  return parts.map((p) => [...spreadNames(p, table)]);
}

/** The names the document's spans give evidence for (the guards at the top of this file). */
export function documentNameTable(parts: readonly Pick<DocumentPart, 'text' | 'spans' | 'common'>[]): NameTable {
  const names = new DocumentNames();
  for (const p of parts) names.add(p);
  names.update();
  return names.table;
}

/** What one part gave a DocumentNames (to take it back with remove()). */
export interface NamesContribution {
  text: string;
  /** Each span's string, type and confidence in thousandths. */
  names: { name: string; label: EntityLabel; milli: number }[];
  common: readonly string[];
}

/** Per type of a string: the sum of its spans' confidences and how many spans have each confidence (thousandths). */
interface LabelEvidence {
  sum: number;
  counts: Map<number, number>;
}

/** Where a two-character string occurs in the parts: how often, and the characters after it and after those. */
interface Occurrences {
  count: number;
  next: Map<string, number>;
  after: Map<string, number>;
}

/**
 * The document's name table kept as parts come and go (the editor's paragraphs as they are edited): the evidence
 * of each string is a sum per type, so a part's spans are added and taken back; update() works out again only the
 * names whose evidence, common-word status or completion changed, and says which entries of the table changed (a
 * paragraph needs its names spread again only when it mentions one of them). The table is the one analyze() gets
 * from the whole text: the evidence does not depend on the order of the spans (a type's confidence is the best of
 * its spans; sums in thousandths, so adding and taking back is exact).
 */
export class DocumentNames {
  readonly table: NameTable = { byFirst: new Map() };
  private readonly parts = new Set<NamesContribution>();
  private readonly evidence = new Map<string, Map<EntityLabel, LabelEvidence>>();
  private readonly common = new Map<string, number>();
  /** Kept for every string that was a completion candidate once, up to date with the parts. */
  private readonly occurrences = new Map<string, Occurrences>();
  private readonly entries = new Map<string, NameEntry>();
  /** The three-character name each two-character one was completed to at the last update. */
  private readonly completedTo = new Map<string, string>();
  private dirty = new Set<string>();

  add(part: Pick<DocumentPart, 'text' | 'spans' | 'common'>): NamesContribution {
    const c: NamesContribution = {
      text: part.text,
      names: part.spans.map((s) => ({ name: part.text.slice(s.start, s.end), label: s.label, milli: Math.round(s.confidence * 1000) })),
      common: part.common,
    };
    this.parts.add(c);
    this.apply(c, 1);
    return c;
  }

  remove(c: NamesContribution): void {
    if (!this.parts.delete(c)) return;
    this.apply(c, -1);
  }

  private apply(c: NamesContribution, sign: 1 | -1): void {
    for (const { name, label, milli } of c.names) {
      let byLabel = this.evidence.get(name);
      if (!byLabel) this.evidence.set(name, (byLabel = new Map()));
      let e = byLabel.get(label);
      if (!e) byLabel.set(label, (e = { sum: 0, counts: new Map() }));
      e.sum += sign * milli;
      bump(e.counts, milli, sign);
      if (e.counts.size === 0) byLabel.delete(label);
      if (byLabel.size === 0) this.evidence.delete(name);
      this.dirty.add(name);
    }
    for (const word of c.common) {
      bump(this.common, word, sign);
      this.dirty.add(word);
    }
    for (const [name, o] of this.occurrences) {
      if (!c.text.includes(name)) continue;
      addOccurrences(o, c.text, name, sign);
      this.dirty.add(name);
    }
  }

  /** Brings the table to the parts; returns the names whose entry was added, changed or removed. */
  update(): Set<string> {
    const dirty = this.dirty;
    this.dirty = new Set();
    // a two-character name's completion and the three-character name it gives depend on each other
    for (const name of [...dirty]) {
      if (name.length === 2) {
        const before = this.completedTo.get(name);
        if (before) dirty.add(before);
        const own = this.best(name);
        const next = own && isCandidate(name, own.label) ? this.completion(name) : undefined;
        if (next !== undefined) dirty.add(name + next);
      } else if (name.length === 3) dirty.add(name.slice(0, 2));
    }
    const changed = new Set<string>();
    for (const name of dirty) {
      const entry = this.resolve(name);
      const old = this.entries.get(name);
      if (old && entry && old.label === entry.label && old.confidence === entry.confidence) continue;
      if (!old && !entry) continue;
      changed.add(name);
      const list = this.table.byFirst.get(name[0]) ?? [];
      const at = old ? list.indexOf(old) : -1;
      if (at >= 0) list.splice(at, 1);
      if (entry) {
        this.entries.set(name, entry);
        // at each place the longest name is tried first (唐四清 before 唐四)
        let k = 0;
        while (k < list.length && list[k].name.length >= name.length) k++;
        list.splice(k, 0, entry);
      } else this.entries.delete(name);
      if (list.length) this.table.byFirst.set(name[0], list);
      else this.table.byFirst.delete(name[0]);
    }
    return changed;
  }

  /** The type a string's spans give it, with its best confidence and sums (thousandths). */
  private best(name: string): { label: EntityLabel; milli: number; sum: number; other: number } | undefined {
    const byLabel = this.evidence.get(name);
    if (!byLabel) return undefined;
    // (in the label table's order, so that a tie is decided the same whatever order the spans came in)
    let label: EntityLabel | undefined;
    let total = 0;
    for (const l of ENTITY_LABELS) {
      const e = byLabel.get(l);
      if (!e) continue;
      total += e.sum;
      if (!label || e.sum > byLabel.get(label)!.sum) label = l;
    }
    const e = byLabel.get(label!)!;
    let milli = 0;
    for (const m of e.counts.keys()) milli = Math.max(milli, m);
    return { label: label!, milli, sum: e.sum, other: total - e.sum };
  }

  /** The entry of a string in the table, if it has one (the guards at the top of this file). */
  private resolve(name: string): NameEntry | undefined {
    const own = this.best(name);
    if (own && isCandidate(name, own.label)) {
      const next = this.completion(name);
      if (next !== undefined && !this.evidence.has(name + next)) {
        this.completedTo.set(name, name + next);
        return undefined;
      }
    }
    if (name.length === 2) this.completedTo.delete(name);
    if (own) return this.entry(name, own, false);
    if (name.length === 3) {
      const short = name.slice(0, 2);
      const e = this.best(short);
      if (e && isCandidate(short, e.label) && this.completion(short) === name[2]) return this.entry(name, e, true);
    }
    return undefined;
  }

  private entry(name: string, e: { label: EntityLabel; milli: number; sum: number; other: number }, completed: boolean): NameEntry | undefined {
    if (e.other > OTHER_SHARE * e.sum) return undefined;
    if ((e.milli < MIN_EVIDENCE * 1000 && e.sum < MIN_SUM * 1000 && !completed) || !HAN.test(name) || [...name].length < MIN_LENGTH) return undefined;
    if (this.common.has(name)) return undefined;
    return { name, label: e.label, confidence: Math.round(e.milli * SPREAD_FACTOR) / 1000 };
  }

  /**
   * The character a two-character PER string is completed with: every occurrence (two or more) is followed by the
   * same Han character, with different characters after that one (李长和说, 李长和9日; not 于青报道 twice). The model's
   * local evidence cannot tell 李长和说 from 王明说 (README "Named entities": of 2-character PER spans followed by a Han
   * character on the dev parts, no local signal — surname, the word tagger's words, the model's score for going on —
   * picks the 3-character ones), but the document can; the longer name then takes the shorter one's evidence.
   */
  private completion(name: string): string | undefined {
    if (name.length !== 2 || !HAN.test(name)) return undefined;
    let o = this.occurrences.get(name);
    if (!o) {
      o = { count: 0, next: new Map(), after: new Map() };
      for (const c of this.parts) if (c.text.includes(name)) addOccurrences(o, c.text, name, 1);
      this.occurrences.set(name, o);
    }
    if (o.count < 2 || o.next.size !== 1 || o.after.size < 2) return undefined;
    const next = o.next.keys().next().value as string;
    return HAN.test(next) ? next : undefined;
  }
}

function isCandidate(name: string, label: EntityLabel): boolean {
  return label === 'PER' && name.length === 2 && HAN.test(name);
}

function addOccurrences(o: Occurrences, text: string, name: string, sign: 1 | -1): void {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    o.count += sign;
    bump(o.next, text[at + 2] ?? '', sign);
    bump(o.after, text[at + 3] ?? '', sign);
  }
}

/** Adds `by` to a count kept in a map; a count that comes to 0 leaves the map (so its size counts distinct keys). */
function bump<K>(counts: Map<K, number>, key: K, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n) counts.set(key, n);
  else counts.delete(key);
}

/**
 * One part's spans with the table's names spread over it: `part.spans` itself when nothing changes, else a new
 * array sorted by start.
 */
export function spreadNames(part: Pick<DocumentPart, 'text' | 'spans' | 'wordBounds'>, table: NameTable): readonly EntitySpan[] {
  const { text, wordBounds } = part;
  if (table.byFirst.size === 0) return part.spans;
  const sorted = [...part.spans].sort((a, b) => a.start - b.start);
  // the longest span, to bound the search for spans overlapping a place
  const reach = sorted.reduce((m, s) => Math.max(m, s.end - s.start), 0);
  const added: EntitySpan[] = [];
  const replaced = new Set<EntitySpan>();
  for (let at = 0; at < text.length; at++) {
    const list = table.byFirst.get(text[at]);
    if (!list) continue;
    for (const e of list) {
      if (!text.startsWith(e.name, at)) continue;
      const end = at + e.name.length;
      // spans overlapping [at, end): from the first one starting at or after at - reach
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid].start < at - reach) lo = mid + 1;
        else hi = mid;
      }
      const over: EntitySpan[] = [];
      for (let k = lo; k < sorted.length && sorted[k].start < end; k++) if (sorted[k].end > at) over.push(sorted[k]);
      if (over.some((s) => s.label !== e.label || s.start < at || s.end > end || (s.start === at && s.end === end))) continue;
      if (!isBound(wordBounds, at) || !isBound(wordBounds, end)) continue;
      for (const s of over) replaced.add(s);
      added.push({ start: at, end, label: e.label, confidence: e.confidence });
      at = end - 1;
      break;
    }
  }
  if (added.length === 0) return part.spans;
  return [...sorted.filter((s) => !replaced.has(s)), ...added].sort((a, b) => a.start - b.start);
}

/** Whether the word tagger reads `name` alone as one dictionary word that is not a name (国家, 发展, 同志). */
function isCommonWord(name: string, tagger: WordTagger): boolean {
  const words = tagger(name);
  return words.length === 1 && !NAME_TAGS.test(words[0].tag);
}

/** Whether `at` is in the ascending `bounds` (binary search). */
function isBound(bounds: ArrayLike<number>, at: number): boolean {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < bounds.length && bounds[lo] === at;
}
