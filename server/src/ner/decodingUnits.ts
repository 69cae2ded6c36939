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
