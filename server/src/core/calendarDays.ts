// Calendar arithmetic for the date scanner (dates.ts): days as year, month and day numbers, with the proleptic
// Gregorian calendar of JavaScript's Date in UTC; ISO 8601 weekdays and weeks; TIMEX3 formatting of years, months and
// days (XXXX / XX for unknown parts).

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Parses a DCT "YYYY-MM-DD" (a longer ISO string is cut to its date); undefined when it is not a valid date. */
export function parseDct(dct: string | undefined): Ymd | undefined {
  if (!dct) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(dct.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidDate(y, mo, d) ? { y, m: mo, d } : undefined;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(a: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(a.y, a.m - 1, a.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(a: Ymd): number {
  const w = new Date(Date.UTC(a.y, a.m - 1, a.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week of a date. */
export function isoWeek(a: Ymd): { y: number; w: number } {
  const thursday = addDays(a, 4 - isoWeekday(a));
  const jan1 = Date.UTC(thursday.y, 0, 1);
  const w = Math.floor((Date.UTC(thursday.y, thursday.m - 1, thursday.d) - jan1) / 86400000 / 7) + 1;
  return { y: thursday.y, w };
}

export const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
export const fmtYear = (y: number | null) => (y === null ? 'XXXX' : String(y).padStart(4, '0'));
export const fmtMonth = (m: number | null) => (m === null ? 'XX' : pad2(m));
export const fmtYmd = (a: Ymd) => `${fmtYear(a.y)}-${pad2(a.m)}-${pad2(a.d)}`;
