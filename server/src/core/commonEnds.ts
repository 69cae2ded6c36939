// The common beginning and end of two versions of a text (what an edit left alone): the analysis engine and the
// annotation store each ask it after every keystroke. Compared by blocks of 4,096, then 256, then 16 characters
// (string comparison runs in native code) and only the last few characters one by one: a keystroke in the middle of
// a 10,000-character article compared 5,000 characters one by one in an interpreted loop before the loop was
// optimised (some 3 ms for the first keystrokes of a session); now at most 16 + 16 + 16 steps past the last block.

const BLOCKS = [4096, 256, 16];

/**
 * The lengths (UTF-16) of the common beginning and end of `a` and `b`, not overlapping (prefix + suffix ≤ the shorter
 * length). With `wholePairs`, neither cuts a surrogate pair of `a` (a change that replaces an astral character starts
 * at its first half).
 */
export function commonEnds(a: string, b: string, wholePairs = false): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let p = 0;
  for (const block of BLOCKS) while (p + block <= max && a.slice(p, p + block) === b.slice(p, p + block)) p += block;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (wholePairs && p > 0 && isHigh(a.charCodeAt(p - 1))) p--;
  let s = 0;
  const room = max - p;
  for (const block of BLOCKS) {
    while (s + block <= room && a.slice(a.length - s - block, a.length - s) === b.slice(b.length - s - block, b.length - s)) s += block;
  }
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (wholePairs && s > 0 && isLow(a.charCodeAt(a.length - s))) s--;
  return { prefix: p, suffix: s };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
