// Readable forms of normalised values for hovers and reports: 3.5亿元 → "350,000,000 CNY", 12.5% → "0.125 (12.5%)",
// 二季度 → "2023-Q2 (2023-04-01 – 2023-06-30)", and where the document date came from. Independent of VS Code and
// the protocol: callers pass a `translate` function (the server passes @vscode/l10n's `t`) to localise the words.
import { DocumentDate, ExplicitDateOrigin, Label, Mod, Span } from './types';
import { LABEL_TABLE, groupOf } from './labels';

/** Localises a message with {0}, {1}… placeholders; the default fills them in and keeps the English. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

export type { ExplicitDateOrigin };

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** 350000000 → "350,000,000"; 0.15000000000000002 → "0.15" (binary noise dropped at 12 significant digits). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const clean = Number(n.toPrecision(12));
  return clean.toLocaleString('en-US', { maximumFractionDigits: 10, useGrouping: true });
}

/** A modifier wrapped around an already formatted value: approx → "about {0}". */
export function withMod(text: string, mod: Mod | undefined, t: Translate = english): string {
  switch (mod) {
    case undefined:
      return text;
    case 'approx':
      return t('about {0}', text);
    case 'more_than':
      return t('more than {0}', text);
    case 'less_than':
      return t('less than {0}', text);
    case 'equal_or_more':
      return t('at least {0}', text);
    case 'equal_or_less':
      return t('at most {0}', text);
    case 'since_start':
      return t('since the start of {0}', text);
    case 'start':
      return t('the start of {0}', text);
    case 'mid':
      return t('the middle of {0}', text);
    case 'end':
      return t('the end of {0}', text);
    case 'before':
      return t('before {0}', text);
    case 'after':
      return t('after {0}', text);
    case 'on_or_before':
      return t('on or before {0}', text);
    case 'on_or_after':
      return t('on or after {0}', text);
    default:
      return `${text} (${mod as string})`;
  }
}

function numberOrRange(span: Pick<Span, 'value' | 'valueMax'>, scale = 1): string | undefined {
  if (span.value === undefined) return undefined;
  const low = formatNumber(span.value * scale);
  if (span.valueMax === undefined || span.valueMax === span.value) return low;
  return `${low} – ${formatNumber(span.valueMax * scale)}`;
}

/** The normalised value of a figure in words, or undefined when the span carries none. */
export function describeFigure(span: Pick<Span, 'label' | 'value' | 'valueMax' | 'unit' | 'mod'>, t: Translate = english): string | undefined {
  const amount = numberOrRange(span);
  if (amount === undefined) return undefined;
  let text: string;
  switch (span.label) {
    case 'PERCENT':
      text =
        span.unit === 'pp'
          ? t('{0} ({1} percentage points)', amount, numberOrRange(span, 100)!)
          : `${amount} (${numberOrRange(span, 100)!}%)`;
      break;
    case 'ORDINAL':
      text = t('{0} (ordinal)', amount);
      break;
    default:
      text = span.unit ? `${amount} ${span.unit}` : amount;
  }
  return withMod(text, span.mod, t);
}

// ---------------------------------------------------------------------------------------------------------------
// TIMEX3 values

