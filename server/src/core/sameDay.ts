// "The same day" in another period (README "Dates and times"): 明年的今天, 去年的今天, 下个月的今天, 下周的今天,
// 一年前的今天 name one day — the DCT's month and day in that year, its day in that month, its weekday in that week.
// dateRanges.ts joinRanges calls this for a DATE followed by 的今天 (今天 is the DCT's day, so no DCT is needed here).
import { addDays, daysInMonth, fmtYmd, isoWeekday } from './calendarDays';

/**
 * The day (YYYY-MM-DD) that `period` (a year 2026, a month 2025-02, an ISO week 2025-W05, or a day from an offset)
 * gives to today's date `today` (YYYY-MM-DD), or undefined when the period is none of these.
 */
export function sameDayIn(period: string, today: string): string | undefined {
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!t) return undefined;
  const [ty, tm, td] = [+t[1], +t[2], +t[3]];
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(period))) {
    const y = +m[1];
    return fmtYmd({ y, m: tm, d: Math.min(td, daysInMonth(y, tm)) });
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(period))) {
    const y = +m[1];
    const mo = +m[2];
    return fmtYmd({ y, m: mo, d: Math.min(td, daysInMonth(y, mo)) });
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(period))) {
    // The Monday of ISO week w of year y, then today's weekday in it.
    const y = +m[1];
    const jan4 = { y, m: 1, d: 4 };
    const monday = addDays(jan4, 1 - isoWeekday(jan4) + 7 * (+m[2] - 1));
    return fmtYmd(addDays(monday, isoWeekday({ y: ty, m: tm, d: td }) - 1));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  return undefined;
}
