// Splits a text into decoding units (sentences and lines) so long texts are tagged piece by piece.
// Offsets are UTF-16, end exclusive; the units cover every non-blank character of the text exactly once.

export interface TextRange {
  start: number;
  end: number;
}

const ENDERS = new Set(['。', '！', '？', '!', '?', '；', ';', '…']);
const CLOSERS = new Set(['”', '’', '"', "'", '）', ')', '》', '」', '』', '】', '。', '！', '？', '!', '?', '…']);
const SOFT_BREAKS = new Set(['，', ',', '、', '：', ':', ' ', '　']);

/** Units of at most maxLength UTF-16 code units (never cutting a surrogate pair), split at sentence ends and line breaks. */
export function splitSentences(text: string, maxLength = 300): TextRange[] {
  const out: TextRange[] = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e <= s) return;
    while (e - s > maxLength) {
      let cut = -1;
      for (let k = s + maxLength; k > s + maxLength / 2; k--) {
        if (SOFT_BREAKS.has(text[k - 1])) {
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
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      push(start, i);
      start = i + 1;
    } else if (ENDERS.has(ch)) {
      let j = i + 1;
      while (j < text.length && CLOSERS.has(text[j])) j++;
      push(start, j);
      start = j;
      i = j - 1;
    }
  }
  push(start, text.length);
  return out;
}
