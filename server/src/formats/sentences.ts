// Sentence splitting for the token-per-line formats (CoNLL, Hugging Face). Splits after Chinese end punctuation
// (and any closing quotes or brackets right after it) and after line breaks; never inside a tag.

export interface SentenceOptions {
  /** Characters that end a sentence. Default: 。！？；… (and their ASCII forms !?; are not included). */
  enders?: string;
  /** Also end a sentence after each line break (\n, \r\n or a lone \r). Default true. */
  splitOnNewline?: boolean;
}

export const DEFAULT_SENTENCE_ENDERS = '。！？；…';
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'"]);

/** Lookup table over UTF-16 code units: 1 = ends a sentence, 2 = closing quote or bracket. */
const TABLES = new Map<string, { table: Uint8Array; astral: Set<string> }>();
function charTable(enders: string): { table: Uint8Array; astral: Set<string> } {
  let t = TABLES.get(enders);
  if (!t) {
    const table = new Uint8Array(0x10000);
    for (const c of CLOSERS) table[c.charCodeAt(0)] = 2;
    const astral = new Set<string>();
    for (const c of Array.from(enders)) {
      if (c.length === 1) table[c.charCodeAt(0)] = 1;
      else astral.add(c);
    }
    TABLES.set(enders, (t = { table, astral }));
  }
  return t;
}

/**
 * Splits a document (as an array of code points) into consecutive sentence ranges [start, end) that together cover
 * every character. A boundary that would fall inside one of `spans` is moved to the end of that span.
 */
export function splitSentences(
  chars: readonly string[],
  spans: readonly { start: number; end: number }[],
  options: SentenceOptions = {},
): Array<[number, number]> {
  const { table, astral } = charTable(options.enders ?? DEFAULT_SENTENCE_ENDERS);
  const kind = (c: string | undefined): number =>
    c === undefined ? 0 : c.length === 1 ? table[c.charCodeAt(0)] : astral.has(c) ? 1 : 0;
  const onNewline = options.splitOnNewline ?? true;
  // blocked[i] = true when a boundary before character i would cut a span
  const n = chars.length;
  let coverEnd: Int32Array | undefined;
  if (spans.length) {
    coverEnd = new Int32Array(n + 1);
    for (const s of spans) for (let i = s.start + 1; i < s.end && i <= n; i++) if (coverEnd[i] < s.end) coverEnd[i] = s.end;
  }
  const out: Array<[number, number]> = [];
  let start = 0;
  let i = 0;
  while (i < n) {
    const c = chars[i];
    let cut = -1;
    if (kind(c) === 1) {
      let j = i + 1;
      while (j < n && kind(chars[j]) !== 0) j++;
      // a line break right after the end punctuation belongs to the same sentence
      if (onNewline && chars[j] === '\r') j += chars[j + 1] === '\n' ? 2 : 1;
      else if (onNewline && chars[j] === '\n') j++;
      cut = j;
    } else if (onNewline && (c === '\n' || c === '\r')) {
      cut = c === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1;
    }
    if (cut < 0) {
      i++;
      continue;
    }
    // move the cut past any span it would split
    while (coverEnd && cut < n && coverEnd[cut] > cut) cut = coverEnd[cut];
    out.push([start, cut]);
    start = cut;
    i = cut;
  }
  if (start < n) out.push([start, n]);
  return out;
}
