// Scores the entity model, the jieba-POS baseline and the CLUENER2020 comparison, and sorts CLUENER mismatches
// into categories so that differences of convention can be told from errors.
import { OffsetMap } from '../core/offsets';
import { EntityScorer, LabelledRange } from './scoring';
import { Example } from './trainingData';
import { EntityRecogniser } from './entityRecogniser';
import { WordTagger, jiebaTag } from './features';
import { ENTITY_TYPES } from './tags';

export type LabelMap = (label: string) => string | undefined;
const identity: LabelMap = (l) => l;

/** Gold PER/LOC/ORG ranges of an example after mapping its labels. */
export function goldRanges(ex: Example, map: LabelMap = identity): LabelledRange[] {
  const out: LabelledRange[] = [];
  for (const [start, end, label] of ex.entities) {
    const m = map(label);
    if (m && (ENTITY_TYPES as readonly string[]).includes(m)) out.push({ start, end, label: m });
  }
  return out;
}

/** The model's spans in code points. */
export function predictRanges(rec: EntityRecogniser, text: string, postRules: boolean): LabelledRange[] {
  return predictSpans(rec, text, postRules).map(({ start, end, label }) => ({ start, end, label }));
}

/** The model's spans in code points, with their confidences. */
export function predictSpans(rec: EntityRecogniser, text: string, postRules: boolean): (LabelledRange & { confidence: number })[] {
  const map = new OffsetMap(text);
  return rec.recognise(text, { postRules }).map((s) => ({ start: map.toCodePoint(s.start), end: map.toCodePoint(s.end), label: s.label, confidence: s.confidence }));
}

/** The naive baseline: jieba POS tags nr -> PER, ns -> LOC, nt -> ORG. */
export function baselineRanges(text: string, tagger: WordTagger = jiebaTag): LabelledRange[] {
  const out: LabelledRange[] = [];
  const label: Record<string, string> = { nr: 'PER', ns: 'LOC', nt: 'ORG' };
  let u = 0;
  let cpos = 0;
  for (const { word, tag } of tagger(text)) {
    const at = text.indexOf(word, u);
    if (at < 0) continue;
    cpos += [...text.slice(u, at)].length;
    const len = [...word].length;
    if (label[tag]) out.push({ start: cpos, end: cpos + len, label: label[tag] });
    cpos += len;
    u = at + word.length;
  }
  return out;
}

export function scoreSystem(examples: readonly Example[], system: (text: string) => LabelledRange[], map: LabelMap = identity): EntityScorer {
  const scorer = new EntityScorer(ENTITY_TYPES);
  for (const ex of examples) scorer.add(goldRanges(ex, map), system(ex.text));
  return scorer;
}

/** Categories of CLUENER mismatches; `convention` says whether the category is a difference of annotation convention. */
export const GAP_CATEGORIES: Record<string, { convention: boolean; description: string }> = {
  'fp:in-dropped-type': { convention: true, description: 'our span lies in a CLUENER span of a type we do not map (book, game, movie, position, scene)' },
  'fp:part-of-address': { convention: true, description: 'our LOC/ORG lies inside a CLUENER address (nested places split, or the address is one span)' },
  'fp:loc-vs-org': { convention: true, description: 'same span, CLUENER ORG (teams, governments named by place) vs our LOC, or the reverse' },
  'fp:unannotated-loc': { convention: true, description: 'our LOC overlaps no CLUENER span: CLUENER leaves countries/cities outside addresses unlabelled' },
  'fp:boundary': { convention: false, description: 'overlaps a CLUENER span of the same type with other boundaries' },
  'fp:other-type': { convention: false, description: 'overlaps a CLUENER span of another mapped type' },
  'fp:spurious': { convention: false, description: 'our PER/ORG overlaps no CLUENER span' },
  'fn:address': { convention: true, description: 'CLUENER address (when mapped to LOC) not found as one span' },
  'fn:loc-vs-org': { convention: true, description: 'same span found as LOC where CLUENER says ORG, or the reverse' },
  'fn:boundary': { convention: false, description: 'found with other boundaries' },
  'fn:other-type': { convention: false, description: 'found as another type (after the LOC/ORG cases above)' },
  'fn:missed': { convention: false, description: 'not found at all' },
};

/** Counts CLUENER mismatches by category (gold with its original CLUENER labels). */
export function clueNerGap(examples: readonly Example[], predict: (text: string) => LabelledRange[], map: LabelMap): Map<string, number> {
  const counts = new Map<string, number>(Object.keys(GAP_CATEGORIES).map((k) => [k, 0]));
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  const inside = (a: { start: number; end: number }, b: { start: number; end: number }) => b.start <= a.start && a.end <= b.end;
  for (const ex of examples) {
    const raw = ex.entities.map(([start, end, label]) => ({ start, end, label, mapped: map(label) }));
    const gold = raw.filter((g) => g.mapped).map((g) => ({ start: g.start, end: g.end, label: g.mapped! }));
    const pred = predict(ex.text);
    const key = (r: LabelledRange) => `${r.start}:${r.end}:${r.label}`;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(pred.map(key));
    for (const p of pred) {
      if (goldKeys.has(key(p))) continue;
      const over = raw.filter((g) => overlaps(g, p));
      if (over.some((g) => !g.mapped && g.label !== 'address' && inside(p, g))) bump('fp:in-dropped-type');
      else if (over.some((g) => g.label === 'address' && inside(p, g) && !(g.start === p.start && g.end === p.end && g.mapped === p.label))) bump('fp:part-of-address');
      else if (over.some((g) => g.start === p.start && g.end === p.end && g.mapped && g.mapped !== p.label && (p.label === 'LOC' || g.mapped === 'LOC' || g.label === 'government' || g.label === 'organization'))) bump('fp:loc-vs-org');
      else if (over.length === 0) bump(p.label === 'LOC' ? 'fp:unannotated-loc' : 'fp:spurious');
      else if (over.some((g) => g.mapped === p.label)) bump('fp:boundary');
      else if (over.some((g) => g.mapped)) bump('fp:other-type');
      else bump('fp:in-dropped-type');
    }
    for (const g of gold) {
      if (predKeys.has(key(g))) continue;
      const src = raw.find((r) => r.start === g.start && r.end === g.end && r.mapped === g.label)!;
      const over = pred.filter((p) => overlaps(p, g));
      if (src.label === 'address') bump('fn:address');
      else if (over.some((p) => p.start === g.start && p.end === g.end && (p.label === 'LOC' || g.label === 'LOC' || src.label === 'government' || src.label === 'organization'))) bump('fn:loc-vs-org');
      else if (over.some((p) => p.label === g.label)) bump('fn:boundary');
      else if (over.length) bump(over.some((p) => p.start === g.start && p.end === g.end) ? 'fn:other-type' : 'fn:boundary');
      else bump('fn:missed');
    }
  }
  return counts;
}
