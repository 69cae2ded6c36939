// Document-level consistency, the second pass taggers in the field make over a whole document: a name the model
// recognised with good confidence somewhere in a document is suggested, with that type, at the other places the
// same string occurs and the model left it out (or cut it short: 唐四 inside 唐四清). The model decodes sentence by
// sentence, so a name repeated through an article is found in some sentences and missed in others.
// Guards (measured on the dev parts, README "Named entities"):
//  - a name counts as evidence when one of its spans has confidence >= MIN_EVIDENCE or the confidences of its spans
//    of that type add up to MIN_SUM (a name found weakly, often), its spans of other types add up to at most
//    OTHER_SHARE of that, and it has at least MIN_LENGTH characters, all Han;
//  - a two-character PER whose every occurrence is followed by the same character is completed to three
//    (completeNames: 樊富 -> 樊富珉);
//  - it is not a common word: the word tagger (server/src/segmentation) does not read the string alone as one
//    dictionary word outside the name tags (nr, ns, nt, nz);
//  - an occurrence must start and end on word boundaries of the word tagger's reading of the text (张华 is not taken
//    from 张华东说, read 张|华东|说), must not lie inside or cross any span of the document (北京 in 北京大学 stays), except spans
//    of the same type it contains wholly (the cut 唐四 is replaced by 唐四清).
// Spans are UTF-16 offsets into each part; the parts of one document are its paragraphs (the editor's units) or the
// whole text (analyze()): both give the same spans.
import type { EntityLabel } from '../core/types';
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

interface Evidence {
  label: EntityLabel;
  /** The best confidence of a span of the string with `label`. */
  confidence: number;
  /** Sum of the confidences of the string's spans, per type. */
  sums: Map<EntityLabel, number>;
  /** A two-character name completed to three by the document (completeNames): taken whatever its confidence. */
  completed?: boolean;
}

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

/** The names of a document that are spread, by first character, longest first; `key` tells two tables apart. */
export interface NameTable {
  byFirst: Map<string, { name: string; label: EntityLabel; confidence: number }[]>;
  key: string;
}

/** The spans of each part with the document's names spread to their other occurrences (see spreadNames). */
export function spreadDocumentNames(parts: readonly DocumentPart[]): EntitySpan[][] {
  const table = documentNameTable(parts);
  return parts.map((p) => [...spreadNames(p, table)]);
}

/** The names the document's spans give evidence for (the guards at the top of this file). */
export function documentNameTable(parts: readonly Pick<DocumentPart, 'text' | 'spans' | 'common'>[]): NameTable {
  const texts = parts.map((p) => p.text);
  const common = new Set<string>();
  for (const p of parts) for (const c of p.common) common.add(c);
  const evidence = new Map<string, Evidence>();
  parts.forEach(({ text, spans }) => {
    for (const s of spans) {
      const name = text.slice(s.start, s.end);
      let e = evidence.get(name);
      if (!e) evidence.set(name, (e = { label: s.label, confidence: 0, sums: new Map() }));
      const sum = (e.sums.get(s.label) ?? 0) + s.confidence;
      e.sums.set(s.label, sum);
      if (sum > (e.sums.get(e.label) ?? 0) || s.label === e.label) {
        if (s.label !== e.label) e.confidence = 0;
        e.label = s.label;
        e.confidence = Math.max(e.confidence, s.confidence);
      }
    }
  });
  completeNames(texts, evidence);
  const byFirst: NameTable['byFirst'] = new Map();
  const keys: string[] = [];
  for (const [name, e] of evidence) {
    const sum = e.sums.get(e.label)!;
    let other = 0;
    for (const [l, v] of e.sums) if (l !== e.label) other += v;
    if (other > OTHER_SHARE * sum) continue;
    if ((e.confidence < MIN_EVIDENCE && sum < MIN_SUM && !e.completed) || !HAN.test(name) || [...name].length < MIN_LENGTH) continue;
    if (common.has(name)) continue;
    const entry = { name, label: e.label, confidence: Math.round(e.confidence * SPREAD_FACTOR * 1000) / 1000 };
    const list = byFirst.get(name[0]);
    if (list) list.push(entry);
    else byFirst.set(name[0], [entry]);
    keys.push(`${name} ${entry.label} ${entry.confidence}`);
  }
  // at each place the longest name is tried first (唐四清 before 唐四)
  for (const list of byFirst.values()) list.sort((a, b) => b.name.length - a.name.length);
  return { byFirst, key: keys.sort().join('\n') };
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

/**
 * Three-character names cut after two (樊富珉 found as 樊富): the model's local evidence cannot tell 李长和说 from
 * 王明说 (README "Named entities": of 2-character PER spans followed by a Han character on the dev parts, no local
 * signal — surname, the word tagger's words, the model's score for going on — picks the 3-character ones), but the
 * document can: a two-character PER string whose every occurrence (two or more) is followed by the same Han
 * character, with different characters after that one (李长和说, 李长和9日; not 于青报道 twice), is the start of a
 * three-character name. Its evidence becomes the longer name's, which the spread then puts over the cut spans.
 */
function completeNames(texts: readonly string[], evidence: Map<string, Evidence>): void {
  for (const [name, e] of [...evidence]) {
    if (e.label !== 'PER' || name.length !== 2 || !HAN.test(name)) continue;
    let next = '';
    const after = new Set<string>();
    let count = 0;
    let same = true;
    for (const text of texts) {
      for (let at = text.indexOf(name); at >= 0 && same; at = text.indexOf(name, at + 1)) {
        const c = text[at + 2] ?? '';
        if (count === 0) next = c;
        else if (c !== next) same = false;
        after.add(text[at + 3] ?? '');
        count++;
      }
      if (!same) break;
    }
    if (!same || count < 2 || after.size < 2 || !HAN.test(next)) continue;
    const longer = name + next;
    if (evidence.has(longer)) continue;
    evidence.delete(name);
    evidence.set(longer, { ...e, completed: true });
  }
}