/** An inclusive calendar range, YYYY-MM-DD. */
export interface CalendarRange {
  start: string;
  end: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function ymd(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function utc(year: number, month1: number, day: number): Date {
  const d = new Date(Date.UTC(year, month1 - 1, day));
  if (year >= 0 && year < 100) d.setUTCFullYear(d.getUTCFullYear() - 1900); // Date.UTC maps years 0–99 to 1900–1999
  return d;
}

function monthRange(year: number, firstMonth: number, lastMonth: number): CalendarRange {
  return { start: ymd(utc(year, firstMonth, 1)), end: ymd(utc(year, lastMonth + 1, 0)) };
}

/** Monday of ISO week 1: the week that holds 4 January. */
function isoWeekStart(year: number, week: number): Date {
  const jan4 = utc(year, 1, 4);
  const dayOfWeek = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(jan4.getTime() - dayOfWeek * 86_400_000);
  return new Date(monday.getTime() + (week - 1) * 7 * 86_400_000);
}

/** The last day of a period of n units starting on an ISO date (YYYY-MM-DD). */
function addToDate(startIso: string, n: number, unit: 'Y' | 'M' | 'W' | 'D'): string {
  const [y, mo, d] = startIso.split('-').map(Number);
  const next =
    unit === 'Y' ? utc(y + n, mo, d) : unit === 'M' ? utc(y, mo + n, d) : utc(y, mo, d + (unit === 'W' ? 7 * n : n));
  return ymd(new Date(next.getTime() - 86_400_000));
}

const SEASON_MONTHS: Record<string, [number, number]> = {
  // Meteorological seasons of the northern hemisphere; winter runs into the next year.
  SP: [3, 5],
  SU: [6, 8],
  FA: [9, 11],
  WI: [12, 14],
};

/**
 * The calendar range a TIMEX3 date value covers: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, YYYY-SP/SU/FA/WI,
 * YYYY-Www, YYYY-Www-WE, decades (201 → 2010–2019), centuries (20 → 2000–2099) and intervals of two of these
 * (2023-01/2023-05). A time of day (…THH:MM) yields its day. Undefined for values with no fixed range (PAST_REF, XXXX-06-18, durations).
 */
export function timexRange(timex: string): CalendarRange | undefined {
  const slash = timex.indexOf('/');
  if (slash > 0) {
    const from = timexRange(timex.slice(0, slash));
    const after = timex.slice(slash + 1);
    // A start and a length (2021-W01/P2W, 2022-01-01/P10D, 2023-01/P5M): up to the day before start + length.
    const length = /^P(\d+)([YMWD])$/.exec(after);
    if (length) return from && { start: from.start, end: addToDate(from.start, +length[1], length[2] as 'Y' | 'M' | 'W' | 'D') };
    // An interval of two values (2023-01/2023-05): from the start of the first to the end of the second.
    const to = timexRange(after);
    return from && to && from.start <= to.end ? { start: from.start, end: to.end } : undefined;
  }
  const value = timex.split('T')[0];
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(value))) return monthRange(+m[1], 1, 12);
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const month = +m[2];
    return month >= 1 && month <= 12 ? monthRange(+m[1], month, month) : undefined;
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) {
    const d = utc(+m[1], +m[2], +m[3]);
    if (d.getUTCMonth() + 1 !== +m[2] || d.getUTCDate() !== +m[3]) return undefined;
    return { start: ymd(d), end: ymd(d) };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return monthRange(+m[1], +m[2] * 3 - 2, +m[2] * 3);
  if ((m = /^(\d{4})-H([12])$/.exec(value))) return monthRange(+m[1], +m[2] * 6 - 5, +m[2] * 6);
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) {
    const [first, last] = SEASON_MONTHS[m[2]];
    return { start: ymd(utc(+m[1], first, 1)), end: ymd(utc(+m[1], last + 1, 0)) };
  }
  if ((m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value))) {
    const week = +m[2];
    if (week < 1 || week > 53) return undefined;
    const monday = isoWeekStart(+m[1], week);
    const first = m[3] ? new Date(monday.getTime() + 5 * 86_400_000) : monday;
    return { start: ymd(first), end: ymd(new Date(monday.getTime() + 6 * 86_400_000)) };
  }
  if ((m = /^(\d{4})-(\d{2})-W(\d{2})$/.exec(value))) {
    // Week n of a month (十月的第一周 → YYYY-10-W01): its days 7n−6 … 7n, within the month.
    const month = monthRange(+m[1], +m[2], +m[2]);
    const first = 7 * +m[3] - 6;
    const lastDay = +month.end.slice(8);
    if (+m[2] < 1 || +m[2] > 12 || +m[3] < 1 || first > lastDay) return undefined;
    return { start: `${m[1]}-${m[2]}-${pad(first)}`, end: `${m[1]}-${m[2]}-${pad(Math.min(first + 6, lastDay))}` };
  }
  if ((m = /^(\d{3})$/.exec(value))) return { start: `${m[1]}0-01-01`, end: `${m[1]}9-12-31` };
  if ((m = /^(\d{2})$/.exec(value))) return { start: `${m[1]}00-01-01`, end: `${m[1]}99-12-31` };
  return undefined;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const PARTS_OF_DAY: Record<string, string> = {
  MO: 'morning',
  MI: 'midday',
  AF: 'afternoon',
  EV: 'evening',
  NI: 'night',
  DT: 'daytime',
};

