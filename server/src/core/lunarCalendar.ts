// The Chinese lunisolar calendar for the date recognisers: lunar months and years, and the 24 solar terms, from
// lunar-javascript (loaded on first use, so that texts without lunar dates never pay for it). Days are Gregorian.

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

interface LunarLib {
  LunarMonth: { fromYm(y: number, m: number): { getDayCount(): number; getFirstJulianDay(): number } | null };
  Solar: {
    fromJulianDay(jd: number): { getYear(): number; getMonth(): number; getDay(): number };
    fromYmd(y: number, m: number, d: number): { getLunar(): { getYear(): number } };
  };
  Lunar: {
    fromYmd(y: number, m: number, d: number): {
      getJieQiTable(): Record<string, { getYear(): number; getMonth(): number; getDay(): number }>;
    };
  };
}
let lib: LunarLib | undefined;
function library(): LunarLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lib ??= require('lunar-javascript') as LunarLib;
  return lib;
}

const MONTHS = new Map<string, { first: Ymd; days: number } | null>();

/** Lunar month m (negative: the leap month after |m|) of lunar year y: its first Gregorian day and length. */
export function lunarMonth(y: number, m: number): { first: Ymd; days: number } | undefined {
  const key = `${y},${m}`;
  let v = MONTHS.get(key);
  if (v === undefined) {
    v = null;
    try {
      const l = library();
      const month = y >= 1 && y <= 9999 ? l.LunarMonth.fromYm(y, m) : null;
      if (month) {
        const s = l.Solar.fromJulianDay(month.getFirstJulianDay());
        v = { first: { y: s.getYear(), m: s.getMonth(), d: s.getDay() }, days: month.getDayCount() };
      }
    } catch {
      v = null;
    }
    MONTHS.set(key, v);
  }
  return v ?? undefined;
}

/** The lunar year of a Gregorian day. */
export function lunarYearOf(a: Ymd): number | undefined {
  const key = a.y * 10000 + a.m * 100 + a.d;
  if (LUNAR_YEARS.has(key)) return LUNAR_YEARS.get(key);
  let v: number | undefined;
  try {
    v = library().Solar.fromYmd(a.y, a.m, a.d).getLunar().getYear();
  } catch {
    v = undefined;
  }
  if (LUNAR_YEARS.size > 4096) LUNAR_YEARS.clear();
  LUNAR_YEARS.set(key, v);
  return v;
}
const LUNAR_YEARS = new Map<number, number | undefined>();

/** The 24 solar terms in calendar order from 小寒 (early January) to 冬至 (late December). */
export const SOLAR_TERMS = [
  '小寒', '大寒', '立春', '雨水', '惊蛰', '春分', '清明', '谷雨', '立夏', '小满', '芒种', '夏至',
  '小暑', '大暑', '立秋', '处暑', '白露', '秋分', '寒露', '霜降', '立冬', '小雪', '大雪', '冬至',
] as const;
const PINYIN: Record<string, string> = {
  DONG_ZHI: '冬至', XIAO_HAN: '小寒', DA_HAN: '大寒', LI_CHUN: '立春', YU_SHUI: '雨水', JING_ZHE: '惊蛰', DA_XUE: '大雪',
};
const TERM_YEARS = new Map<number, Map<string, Ymd>>();

/** The Gregorian day (China time) of a solar term in Gregorian year y, or undefined outside the library's range. */
export function solarTermDay(y: number, name: string): Ymd | undefined {
  let table = TERM_YEARS.get(y);
  if (!table) {
    table = new Map();
    try {
      // The table of lunar year y runs from the 大雪 before it to the 惊蛰 after it: it holds all 24 terms of year y.
      for (const ly of [y]) {
        const raw = library().Lunar.fromYmd(ly, 6, 1).getJieQiTable();
        for (const k of Object.keys(raw)) {
          const s = raw[k];
          if (s.getYear() === y) table.set(PINYIN[k] ?? k, { y, m: s.getMonth(), d: s.getDay() });
        }
      }
    } catch {
      // Out of the library's range: no day.
    }
    TERM_YEARS.set(y, table);
  }
  return table.get(name);
}

/**
 * The lunar month that contains a Gregorian day (本月初一 is the first day of it): its first day and length, or
 * undefined outside the library's range.
 */
export function lunarMonthContaining(a: Ymd): { first: Ymd; days: number } | undefined {
  const ly = lunarYearOf(a);
  if (ly === undefined) return undefined;
  const at = Date.UTC(a.y, a.m - 1, a.d);
  for (const y of [ly, ly + 1]) {
    for (let m = 1; m <= 12; m++) {
      for (const mm of [m, -m]) {
        const month = lunarMonth(y, mm);
        if (!month) continue;
        const first = Date.UTC(month.first.y, month.first.m - 1, month.first.d);
        if (at >= first && at < first + month.days * 86_400_000) return month;
      }
    }
  }
  return undefined;
}
