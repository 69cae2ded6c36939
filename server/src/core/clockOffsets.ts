// Offsets from the document date (DCT) at the granularity of their unit (README "Dates and times"): 五年后 → that
// year, 三个月前 → that month, 两周前 → that ISO week, 十天后 → that day; 三小时前 / 30分钟后 → that hour / minute
// when the DCT carries a time of day (a news item's timestamp, YYYY-MM-DDTHH:MM[:SS]), else that day with an
// unknown clock (2024-05-10TXX:XX).

export interface DctClock {
  h: number;
  mi: number;
  s: number;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** The time of day of a DCT "YYYY-MM-DDTHH:MM[:SS]" (a space may stand for the T), or undefined when it has none. */
export function parseDctClock(dct: string | undefined): DctClock | undefined {
  if (!dct) return undefined;
  const m = /^\s*\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(dct);
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? 0);
  return h < 24 && mi < 60 && s < 60 ? { h, mi, s } : undefined;
}

export type OffsetUnit = 'Y' | 'M' | 'W' | 'D' | 'H' | 'MIN' | 'S';

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const year = (y: number) => String(y).padStart(4, '0');
const ymd = (t: Date) => `${year(t.getUTCFullYear())}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;

/** ISO 8601 week of a UTC day: 'YYYY-Www'. */
function isoWeek(t: Date): string {
  const wd = (t.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(t.getTime() + (3 - wd) * 86_400_000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const w = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${year(thursday.getUTCFullYear())}-W${pad2(w)}`;
}

/**
 * The TIMEX3 value `n` units (negative: before) from the DCT, at the unit's granularity; X where the DCT (or its
 * clock, for hours, minutes and seconds) is unknown.
 */
export function offsetTimex(dct: Ymd | undefined, clock: DctClock | undefined, n: number, unit: OffsetUnit): string {
  if (unit === 'H' || unit === 'MIN' || unit === 'S') {
    const seconds = n * (unit === 'H' ? 3600 : unit === 'MIN' ? 60 : 1);
    if (!dct) return 'XXXX-XX-XXTXX:XX';
    if (!clock) return `${ymd(new Date(Date.UTC(dct.y, dct.m - 1, dct.d + Math.round(seconds / 86400))))}TXX:XX`;
    const t = new Date(Date.UTC(dct.y, dct.m - 1, dct.d, clock.h, clock.mi, clock.s) + seconds * 1000);
    const hh = pad2(t.getUTCHours());
    if (unit === 'H') return `${ymd(t)}T${hh}`;
    if (unit === 'MIN') return `${ymd(t)}T${hh}:${pad2(t.getUTCMinutes())}`;
    return `${ymd(t)}T${hh}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
  }
  switch (unit) {
    case 'Y':
      return dct ? year(dct.y + n) : 'XXXX';
    case 'M': {
      if (!dct) return 'XXXX-XX';
      const k = dct.y * 12 + dct.m - 1 + n;
      return `${year(Math.floor(k / 12))}-${pad2((k % 12) + 1)}`;
    }
    case 'W':
      return dct ? isoWeek(new Date(Date.UTC(dct.y, dct.m - 1, dct.d + 7 * n))) : 'XXXX-WXX';
    default:
      return dct ? ymd(new Date(Date.UTC(dct.y, dct.m - 1, dct.d + n))) : 'XXXX-XX-XX';
  }
}

/** Words before a duration that make it an offset forward from the DCT: 再过五分钟 → five minutes after it. */
export const FORWARD_PREFIXES = ['再过', '再過'];

/**
 * An offset made of clock units (一个半小时, 2小时18分钟) as one amount at the finest granularity written: minutes
 * when they add up to whole minutes, else seconds; undefined when a part is not a clock unit (H, M, S).
 */
export function clockOffsetOf(parts: { amount: number; unit: string }[]): { amount: number; unit: OffsetUnit } | undefined {
  let seconds = 0;
  for (const p of parts) {
    const k = p.unit === 'H' ? 3600 : p.unit === 'M' ? 60 : p.unit === 'S' ? 1 : 0;
    if (k === 0) return undefined;
    seconds += p.amount * k;
  }
  if (!Number.isInteger(seconds)) return undefined;
  return seconds % 60 === 0 ? { amount: seconds / 60, unit: 'MIN' } : { amount: seconds, unit: 'S' };
}
