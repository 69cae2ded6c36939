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
//  - an occurrence must start and end on word boundaries of the word tagger's reading of its clause (no 张华 inside
//    张华北路's 华北), must not lie inside or cross any span of the document (北京 in 北京大学 stays), except spans
//    of the same type it contains wholly (the cut 唐四 is replaced by 唐四清).
// Spans are UTF-16 offsets into each text; texts are the parts of one document (its paragraphs, or the whole text).
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
/** The word tagger reads at most this many UTF-16 units on either side of an occurrence (within its clause). */
const CLAUSE_REACH = 60;

const NAME_TAGS = /^(nr|ns|nt|nz)/;
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;
/** Where the word tagger cuts its input into stretches segmented independently (segmentation/constants.ts). */
const SEPARATOR = /[ \t\n，。]/;

interface Evidence {
  label: EntityLabel;
  /** The best confidence of a span of the string with `label`. */
  confidence: number;
  /** Sum of the confidences of the string's spans, per type. */
  sums: Map<EntityLabel, number>;
  /** A two-character name completed to three by the document (completeNames): taken whatever its confidence. */
  completed?: boolean;
}

/**
 * The spans of each text with the document's names spread to their other occurrences (new arrays, sorted by
 * start). `tagger`: the word tagger judging boundaries and common words.
 */
export function spreadDocumentNames(texts: readonly string[], spans: readonly (readonly EntitySpan[])[], tagger: WordTagger = jiebaTag): EntitySpan[][] {
  const evidence = new Map<string, Evidence>();
  texts.forEach((text, t) => {
    for (const s of spans[t]) {
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
  const names: [string, Evidence][] = [];
  for (const [name, e] of evidence) {
    const sum = e.sums.get(e.label)!;
    let other = 0;
    for (const [l, v] of e.sums) if (l !== e.label) other += v;
    if (other > OTHER_SHARE * sum) continue;
    if ((e.confidence < MIN_EVIDENCE && sum < MIN_SUM && !e.completed) || !HAN.test(name) || [...name].length < MIN_LENGTH) continue;
    if (isCommonWord(name, tagger)) continue;
    names.push([name, e]);
  }
  if (names.length === 0) return spans.map((s) => [...s]);
  // by first character, longest first: at each place the longest name is tried first (唐四清 before 唐四)
  const byFirst = new Map<string, [string, Evidence][]>();
  for (const entry of names) {
    const list = byFirst.get(entry[0][0]);
    if (list) list.push(entry);
    else byFirst.set(entry[0][0], [entry]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b[0].length - a[0].length);
  return texts.map((text, t) => {
    const sorted = [...spans[t]].sort((a, b) => a.start - b.start);
    // the longest span, to bound the search for spans overlapping a place
    const reach = sorted.reduce((m, s) => Math.max(m, s.end - s.start), 0);
    const added: EntitySpan[] = [];
    const replaced = new Set<EntitySpan>();
    for (let at = 0; at < text.length; at++) {
      const list = byFirst.get(text[at]);
      if (!list) continue;
      for (const [name, e] of list) {
        if (!text.startsWith(name, at)) continue;
        const end = at + name.length;
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
        if (!onWordBoundaries(text, at, end, tagger)) continue;
        for (const s of over) replaced.add(s);
        added.push({ start: at, end, label: e.label, confidence: Math.round(e.confidence * SPREAD_FACTOR * 1000) / 1000 });
        at = end - 1;
        break;
      }
    }
    if (added.length === 0) return sorted;
    return [...sorted.filter((s) => !replaced.has(s)), ...added].sort((a, b) => a.start - b.start);
  });
}

/** Whether the word tagger reads `name` alone as one dictionary word that is not a name (国家, 发展, 同志). */
function isCommonWord(name: string, tagger: WordTagger): boolean {
  const words = tagger(name);
  return words.length === 1 && !NAME_TAGS.test(words[0].tag);
}

/** Whether [start, end) starts and ends on word boundaries of the word tagger's reading of its clause. */
function onWordBoundaries(text: string, start: number, end: number, tagger: WordTagger): boolean {
  let from = start;
  while (from > 0 && start - from < CLAUSE_REACH && !SEPARATOR.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && to - end < CLAUSE_REACH && !SEPARATOR.test(text[to])) to++;
  let at = from;
  let startOk = start === from;
  let endOk = end === to;
  for (const { word } of tagger(text.slice(from, to))) {
    at += word.length;
    if (at === start) startOk = true;
    if (at === end) endOk = true;
    if (at > end) break;
  }
  return startOk && endOk;
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
