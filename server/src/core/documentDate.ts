// The document creation time (DCT), which anchors every relative date (今年, 昨天, 6月18日 …): the one document-date
// policy, used by every caller (CLI analyze / check / export, the server's analysis, the editor's export) through
// analyze() and the incremental analysis. Sources, in this order:
//   1. the date stored for the file ("Set Document Date for This File", core/documentDateStore.ts),
//   2. an explicit date for the run (--dct, a JSONL line's "dct", the newsAnnotator.documentDate setting),
//   3. a metadata header at the top of the file,
//   4. a date in the file name,
//   5. the newest full date written in the text,
//   → none.
// Stored and explicit dates are checked by the one validator (core/documentDateFormat.ts: YYYY-MM-DD or
// YYYY-MM-DDTHH:MM[:SS], a real date); the DCT handed to the recognisers is that string, time part included.
import { DocumentDate, DocumentDateOptions } from './types';
import { parseNumeral, toHalfWidth } from './numerals';
import { checkDocumentDate } from './documentDateFormat';

export { DOCUMENT_DATE_FORM, checkDocumentDate, isDocumentDate } from './documentDateFormat';

/** Header keys (case-insensitive) accepted in the first lines of a file: `日期：2023-06-18`, `date: 2023-06-18`. */
export const HEADER_KEYS = [
  'date', 'dct', 'published', 'pubdate', 'publish date', 'publication date',
  '日期', '发布日期', '发布时间', '发稿日期', '发稿时间', '发表日期', '发表时间', '出版日期', '刊发日期', '时间',
  '發布日期', '發布時間', '時間',
];
/** How many lines at the top of a file are searched for a header line. */
export const HEADER_LINES = 5;

/** The document date of a text under the policy above. A stored or explicit value that is not valid is skipped with a
 * note in `detail` and the next source is used. */
export function resolveDocumentDate(
  text: string,
  options: DocumentDateOptions = {},
  /**
   * The newest full date in the text when the caller already knows it (the language server keeps one per paragraph
   * and combines them, so an edit does not re-read the whole text); by default newestDateInText(text).
   */
  newestInText?: () => { date: string; detail: string } | undefined,
): DocumentDate {
  const notes: string[] = [];
  const given: Array<[string | undefined, 'file' | 'setting' | 'caller', string]> = [
    [options.storedDct, 'file', 'the date stored for this file'],
    [options.dct, options.dctOrigin ?? 'caller', 'the explicit date'],
  ];
  for (const [value, origin, what] of given) {
    if (value === undefined || value.trim() === '') continue;
    const check = checkDocumentDate(value);
    if (check.ok) return withNotes({ date: check.value, source: 'explicit', origin, detail: check.value }, notes);
    notes.push(`ignored ${what}: ${check.message}`);
  }
  const header = findHeaderDate(text);
  if (header) return withNotes({ date: header.date, source: 'header', detail: header.detail }, notes);
  if (options.fileName) {
    const d = dateInFileName(options.fileName);
    if (d) return withNotes({ date: d, source: 'filename', detail: baseName(options.fileName) }, notes);
  }
  const inText = newestInText ? newestInText() : newestDateInText(text);
  if (inText) return withNotes({ date: inText.date, source: 'text', detail: inText.detail }, notes);
  return withNotes({ source: 'none' }, notes);
}

function withNotes(d: DocumentDate, notes: string[]): DocumentDate {
  if (notes.length === 0) return d;
  return { ...d, detail: [d.detail, ...notes].filter(Boolean).join('; ') };
}

function pad2(n: number): string {
  return (n < 10 ? '0' : '') + n;
}

function validYmd(y: number, m: number, d: number): string | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

const CN = '〇零○一二三四五六七八九十';
const FULL_DATE = new RegExp(
  `([0-9０-９]{4}|[〇零○一二三四五六七八九]{4})[ \\t]*年[ \\t]*([0-9０-９]{1,2}|[${CN}]{1,3})[ \\t]*月[ \\t]*([0-9０-９]{1,2}|[${CN}]{1,3})[ \\t]*[日号]` +
    `|([0-9０-９]{4})([-/.])([0-9０-９]{1,2})\\5([0-9０-９]{1,2})(?![0-9０-９])`,
  'g',
);

/** FULL_DATE anchored where it is tried (sticky): newestDateInText tries it only where four digits begin. */
const FULL_DATE_AT = new RegExp(FULL_DATE.source, 'y');

/** By UTF-16 code: 1 for [0-9０-９], 2 for [〇零○一二三四五六七八九] (the digits FULL_DATE's year is written with). */
const YEAR_DIGIT_KIND = new Uint8Array(0x10000);
for (let c = 0x30; c <= 0x39; c++) YEAR_DIGIT_KIND[c] = 1;
for (let c = 0xff10; c <= 0xff19; c++) YEAR_DIGIT_KIND[c] = 1;
for (const ch of '〇零○一二三四五六七八九') YEAR_DIGIT_KIND[ch.charCodeAt(0)] = 2;

