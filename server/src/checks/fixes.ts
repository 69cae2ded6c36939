// Applying quick fixes to a text (CLI --fix, tests): edits in code points, applied from the end so offsets hold.
// A fix whose edits overlap an edit already taken is left out (a second pass offers it again if still needed).
import type { Fix } from './types';

/** The fixes that can be applied together: in order, each one whose edits overlap none taken before. */
export function compatibleFixes(fixes: readonly Fix[], length = Infinity): Fix[] {
  const taken: { start: number; end: number }[] = [];
  const out: Fix[] = [];
  for (const fix of fixes) {
    const bad = fix.edits.some((e) => e.start < 0 || e.end > length || e.start > e.end || taken.some((t) => e.start < t.end && t.start < e.end));
    if (bad) continue;
    taken.push(...fix.edits);
    out.push(fix);
  }
  return out;
}

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const cps = [...text];
  const edits = compatibleFixes(fixes, cps.length).flatMap((f) => f.edits).sort((a, b) => b.start - a.start);
  for (const e of edits) cps.splice(e.start, e.end - e.start, ...e.newText);
  return cps.join('');
}
