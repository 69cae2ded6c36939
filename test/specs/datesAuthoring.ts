// What the authors of our date/time test sets share (test/specs/datesNews/author.ts, datesEveryday/author.ts):
// writing a case by its expected span texts, calendar facts computed independently of the recogniser (weekdays,
// ISO weeks, lunar days via lunar-javascript, solar terms), and the fixed split into dev and test (a seeded shuffle
// within each class, half to each) written as JSON lines.
import { writeSplitByClass } from './splitByClass';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Lunar } = require('lunar-javascript');

export type Span = [text: string, label: 'DATE' | 'TIME' | 'DURATION', timex: string, mod?: string, occurrence?: number];
export interface Case {
  id: string;
  class: string;
  text: string;
  dct: string;
  spans: { start: number; end: number; text: string; label: string; timex: string; mod?: string }[];
}

/** A set being written: `cls` names the class of the cases added next. */
export class CaseSet {
  readonly cases: Case[] = [];
  cls = '';

  /** A case: its text, DCT and expected spans (each found by its text, the occurrence-th time, 0 = first). */
  add(text: string, dct: string, ...spans: Span[]): void {
    const out: Case['spans'] = [];
    for (const [t, label, timex, mod, occ] of spans) {
      let at = -1;
      for (let k = 0; k <= (occ ?? 0); k++) at = text.indexOf(t, at + 1);
      if (at < 0) throw new Error(`"${t}" not in "${text}"`);
      out.push({ start: at, end: at + t.length, text: t, label, timex, ...(mod ? { mod } : {}) });
    }
    out.sort((a, b) => a.start - b.start);
    const cls = this.cls;
    this.cases.push({ id: `${cls}-${this.cases.filter((x) => x.class === cls).length + 1}`, class: cls, text, dct, spans: out });
  }

  /**
   * Splits within each class by a seeded shuffle (mulberry32), the first half (rounded up) to dev, and writes
   * dev.jsonl and test.jsonl into `dir`; prints the counts.
   */
  write(dir: string, seed: number): void {
    writeSplitByClass(this.cases, dir, seed);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar helpers (independent of the recogniser). Days are 'YYYY-MM-DD'; a DCT with a clock may be passed.

const pad = (n: number) => String(n).padStart(2, '0');
export const fmt = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const day = (s: string) => new Date(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)));
/** The day n days after s. */
export const add = (s: string, n: number) => {
  const d = day(s);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
};
/** 'YYYY-MM' n months after the month of s. */
export const addMonths = (s: string, n: number) => {
  const k = +s.slice(0, 4) * 12 + +s.slice(5, 7) - 1 + n;
  return `${Math.floor(k / 12)}-${pad((k % 12) + 1)}`;
};
/** ISO week 'YYYY-Www' of a day. */
export function week(s: string): string {
  const d = day(s);
  const wd = (d.getUTCDay() + 6) % 7; // Monday 0
  const thu = new Date(d.getTime() + (3 - wd) * 86400000);
  const jan1 = Date.UTC(thu.getUTCFullYear(), 0, 1);
  const w = Math.floor((thu.getTime() - jan1) / 86400000 / 7) + 1;
  return `${thu.getUTCFullYear()}-W${pad(w)}`;
}
/** The day of ISO weekday wd (1 = Monday … 7 = Sunday) in the week `weeks` weeks after the DCT's. */
export function weekday(dct: string, weeks: number, wd: number): string {
  const d = day(dct);
  const cur = ((d.getUTCDay() + 6) % 7) + 1;
  return add(dct, weeks * 7 + wd - cur);
}
/** The nth weekday wd (0 = Sunday) of a month. */
export function nthWeekday(y: number, m: number, wd: number, n: number): string {
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  return `${y}-${pad(m)}-${pad(1 + ((wd - first + 7) % 7) + 7 * (n - 1))}`;
}
/** The Gregorian day of lunar year y, month m, day d. */
export const lunar = (y: number, m: number, d: number): string => Lunar.fromYmd(y, m, d).getSolar().toYmd();
/** The Gregorian day of 除夕 (the last day) of a lunar year. */
export const chuxi = (lunarYear: number): string => add(lunar(lunarYear + 1, 1, 1), -1);
/** A lunar month-day without a year: the occurrence nearest the DCT. */
export function lunarNear(dct: string, m: number, d: number): string {
  const y = +dct.slice(0, 4);
  let best = '';
  for (const ly of [y - 2, y - 1, y, y + 1]) {
    const s = lunar(ly, m, d);
    if (!best || Math.abs(day(s).getTime() - day(dct).getTime()) < Math.abs(day(best).getTime() - day(dct).getTime())) best = s;
  }
  return best;
}
const TERM_PINYIN: Record<string, string> = {
  DONG_ZHI: '冬至', XIAO_HAN: '小寒', DA_HAN: '大寒', LI_CHUN: '立春', YU_SHUI: '雨水', JING_ZHE: '惊蛰', DA_XUE: '大雪',
};
/** The Gregorian day of a solar term in a Gregorian year. */
export function term(y: number, name: string): string {
  for (const ly of [y - 1, y, y + 1]) {
    const table = Lunar.fromYmd(ly, 6, 1).getJieQiTable();
    for (const k of Object.keys(table)) {
      const s = table[k].toYmd();
      if ((TERM_PINYIN[k] ?? k) === name && s.startsWith(String(y))) return s;
    }
  }
  throw new Error(`no ${name} in ${y}`);
}