export const DURATION_UNITS: Record<string, [string, string]> = {
  Y: ['{0} year', '{0} years'],
  M: ['{0} month', '{0} months'],
  W: ['{0} week', '{0} weeks'],
  D: ['{0} day', '{0} days'],
  H: ['{0} hour', '{0} hours'],
  Min: ['{0} minute', '{0} minutes'],
  S: ['{0} second', '{0} seconds'],
  DE: ['{0} decade', '{0} decades'],
  CE: ['{0} century', '{0} centuries'],
};

export const SEVERAL: Record<string, string> = {
  Y: 'several years',
  M: 'several months',
  W: 'several weeks',
  D: 'several days',
  H: 'several hours',
  Min: 'several minutes',
  S: 'several seconds',
  DE: 'several decades',
  CE: 'several centuries',
};

/** P3Y → "3 years", PT2H30M → "2 hours 30 minutes", PXD → "several days"; undefined if not an ISO 8601 duration. */
export function describeDuration(timex: string, t: Translate = english): string | undefined {
  if (!/^P(?:[\dX.]+(?:DE|CE|Y|M|W|D))*(?:T(?:[\dX.]+[HMS])+)?$/.test(timex)) return undefined;
  const parts: string[] = [];
  const [datePart, timePart = ''] = timex.slice(1).split('T');
  const re = /([\dX.]+)(DE|CE|Y|M|W|D|H|S)/g;
  for (const [section, isTime] of [
    [datePart, false],
    [timePart, true],
  ] as const) {
    re.lastIndex = 0;
    let p: RegExpExecArray | null;
    while ((p = re.exec(section))) {
      const unit = isTime && p[2] === 'M' ? 'Min' : p[2];
      if (p[1] === 'X') parts.push(t(SEVERAL[unit]));
      else {
        const n = Number(p[1]);
        if (!Number.isFinite(n)) return undefined;
        parts.push(t(DURATION_UNITS[unit][n === 1 ? 0 : 1], formatNumber(n)));
      }
    }
  }
  return parts.length ? parts.join(' ') : undefined;
}

/** A day and time of day in words: "2023-06-18 09:30", "2023-06-18 evening", "09:30 (day unknown)". */
function describeClock(timex: string, t: Translate): string {
  const k = timex.indexOf('T');
  const day = timex.slice(0, k);
  const clock = timex.slice(k + 1);
  const clockText = PARTS_OF_DAY[clock] ? t(PARTS_OF_DAY[clock]) : clock;
  return day ? `${day} ${clockText}` : t('{0} (day unknown)', clockText);
}

