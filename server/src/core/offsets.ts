// Conversion between UTF-16 code units (JavaScript strings, the editor, LSP) and Unicode code points
// (the guidelines, .ann files, every export). The two differ only after astral characters.

/** Maps offsets of one text between UTF-16 code units and code points. O(1) when the text has no astral characters. */
export class OffsetMap {
  /** UTF-16 offsets of the astral characters' first code unit, ascending; empty for BMP-only text. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astral.length;
  }

  /**
   * The map of `text`, which is `this.text` with UTF-16 [start, end) replaced (`end` in this map's text): the astral
   * positions before the change are kept, those after it moved, only the inserted stretch is scanned. Costs the
   * number of astral characters plus the inserted text, not the whole text (a keystroke in a long article).
   */
  edited(text: string, start: number, end: number): OffsetMap {
    const delta = text.length - this.utf16Length;
    const out = Object.create(OffsetMap.prototype) as OffsetMap;
    const astral: number[] = [];
    // A pair cut by the change is re-scanned: start one unit earlier, end one unit later.
    const from = Math.max(0, start - 1);
    const to = Math.min(text.length, end + delta + 1);
    let k = 0;
    while (k < this.astral.length && this.astral[k] + 1 < from) astral.push(this.astral[k++]);
    // from the start of a pair that reaches `from`, else from `from`
    for (let i = k < this.astral.length ? Math.min(from, this.astral[k]) : from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          astral.push(i);
          i++;
        }
      }
    }
    const resume = astral.length ? Math.max(to, astral[astral.length - 1] + 2) : to;
    for (const a of this.astral) if (a + delta >= resume) astral.push(a + delta);
    Object.assign(out, { text, astral, utf16Length: text.length, codePointLength: text.length - astral.length });
    return out;
  }

  get hasAstral(): boolean {
    return this.astral.length > 0;
  }

  /** Code-point offset of a UTF-16 offset (an offset inside a surrogate pair maps to that character's start). */
  toCodePoint(utf16: number): number {
    if (this.astral.length === 0) return utf16;
    // number of astral characters that end at or before utf16
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] + 2 <= utf16) lo = mid + 1;
      else hi = mid;
    }
    const inside = lo < this.astral.length && this.astral[lo] + 1 === utf16 ? 1 : 0;
    return utf16 - lo - inside;
  }

  /** UTF-16 offset of a code-point offset. */
  toUtf16(codePoint: number): number {
    if (this.astral.length === 0) return codePoint;
    // astral characters whose code-point index is below codePoint: astral[k] - k is the code-point index of the k-th
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }

  /** The text between two code-point offsets. */
  slice(startCp: number, endCp: number): string {
    return this.text.slice(this.toUtf16(startCp), this.toUtf16(endCp));
  }
}

/**
 * The line breaks in a text as the LSP counts them (\r\n, \r and \n each end a line), and the UTF-16 length of what
 * follows the last one (the whole text when there is none).
 */
export function lineBreaks(text: string): { lines: number; tail: number } {
  let lines = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines++;
      lineStart = i + 1;
    }
  }
  return { lines, tail: text.length - lineStart };
}

/** Number of code points in a string. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
