// Width folding shared by the rules: the same length as the input (every folded character is one UTF-16 unit), so
// offsets carry over.

/** Full-width ASCII (digits, letters, ％．－／（）～ …) and the ideographic space folded to ASCII, one unit for one. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

export const isFullDigit = (c: number) => c >= 0xff10 && c <= 0xff19;
export const isHalfDigit = (c: number) => c >= 0x30 && c <= 0x39;
