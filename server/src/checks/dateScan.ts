// The calendar dates written in a text (2023年6月18日, 六月十八日, 2023-06-18), scanned once and shared by
// date-invalid, date-weekday-mismatch and date-format-mixed.
import { parseNumeral } from '../core/numerals';
import type { CheckContext } from './types';

export interface WrittenDate {
  /** UTF-16 offsets of the date (without a following weekday). */
  start: number;
  end: number;
  year?: number;
  month: number;
  day?: number;
  /** 'cjk' for 年月日 forms, the separator's format for numeric ones. */
  format: 'cjk' | 'iso' | 'slash' | 'dot';
}

const ZH_DIGITS = '〇零一二三四五六七八九';

/** 1–99 from "12", "十二", "三十一", "二〇二三" (years); undefined otherwise. */
function readNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (/^[0-9]+$/.test(s)) return Number(s);
  if (/^[〇零一二三四五六七八九]{4}$/.test(s)) return Number([...s].map((c) => ZH_DIGITS.indexOf(c) === 1 ? 0 : Math.max(0, ZH_DIGITS.indexOf(c) - 1)).join(''));
  const v = parseNumeral(s);
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

const ZH_MONTH = '十[一二]?|[一二三四五六七八九]';
const ZH_DAY = '三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]';
const CJK_DATE = new RegExp(
  `(?<![0-9〇零一二三四五六七八九十百千万第])(?:([0-9]{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*)?([0-9]{1,2}|${ZH_MONTH})\\s*月(?:\\s*([0-9]{1,2}|${ZH_DAY})\\s*([日号]))?`,
  'g',
);
export const NUMERIC_DATE = /(?<![0-9.\-/])((?:19|20)[0-9]{2})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9]|\.[0-9])/g;

export function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLunar(half: string, start: number): boolean {
  return /(农历|阴历|夏历|旧历|農曆|陰曆)[^。，；\n]{0,6}$/.test(half.slice(Math.max(0, start - 10), start));
}

/** Solar dates of the text in order of the two scans (年月日 forms, then numeric ones); lunar dates are left out. */
export function writtenDates(context: CheckContext): WrittenDate[] {
  return context.shared('writtenDates', () => {
    const { half } = context;
    const out: WrittenDate[] = [];
    for (const m of half.matchAll(CJK_DATE)) {
      if (isLunar(half, m.index)) continue;
      const month = readNumber(m[2]);
      const day = readNumber(m[3]);
      if (month === undefined) continue;
      if (m[3] === undefined && m[1] === undefined) continue; // 13月 on its own may be a count
      if (m[4] === '号' && day !== undefined && day > 31) continue; // 3月40号 is a document number
      out.push({ start: m.index, end: m.index + m[0].length, year: readNumber(m[1]), month, day, format: 'cjk' });
    }
    for (const m of half.matchAll(NUMERIC_DATE)) {
      const format = m[2] === '-' ? 'iso' : m[2] === '/' ? 'slash' : 'dot';
      out.push({ start: m.index, end: m.index + m[0].length, year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), format });
    }
    return out;
  });
}

/** True when the date exists (a month 1–12, a day within the month; no day written counts as valid). */
export function isValidDate(d: WrittenDate): boolean {
  if (d.month < 1 || d.month > 12) return false;
  return d.day === undefined || (d.day >= 1 && d.day <= daysInMonth(d.year, d.month));
}
