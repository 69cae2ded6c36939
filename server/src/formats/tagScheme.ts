// BIO and BIOES tagging of token sequences, both directions, and the flattening that token formats need
// (they cannot represent overlapping tags: the longer tag is kept and every dropped one is reported).
import { ALL_LABELS, Label, Span } from '../core/types';
import { describeSpan, isLabel } from './document';

export type TagScheme = 'BIO' | 'BIOES';

export function schemePrefixes(scheme: TagScheme): string[] {
  return scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'E', 'S'];
}

/** Every tag of a scheme in a stable order ("O" first, then per label, guidelines' labels first): the id order. */
export function tagNames(scheme: TagScheme, labels: readonly string[] = ALL_LABELS): string[] {
  const out = ['O'];
  for (const l of labels) for (const p of schemePrefixes(scheme)) out.push(`${p}-${l}`);
  return out;
}

const RANK = new Map<string, number>(ALL_LABELS.map((l, i) => [l, i]));

/** A flat subset: longer spans first, then the guidelines' label order, then the earlier start. */
function flatten(spans: readonly Span[]): Span[] {
  const ranked = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || (RANK.get(a.label) ?? 99) - (RANK.get(b.label) ?? 99) || a.start - b.start,
  );
  const kept: Span[] = [];
  for (const s of ranked) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Keeps a flat subset of the spans for formats without overlap, with the same rule as the analyser
 * (longer span wins, then label priority). Returns the kept spans (by start) and the dropped ones.
 */
export function flattenForTokens(spans: readonly Span[]): { kept: Span[]; dropped: Span[] } {
  let overlap = false;
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) overlap = true;
  if (!overlap) return { kept: sorted, dropped: [] };
  const kept = flatten(sorted);
  const keptSet = new Set(kept);
  return { kept, dropped: sorted.filter((s) => !keptSet.has(s)) };
}

export function droppedMessage(where: string, dropped: Span, kept: readonly Span[]): string {
  const winner = kept.find((k) => k.start < dropped.end && dropped.start < k.end);
  return `${where}: tag ${describeSpan(dropped)} overlaps ${winner ? describeSpan(winner) : 'another tag'}; ` +
    `this format cannot represent overlapping tags, so it was left out`;
}

/**
 * Tags for tokens given as code-point boundaries: token k covers [bounds[k], bounds[k+1]). Spans must be flat and
 * aligned to token boundaries (callers cut tokens at span edges).
 */
export function encodeTags(bounds: readonly number[], spans: readonly Span[], scheme: TagScheme): string[] {
  const n = bounds.length - 1;
  const tags = new Array<string>(n).fill('O');
  let k = 0;
  for (const s of spans) {
    while (k < n && bounds[k] < s.start) k++;
    if (k >= n || bounds[k] !== s.start) continue; // not aligned: callers guarantee it
    let last = k;
    while (last + 1 < n && bounds[last + 1] < s.end) last++;
    if (scheme === 'BIOES' && last === k) tags[k] = `S-${s.label}`;
    else {
      tags[k] = `B-${s.label}`;
      for (let j = k + 1; j < last; j++) tags[j] = `I-${s.label}`;
      if (last > k) tags[last] = scheme === 'BIOES' ? `E-${s.label}` : `I-${s.label}`;
    }
    k = last + 1;
  }
  return tags;
}

export interface DecodedSpan {
  start: number;
  end: number;
  label: Label;
}

/**
 * Spans from a tag sequence (accepts BIO, IOB2 and BIOES tags alike). Problems (unknown tags, I-/E- with no open
 * entity of that label, an entity never closed in BIOES) are reported with the token index; the reading is lenient
 * (an orphan I- opens a new entity, an unclosed one ends where the next tag starts) so no tag is lost.
 */
export function decodeTags(
  tags: readonly string[],
  bounds: readonly number[],
  scheme: TagScheme | 'any' = 'any',
): { spans: DecodedSpan[]; problems: Array<{ token: number; message: string }> } {
  const spans: DecodedSpan[] = [];
  const problems: Array<{ token: number; message: string }> = [];
  let open: { label: Label; start: number; token: number } | undefined;
  const close = (endToken: number) => {
    if (open) spans.push({ start: bounds[open.token], end: bounds[endToken], label: open.label });
    open = undefined;
  };
  for (let k = 0; k < tags.length; k++) {
    const tag = tags[k];
    if (tag === 'O') {
      if (open && scheme === 'BIOES') problems.push({ token: open.token, message: `entity ${open.label} is never closed with E-/S-` });
      close(k);
      continue;
    }
    const m = /^([BIESLU])-(.+)$/.exec(tag);
    const label = m?.[2];
    if (!m || !isLabel(label)) {
      problems.push({ token: k, message: `invalid tag ${JSON.stringify(tag)} (read as O)` });
      close(k);
      continue;
    }
    const p = m[1] === 'L' ? 'E' : m[1] === 'U' ? 'S' : m[1];
    if (p === 'B' || p === 'S') {
      if (open && scheme === 'BIOES') problems.push({ token: open.token, message: `entity ${open.label} is never closed with E-/S-` });
      close(k);
      open = { label, start: bounds[k], token: k };
      if (p === 'S') close(k + 1);
      continue;
    }
    // I or E: continues an open entity of the same label
    if (!open || open.label !== label) {
      problems.push({ token: k, message: `${tag} follows ${k > 0 ? tags[k - 1] : 'the sentence start'} (read as the start of a new entity)` });
      close(k);
      open = { label, start: bounds[k], token: k };
    }
    if (p === 'E') close(k + 1);
  }
  if (open && scheme === 'BIOES') problems.push({ token: open.token, message: `entity ${open.label} is never closed with E-/S-` });
  close(tags.length);
  return { spans, problems };
}
