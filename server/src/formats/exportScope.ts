// Which articles an export takes, and whether a split can be made of them:
//   - scope "reviewed": articles marked reviewed (their .review.json says so); "tagged": articles with at least one
//     confirmed tag in their .ann; "all": every article, untagged ones becoming all-O documents;
//   - the counts of each, shown before an export (editor) or printed (CLI);
//   - a train/dev/test split that would leave a part with a non-zero ratio empty is refused with the numbers.
import * as fs from 'fs';
import { parseReview } from '../annotations/reviewFile';
import { reviewPathFor } from '../annotations/articleRules';
import { CorpusEntry } from './corpus';
import { FormatError } from './document';
import { SPLIT_NAMES, splitCounts } from './split';

export const DOCUMENT_SCOPES = ['reviewed', 'tagged', 'all'] as const;
export type DocumentScope = (typeof DOCUMENT_SCOPES)[number];

export function isDocumentScope(s: unknown): s is DocumentScope {
  return typeof s === 'string' && (DOCUMENT_SCOPES as readonly string[]).includes(s);
}

export interface EntryStatus {
  reviewed: boolean;
  tagged: boolean;
}

/** Whether an article is marked reviewed and whether its .ann holds a tag (a "T" line). Unreadable files count as no. */
export function entryStatus(entry: CorpusEntry): EntryStatus {
  let tagged = false;
  let reviewed = false;
  try {
    tagged = /^T\d+\t/m.test(fs.readFileSync(entry.annPath, 'utf8'));
  } catch {
    /* no .ann: no tags */
  }
  try {
    reviewed = parseReview(fs.readFileSync(reviewPathFor(entry.annPath), 'utf8')).review.reviewed;
  } catch {
    /* no review file: not reviewed */
  }
  return { reviewed, tagged };
}

export interface ScopeCounts {
  reviewed: number;
  tagged: number;
  all: number;
}

export function inScope(status: EntryStatus, scope: DocumentScope): boolean {
  return scope === 'all' || (scope === 'reviewed' ? status.reviewed : status.tagged);
}

/** The articles of each scope, and the entries of the chosen one. */
export function scopeEntries(entries: readonly CorpusEntry[], scope: DocumentScope = 'all'): { counts: ScopeCounts; entries: CorpusEntry[] } {
  const counts: ScopeCounts = { reviewed: 0, tagged: 0, all: entries.length };
  const chosen: CorpusEntry[] = [];
  for (const e of entries) {
    const status = entryStatus(e);
    if (status.reviewed) counts.reviewed++;
    if (status.tagged) counts.tagged++;
    if (inScope(status, scope)) chosen.push(e);
  }
  return { counts, entries: chosen };
}

/**
 * Refuses a split of n documents that would leave a part with a non-zero ratio empty, naming the counts, e.g.
 * "A 80/10/10 split of 5 documents leaves test empty (train 4, dev 1, test 0)".
 */
export function checkSplitNotEmpty(n: number, ratios: readonly number[]): void {
  const counts = splitCounts(n, ratios);
  const empty = counts.map((c, i) => (c === 0 && ratios[i] > 0 ? SPLIT_NAMES[i] : undefined)).filter((x) => x !== undefined);
  if (empty.length === 0) return;
  const parts = counts.map((c, i) => `${SPLIT_NAMES[i]} ${c}`).join(', ');
  throw new FormatError(
    `A ${ratios.join('/')} split of ${n} document${n === 1 ? '' : 's'} leaves ${empty.join(' and ')} empty (${parts}); ` +
      'export more documents or change the ratios',
  );
}