function num(s: string): number {
  const v = parseNumeral(s);
  return v === undefined ? NaN : v;
}

function fromMatch(m: RegExpExecArray): string | undefined {
  if (m[1] !== undefined) return validYmd(num(m[1]), num(m[2]), num(m[3]));
  const before = m.input[m.index - 1];
  if (before !== undefined && /[0-9０-９]/.test(before)) return undefined;
  return validYmd(num(m[4]), num(m[6]), num(m[7]));
}

/**
 * A full date in a short string: 2023-06-18, 2023/6/18, 2023.6.18, 20230618, 2023年6月18日, 二〇二三年六月十八日,
 * optionally followed by a time (ignored). Returns YYYY-MM-DD or undefined.
 */
export function parseDateString(s: string): string | undefined {
  const t = toHalfWidth(s.trim());
  const compact = /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(t);
  if (compact) return validYmd(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  FULL_DATE.lastIndex = 0;
  const m = FULL_DATE.exec(t);
  if (!m || m.index !== 0) return undefined;
  return fromMatch(m);
}

/** The first header line among the top HEADER_LINES lines: `KEY: date` or `KEY：date` (KEY in HEADER_KEYS). */
function findHeaderDate(text: string): { date: string; detail: string } | undefined {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; line <= HEADER_LINES && pos <= text.length; line++) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const lineStart = pos;
    pos = nl + 1;
    if (!hasColon(text, lineStart, nl)) continue; // no `KEY: value` without a colon: not copied nor matched
    const raw = text.slice(lineStart, nl).replace(/\r$/, '');
    const m = /^\s*[#%/;*-]*\s*([A-Za-z\u4e00-\u9fff ]{2,20}?)\s*[:：]\s*(.+)$/.exec(raw);
    if (!m) continue;
    const key = m[1].trim().toLowerCase();
    if (!HEADER_KEYS.includes(key)) continue;
    const date = parseDateString(m[2]);
    if (date) return { date, detail: `line ${line}: ${raw.trim()}` };
    if (nl >= text.length) break;
  }
  return undefined;
}

/** Whether text[from, to) holds ':' or '：'. */
function hasColon(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x3a || c === 0xff1a) return true;
  }
  return false;
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** 2023-06-18, 2023_06_18, 2023.06.18, 20230618 or 2023年6月18日 in a file name (valid month and day). */
export function dateInFileName(fileName: string): string | undefined {
  const name = toHalfWidth(baseName(fileName));
  const re = /(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)/g;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const d = validYmd(Number(m[1]), Number(m[3]), Number(m[4]));
    if (d) return d;
  }
  const sep = /(?<!\d)((?:19|20)\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)/.exec(name);
  if (sep) {
    const d = validYmd(Number(sep[1]), Number(sep[2]), Number(sep[3]));
    if (d) return d;
  }
  FULL_DATE.lastIndex = 0;
  for (let m = FULL_DATE.exec(name); m; m = FULL_DATE.exec(name)) {
    const d = fromMatch(m);
    if (d) return d;
  }
  return undefined;
}

/**
 * The newest full date (year, month and day) written in the text, with the text it was read from. Dates after
 * `today` (deadlines and plans: 2030年1月1日前完成) cannot be the creation date and are skipped.
 */
export function newestDateInText(
  text: string,
  today?: string,
): { date: string; detail: string } | undefined {
  let best: { date: string; detail: string } | undefined;
  // The matches of the global FULL_DATE, found faster: every match begins with four digits of one kind, so the
  // anchored expression is tried only where such a run begins (and after a match, from its end, as exec does).
  const n = text.length;
  let i = 0;
  let run = 0; // digits of the same kind ending at i - 1
  let kind = 0;
  while (i < n) {
    const k = YEAR_DIGIT_KIND[text.charCodeAt(i)];
    if (k === 0) {
      run = 0;
      i++;
      continue;
    }
    run = k === kind ? run + 1 : 1;
    kind = k;
    i++;
    if (run < 4) continue;
    const start = i - 4;
    FULL_DATE_AT.lastIndex = start;
    const m = FULL_DATE_AT.exec(text);
    if (!m) continue;
    const d = fromMatch(m);
    if (d) today ??= new Date().toISOString().slice(0, 10); // the clock is read only when a date is found
    if (d && d <= today! && (!best || d > best.date)) best = { date: d, detail: m[0] };
    i = FULL_DATE_AT.lastIndex;
    run = 0;
    kind = 0;
  }
  return best;
}
