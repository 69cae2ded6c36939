// Where two annotators disagree on one document, from the first annotator's point of view ("mine" against
// "theirs"): tags with the same start, end and label agree; the rest fall into clusters of overlapping tags, each
// one disagreement of a kind an adjudicator can act on.
import { AnnotatorTag } from './annotationSets';

export type DisagreementKind =
  /** Theirs has a tag where mine has nothing overlapping. */
  | 'missing'
  /** Mine has a tag where theirs has nothing overlapping. */
  | 'extra'
  /** The same characters, another label. */
  | 'label'
  /** Overlapping tags with other boundaries (and maybe other labels). */
  | 'boundary';

export interface Disagreement {
  kind: DisagreementKind;
  /** The characters the cluster covers (code points, end exclusive). */
  start: number;
  end: number;
  mine: AnnotatorTag[];
  theirs: AnnotatorTag[];
  /** Identifies the disagreement by its content (stable while neither side changes there). */
  key: string;
}

const spanKey = (t: AnnotatorTag) => `${t.start}-${t.end}:${t.label}`;

export function disagreementKey(kind: DisagreementKind, mine: readonly AnnotatorTag[], theirs: readonly AnnotatorTag[]): string {
  return `${kind}|${mine.map(spanKey).join(',')}|${theirs.map(spanKey).join(',')}`;
}

/** Tags both annotators gave (same start, end and label), and the disagreements, in text order. */
export function compareTags(
  mine: readonly AnnotatorTag[],
  theirs: readonly AnnotatorTag[],
): { agreed: AnnotatorTag[]; disagreements: Disagreement[] } {
  const theirsLeft = new Map<string, AnnotatorTag[]>();
  for (const t of theirs) {
    const list = theirsLeft.get(spanKey(t)) ?? [];
    list.push(t);
    theirsLeft.set(spanKey(t), list);
  }
  const agreed: AnnotatorTag[] = [];
  const mineRest: AnnotatorTag[] = [];
  for (const t of mine) {
    const same = theirsLeft.get(spanKey(t));
    if (same && same.length > 0) {
      same.shift();
      agreed.push(t);
    } else mineRest.push(t);
  }
  const theirsRest = [...theirsLeft.values()].flat();
  // Clusters of overlapping tags across both sides, by a sweep over all remaining tags in start order.
  const all = [
    ...mineRest.map((tag) => ({ tag, mine: true })),
    ...theirsRest.map((tag) => ({ tag, mine: false })),
  ].sort((a, b) => a.tag.start - b.tag.start || a.tag.end - b.tag.end || Number(b.mine) - Number(a.mine));
  const disagreements: Disagreement[] = [];
  let cluster: typeof all = [];
  let clusterEnd = -1;
  const settle = () => {
    if (cluster.length === 0) return;
    const m = cluster.filter((c) => c.mine).map((c) => c.tag);
    const t = cluster.filter((c) => !c.mine).map((c) => c.tag);
    let kind: DisagreementKind;
    if (t.length === 0) kind = 'extra';
    else if (m.length === 0) kind = 'missing';
    else if (m.length === 1 && t.length === 1 && m[0].start === t[0].start && m[0].end === t[0].end) kind = 'label';
    else kind = 'boundary';
    if (kind === 'extra' || kind === 'missing') {
      // tags on one side only that do not overlap each other are separate disagreements
      for (const tag of kind === 'extra' ? m : t) {
        const mineSide = kind === 'extra' ? [tag] : [];
        const theirsSide = kind === 'extra' ? [] : [tag];
        disagreements.push({ kind, start: tag.start, end: tag.end, mine: mineSide, theirs: theirsSide, key: disagreementKey(kind, mineSide, theirsSide) });
      }
    } else {
      const start = Math.min(...cluster.map((c) => c.tag.start));
      const end = Math.max(...cluster.map((c) => c.tag.end));
      disagreements.push({ kind, start, end, mine: m, theirs: t, key: disagreementKey(kind, m, t) });
    }
    cluster = [];
  };
  for (const c of all) {
    if (c.tag.start >= clusterEnd) {
      settle();
      clusterEnd = c.tag.end;
    } else clusterEnd = Math.max(clusterEnd, c.tag.end);
    cluster.push(c);
  }
  settle();
  disagreements.sort((a, b) => a.start - b.start || a.end - b.end);
  return { agreed, disagreements };
}
