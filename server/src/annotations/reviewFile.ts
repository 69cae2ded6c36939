// The review sidecar: `article.ann` has a companion `article.review.json` holding what brat has no place for —
// whether the file has been reviewed and which machine suggestions were rejected (so they do not come back).
// brat ignores the file, and the .ann stays a plain brat file.
import type { AnnError } from './annFile';

export interface RejectedSuggestion {
  label: string;
  /** Code points, end exclusive, like the .ann offsets; moved with the text like tags. */
  start: number;
  end: number;
  text: string;
}

export interface ReviewState {
  reviewed: boolean;
  /** ISO timestamp of the last "mark reviewed". */
  reviewedAt?: string;
  rejected: RejectedSuggestion[];
}

export function emptyReview(): ReviewState {
  return { reviewed: false, rejected: [] };
}

/** Parses a sidecar. A broken one is reported and read as far as it is valid (nothing in the .ann depends on it). */
export function parseReview(content: string): { review: ReviewState; errors: AnnError[] } {
  const review = emptyReview();
  const errors: AnnError[] = [];
  let json: any;
  try {
    json = JSON.parse(content.replace(/^\ufeff/, ''));
  } catch (err) {
    errors.push({ line: 1, message: `review file is not valid JSON: ${(err as Error).message}` });
    return { review, errors };
  }
  if (typeof json !== 'object' || json === null) {
    errors.push({ line: 1, message: 'review file must hold an object' });
    return { review, errors };
  }
  review.reviewed = json.reviewed === true;
  if (typeof json.reviewedAt === 'string') review.reviewedAt = json.reviewedAt;
  if (Array.isArray(json.rejected)) {
    json.rejected.forEach((r: any, i: number) => {
      if (r && typeof r.label === 'string' && Number.isInteger(r.start) && Number.isInteger(r.end) &&
          r.end > r.start && r.start >= 0 && typeof r.text === 'string') {
        review.rejected.push({ label: r.label, start: r.start, end: r.end, text: r.text });
      } else {
        errors.push({ line: 1, message: `rejected[${i}] is not {label, start, end, text}; ignored` });
      }
    });
  }
  return { review, errors };
}

/** The sidecar's text, or undefined when there is nothing to keep (no file needed). */
export function serializeReview(review: ReviewState): string | undefined {
  if (!review.reviewed && review.rejected.length === 0) return undefined;
  const rejected = [...review.rejected].sort((a, b) => a.start - b.start || a.end - b.end || cmp(a.label, b.label));
  const out: Record<string, unknown> = { version: 1, reviewed: review.reviewed };
  if (review.reviewedAt) out.reviewedAt = review.reviewedAt;
  out.rejected = rejected;
  return JSON.stringify(out, null, 2) + '\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
