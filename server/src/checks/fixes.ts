// Applying quick fixes to a text (CLI --fix, tests): edits in code points, applied from the end so offsets hold.
// Fixes whose edits overlap an edit already taken are skipped (the next run offers them again if still needed).
import type { Fix } from './types';

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const cps = [...text];
  const taken: { start: number; end: number }[] = [];
  const edits: { start: number; end: number; newText: string }[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end) || e.start < 0 || e.end > cps.length || e.start > e.end)) continue;
    for (const e of fix.edits) {
      taken.push(e);
      edits.push(e);
    }
  }
  edits.sort((a, b) => b.start - a.start);
  for (const e of edits) cps.splice(e.start, e.end - e.start, ...e.newText);
  return cps.join('');
}
