// Showing that an adapted model is better before it replaces anything: part of the reviewed documents is held out
// (whole documents, chosen by a hash of their path, so the same documents on every run), the model in use and the
// candidate both recognise them (with the post-rules: what the annotator sees), and per-label P / R / F1 decide.
import { OffsetMap } from '../core/offsets';
import { EntityRecogniser } from '../ner/entityRecogniser';
import { NerModel } from '../ner/model';
import { EntityScorer } from '../ner/scoring';
import { ENTITY_TYPES } from '../ner/tags';
import { WorkspaceDocument } from './workspaceTrainingData';

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Per label (PER, LOC, ORG) and 'ALL', in that order. */
export type LabelScores = LabelScore[];

/** FNV-1a of a string: a stable hash for the held-out choice. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Splits documents into training and held-out. A reviewed document is held out when the hash of its relative path
 * falls in the first `fraction` of the hash range, so a document stays on its side as the corpus grows and a model
 * stored after one update has not learned from the documents the next update holds out. When no reviewed document
 * falls there and two or more are reviewed, the one with the lowest hash is held out; never all of them. Documents
 * not reviewed are always training.
 */
export function splitHeldOut(docs: readonly WorkspaceDocument[], fraction: number): { train: WorkspaceDocument[]; heldOut: WorkspaceDocument[] } {
  const reviewed = docs.filter((d) => d.reviewed).sort((a, b) => hash(a.relative) - hash(b.relative) || (a.relative < b.relative ? -1 : 1));
  const held = new Set(reviewed.filter((d) => hash(d.relative) / 2 ** 32 < fraction));
  if (fraction > 0 && held.size === 0 && reviewed.length >= 2) held.add(reviewed[0]);
  if (held.size && held.size === reviewed.length) held.delete(reviewed[reviewed.length - 1]);
  return { train: docs.filter((d) => !held.has(d)), heldOut: reviewed.filter((d) => held.has(d)) };
}

/** The model's PER / LOC / ORG spans (with post-rules) on the documents against their tags. */
export function scoreModel(model: NerModel, docs: readonly WorkspaceDocument[]): LabelScores {
  const rec = new EntityRecogniser(model);
  const scorer = new EntityScorer(ENTITY_TYPES);
  for (const d of docs) {
    const map = new OffsetMap(d.text);
    const predicted = rec.recognise(d.text).map((s) => ({ start: map.toCodePoint(s.start), end: map.toCodePoint(s.end), label: s.label }));
    scorer.add(d.entities, predicted);
  }
  return scorer.report().map(({ label, scores: s }) => ({ label, precision: s.precision, recall: s.recall, f1: s.f1, tp: s.tp, fp: s.fp, fn: s.fn }));
}

/** A label's F1 may fall this much (points) before the candidate is refused, when it has enough held-out tags. */
export const LABEL_DROP_POINTS = 2;
/** Held-out gold spans a label needs before its own drop can refuse a model. */
export const LABEL_MIN_SPANS = 5;

/**
 * Why the candidate is worse than the model in use, or undefined when it is not: overall F1 lower, or a label with at
 * least LABEL_MIN_SPANS held-out tags losing more than LABEL_DROP_POINTS points of F1. The reason names the overall
 * drop and every label whose F1 fell, with how much and on how many held-out tags.
 */
export function whyWorse(before: LabelScores, after: LabelScores): string | undefined {
  const pts = (x: number) => (100 * x).toFixed(1);
  let refuse = false;
  const drops: string[] = [];
  for (const b of before) {
    const a = after.find((x) => x.label === b.label);
    if (!a) continue;
    const gold = b.tp + b.fn;
    const drop = 100 * (b.f1 - a.f1);
    if (drop <= 1e-9) continue;
    if (b.label === 'ALL' || (gold >= LABEL_MIN_SPANS && drop > LABEL_DROP_POINTS)) refuse = true;
    drops.push(`${b.label === 'ALL' ? 'overall' : b.label} F1 fell from ${pts(b.f1)} to ${pts(a.f1)} (−${drop.toFixed(1)} points, ${gold} held-out tags)`);
  }
  if (!refuse) return undefined;
  // overall first
  return drops.sort((x, y) => Number(y.startsWith('overall')) - Number(x.startsWith('overall'))).join('; ');
}

/** A fixed-width table of the two score sets, for the CLI and the editor's report. */
export function formatComparison(before: LabelScores, after: LabelScores): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  const lines = ['  label   old P  old R old F1   new P  new R new F1   tags'];
  for (const b of before) {
    const a = after.find((x) => x.label === b.label)!;
    lines.push(`  ${b.label.padEnd(5)} ${pct(b.precision)} ${pct(b.recall)} ${pct(b.f1)}   ${pct(a.precision)} ${pct(a.recall)} ${pct(a.f1)} ${String(b.tp + b.fn).padStart(6)}`);
  }
  return lines.join('\n');
}
