// Splits a text into decoding units (sentences and lines) so long texts are tagged piece by piece.
// Offsets are UTF-16, end exclusive; the units cover every non-blank character of the text exactly once.

export interface TextRange {
  start: number;
  end: number;
}

const code = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const ENDERS = code('。！？!?；;…');
const CLOSERS = code('”’"\'）)》」』】。！？!?…');
const SOFT_BREAKS = code('，,、：: 　');
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029;

/** Units of at most maxLength UTF-16 code units (never cutting a surrogate pair), split at sentence ends and line breaks. */
export function splitDecodingUnits(text: string, maxLength = 300): TextRange[] {
  const out: TextRange[] = [];
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e <= s) return;
    while (e - s > maxLength) {
      let cut = -1;
      for (let k = s + maxLength; k > s + maxLength / 2; k--) {
        if (SOFT_BREAKS.has(text.charCodeAt(k - 1))) {
          cut = k;
          break;
        }
      }
      if (cut < 0) {
        cut = s + maxLength;
        const c = text.charCodeAt(cut - 1);
        if (c >= 0xd800 && c <= 0xdbff) cut--;
      }
      out.push({ start: s, end: cut });
      s = cut;
    }
    out.push({ start: s, end: e });
  };
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a || ch === 0x0d) {
      push(start, i);
      start = i + 1;
    } else if (ENDERS.has(ch)) {
      let j = i + 1;
      while (j < text.length && CLOSERS.has(text.charCodeAt(j))) j++;
      push(start, j);
      start = j;
      i = j - 1;
    }
  }
  push(start, text.length);
  return out;
}

const SENTENCE_END = /[。！？!?；;…：:，,、”’"'）)》」』】]$/;
/** A line break between two units that a name may run across: only white space with a line break between them, and
 * the first unit ends in a letter or Han character (not a sentence end or other punctuation) as does the second begin. */
export function isLayoutBreak(text: string, end: number, nextStart: number): boolean {
  const gap = text.slice(end, nextStart);
  if (!/[\r\n]/.test(gap) || /\S/.test(gap)) return false;
  if (/\n[ \t\u3000]*\r?\n[ \t\u3000]*\r?\n/.test(gap)) return false; // more than one blank line: a new block
  const last = text.slice(Math.max(0, end - 2), end);
  const first = text.slice(nextStart, nextStart + 2);
  return !SENTENCE_END.test(last) && /^[\p{Script=Han}A-Za-z0-9（(]/u.test(first) && /[\p{Script=Han}A-Za-z0-9）)]$/u.test(last);
}

/** The white space around `at` as the decoding units leave it between them: [start, end). */
export function spaceRun(text: string, at: number): [number, number] {
  let s = at;
  while (s > 0 && isSpace(text.charCodeAt(s - 1))) s--;
  let e = at + 1;
  while (e < text.length && isSpace(text.charCodeAt(e))) e++;
  return [s, e];
}