/** A TIMEX3 value in words: "2023-Q2 (2023-04-01 – 2023-06-30)", "2023-06-18 09:30", "P3Y (3 years)". */
export function describeTimex(timex: string, mod?: Mod, t: Translate = english): string {
  let text: string;
  if (timex === 'PAST_REF') text = t('the past (before the document date)');
  else if (timex === 'PRESENT_REF') text = t('the present (around the document date)');
  else if (timex === 'FUTURE_REF') text = t('the future (after the document date)');
  else if (timex.includes('/') && !timex.startsWith('P')) {
    // An interval: both ends as written (a clock in words: 2024-09-03 22:30 – 2024-09-04 02), then the days covered.
    const range = timexRange(timex);
    const [from, to] = timex.split('/');
    const clocked = from.includes('T') || to.includes('T');
    const end = (v: string) => (v.includes('T') && !v.startsWith('P') ? describeClock(v, t) : v);
    text = clocked
      ? `${end(from)} – ${end(to)}`
      : range ? `${from} – ${to} (${range.start} – ${range.end})` : `${from} – ${to}`;
  } else if (timex.startsWith('P')) {
    const words = describeDuration(timex, t);
    text = words ? `${timex} (${words})` : timex;
  } else if (timex.includes('T')) {
    text = describeClock(timex, t);
  } else {
    const range = timexRange(timex);
    if (!range) text = timex;
    else if (range.start === range.end) {
      const weekday = utc(+range.start.slice(0, 4), +range.start.slice(5, 7), +range.start.slice(8, 10)).getUTCDay();
      text = `${timex} (${t(WEEKDAYS[weekday])})`;
    } else text = `${timex} (${range.start} – ${range.end})`;
  }
  return withMod(text, mod, t);
}

// ---------------------------------------------------------------------------------------------------------------
// Document date and whole hovers

/** "Document date 2023-06-18 — from the file name", and the like for each source. */
export function describeDocumentDate(dct: DocumentDate, t: Translate = english, origin: ExplicitDateOrigin = dct.origin ?? 'caller'): string {
  if (!dct.date || dct.source === 'none') return t('No document date: relative dates are not resolved');
  switch (dct.source) {
    case 'explicit':
      if (origin === 'file') return t('Document date {0} — set for this file', dct.date);
      if (origin === 'setting') return t('Document date {0} — from the setting newsAnnotator.documentDate', dct.date);
      return t('Document date {0} — given explicitly', dct.date);
    case 'header':
      return t('Document date {0} — from the metadata header', dct.date);
    case 'filename':
      return t('Document date {0} — from the file name', dct.date);
    case 'text':
      return t('Document date {0} — from the text', dct.date);
  }
}

/** The word for each label in hovers (English; localised through the l10n bundle), from the label table. */
export const LABEL_DESCRIPTIONS = Object.fromEntries(LABEL_TABLE.map((r) => [r.label, r.description])) as Record<Label, string>;

export interface HoverContext {
  dct: DocumentDate;
  dctOrigin?: ExplicitDateOrigin;
  /** Entities: how many other times the same text occurs in the document. */
  otherMentions?: number;
  t?: Translate;
}

/** The lines of a hover for one span (plain text with light Markdown: the first line is bold). */
export function describeSpan(span: Span, context: HoverContext): string[] {
  const t = context.t ?? english;
  const lines = [`**${span.label}** · ${t(LABEL_DESCRIPTIONS[span.label])} · ${span.text}`];
  if (groupOf(span.label) === 'entities') {
    if (span.confidence !== undefined) lines.push(t('confidence {0}%', Math.round(span.confidence * 100)));
    if (context.otherMentions !== undefined) {
      lines.push(
        context.otherMentions === 1
          ? t('1 other mention in this document')
          : t('{0} other mentions in this document', context.otherMentions),
      );
    }
    return lines;
  }
  if (groupOf(span.label) === 'dates') {
    lines.push(span.timex !== undefined ? describeTimex(span.timex, span.mod, t) : t('no normalised value'));
    if (span.label !== 'DURATION' || span.timex === undefined) lines.push(describeDocumentDate(context.dct, t, context.dctOrigin));
    return lines;
  }
  lines.push(describeFigure(span, t) ?? t('no normalised value'));
  return lines;
}

/** The value column of a span in one line, for tables and the status bar (no label, no DCT). */
export function describeValue(span: Span, t: Translate = english): string | undefined {
  if (span.timex !== undefined) return describeTimex(span.timex, span.mod, t);
  return describeFigure(span, t);
}
