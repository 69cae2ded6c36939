// DATE, TIME and DURATION spans with TIMEX3 values, in one left-to-right pass over the text.
// Conventions: ../shared/ANNOTATION-GUIDELINES.md "Dates and times" and the README section "Dates and times".
//
// The scanner only stops at characters that can start a date expression (digits, Chinese numerals and the first
// characters of the keywords below); everything else costs one table look-up. At a stop it parses one expression with
// small hand-written readers (no regular expression runs over more than a few characters), emits its spans and jumps
// past it.
import type { RawSpan } from './types';
import type { Mod } from './types';
import { parseNumeral, toHalfWidth } from './numerals';
import { lunarMonth, lunarMonthContaining, lunarYearOf, solarTermDay } from './lunarCalendar';
import { HOLIDAY_NAMES, matchHoliday, type Holiday } from './holidays';
import { SOLAR_TERMS, matchSolarTerm } from './solarTerms';
import { DctClock, FORWARD_PREFIXES, OffsetUnit, clockOffsetOf, offsetTimex, parseDctClock } from './clockOffsets';
import { joinRanges } from './dateRanges';
import { arabicWeekdayDigit, colloquialDayInsideWord, dayNumberAloneAt, dayNumberContextAt, spokenThousandYear, twoDigitYearAt } from './spokenDates';
import { clockFollowerAt, clockPrecederAt, minutesPast, minutesTo, partOfDayIsOtherWord, rescheduledAfterTime } from './clockTimes';
import { Ymd, addDays, addMonths, daysInMonth, fmtMonth, fmtYear, fmtYmd, isValidDate, isoWeek, isoWeekday, pad2, parseDct } from './calendarDays';
import { recurringBefore, recurringAfterDays } from './recurringTimes';
import {
  APPROX_PREFIXES, DURATION_UNITS, ERAS, NARRATIVE, NOT_DATES, NO_TOD, PAST_REF_WORDS, REL_CENTURY, REL_DAY, REL_DAY_TOD,
  REL_MONTH, REL_QUARTER, REL_WEEK, REL_YEAR, SEASONS, SINCE_PREPOSITIONS, TOD, TOD_SHORT, WEEKDAY_DIGIT, WEEKDAY_PREFIXES,
  type TodInfo,
} from './dateWords';

export { isValidDate, parseDct };

/** An Arabic digit, half- or full-width (numerals.ts isArabicDigit), by its UTF-16 code; false for NaN. */
function isDigitCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}
/** isDigitCode of a character that may be missing (past the end of the text). */
function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && isDigitCode(ch.charCodeAt(0));
}

// ---------------------------------------------------------------------------------------------------------------
// Lunar dates (the calendar itself: lunarCalendar.ts)

interface LunarRef {
  /** The lunar year as written (null: unknown), and whether one was written at all. */
  y: number | null;
  yearNamed: boolean;
  m: number;
  leap: boolean;
  /** The day; 'last' for 除夕 (29 or 30); undefined for a month alone. */
  d?: number | 'last';
  end: number;
}


// ---------------------------------------------------------------------------------------------------------------
// Lexicon

const CN_NUM_CHARS = '零〇○一二两兩三四五六七八九十百千';
const CN_DIGIT_ONLY = '零〇○一二三四五六七八九';
/** By UTF-16 code: 1 for the characters of CN_NUM_CHARS, 3 for those of CN_DIGIT_ONLY. */
const CN_NUM = new Uint8Array(0x10000);
for (const ch of CN_NUM_CHARS) CN_NUM[ch.charCodeAt(0)] = 1;
for (const ch of CN_DIGIT_ONLY) CN_NUM[ch.charCodeAt(0)] = 3;
/**
 * The longest run of Chinese numeral characters that can be one numeral: parseNumeral reads at most 64 tokens, one
 * per character here, so a longer run is no numeral and is not read further (linear time on long runs).
 */
const MAX_CN_NUMERAL = 64;
const SINGLE_CN: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 百: 100, 千: 1000,
};

/** Characters that may start an expression: the first characters of every keyword, digits, Chinese numerals. */
const START = new Uint8Array(65536);
/**
 * Second characters that can follow a start character that only begins words of two or more characters
 * (中 → 中午/中旬…): the scanner skips 中 at once when the next character is none of them.
 */
const SECOND = new Map<number, Set<number>>();
/** Start characters after which any character may follow (digits, numerals, one-character words). */
const ANY_SECOND = new Uint8Array(65536);
function markStarts(words: Iterable<string>) {
  for (const w of words) {
    const c = w.charCodeAt(0);
    START[c] = 1;
    if (w.length === 1) ANY_SECOND[c] = 1;
    else {
      const seconds = SECOND.get(c) ?? new Set<number>();
      seconds.add(w.charCodeAt(1));
      SECOND.set(c, seconds);
    }
  }
}
for (let c = 0x30; c <= 0x39; c++) ANY_SECOND[c] = 1;
for (let c = 0xff10; c <= 0xff19; c++) ANY_SECOND[c] = 1;
for (let c = 0x30; c <= 0x39; c++) START[c] = 1;
for (let c = 0xff10; c <= 0xff19; c++) START[c] = 1;
markStarts(CN_NUM_CHARS);
markStarts(Object.keys(REL_YEAR));
markStarts(Object.keys(REL_MONTH));
markStarts(Object.keys(REL_QUARTER));
markStarts(Object.keys(REL_CENTURY));
markStarts(['首季度', '首季']);
markStarts(Object.keys(REL_WEEK));
markStarts(Object.keys(REL_DAY));
markStarts(Object.keys(REL_DAY_TOD));
markStarts(Object.keys(NARRATIVE));
markStarts(Object.keys(TOD));
markStarts(WEEKDAY_PREFIXES);
markStarts(Object.keys(SEASONS));
markStarts(PAST_REF_WORDS);
markStarts(Object.keys(ERAS));
markStarts(['农历', '阴历', '農曆', '陰曆', '正月', '腊月', '臘月', '冬月', '闰', '閏', '元月', '数', '數', '幾', '几']);
markStarts(['年底', '年末', '年初', '年中', '年终', '月初', '月中', '月底', '月末', '上旬', '中旬', '下旬', '大概', '大約', '約']);
markStarts(['大年', '再过', '再過']);
for (const d of '一二两兩三四五六七八九十0123456789') markStarts(['差' + d]);
for (const d of '一二三四五六七八九十') markStarts(['初' + d]);
// 晚7点, 早八时: the one-character parts of the day stop the scanner before a numeral (not 一: 早一点 is "earlier").
for (const w of ['早', '晚']) {
  for (const d of '0123456789０１２３４５６７８９二两兩三四五六七八九十') markStarts([w + d]);
}
markStarts(NOT_DATES);
/**
 * Two-character prefixes that only holiday names and solar terms begin with (国际…, 世界…, 青年…, 母亲…): the scanner
 * stops there only when a holiday or term is really named, so that common words cost no parse.
 */
const NAMED_DAY_ONLY = new Map<number, Set<number>>();
/** First characters of the keys of NAMED_DAY_ONLY. */
const NAMED_DAY_ONLY_FIRST = new Uint8Array(65536);
/** First characters of holiday names and solar terms. */
const NAMED_DAY_FIRST = new Uint8Array(65536);
for (const w of [...HOLIDAY_NAMES, ...SOLAR_TERMS]) {
  const c = w.charCodeAt(0);
  NAMED_DAY_FIRST[c] = 1;
  if (START[c] === 0 || (ANY_SECOND[c] === 0 && !SECOND.get(c)?.has(w.charCodeAt(1)))) {
    const seconds = NAMED_DAY_ONLY.get(c) ?? new Set<number>();
    seconds.add(w.charCodeAt(1));
    NAMED_DAY_ONLY.set(c, seconds);
    NAMED_DAY_ONLY_FIRST[c] = 1;
  }
}
markStarts(HOLIDAY_NAMES);
markStarts(SOLAR_TERMS);
markStarts(['自', '从', '從', '约', '大约', '逾', '超', '不足', '不到', '半', '多', '数', '几', '第', '上半', '下半',
  '前', '后', '年底', '年末', '年初', '年中', '月底', '月末', '月初', '月中', '《', '去年同期', '上年同期']);

// ---------------------------------------------------------------------------------------------------------------
// Readers

interface Num {
  end: number;
  value: number;
  arabic: boolean;
  /** Characters read (digits of an Arabic numeral). */
  length: number;
  /** Chinese: only digit characters (二〇二三), no 十/百/千. */
  digitsOnly: boolean;
  leadingZero: boolean;
}

type ModMatch = { end: number; mod: Mod };

export interface DayRef {
  y: number | null;
  m: number | null;
  d: number | null;
}

/** A day reference with its year, month and day all known. */
const isWholeDay = (d: DayRef | undefined): d is Ymd => d !== undefined && d.y !== null && d.m !== null && d.d !== null;

/** A date read at a position: where it ends and its value; timeOnly for a fused day + part of day (今晚). */
type DateRead = { end: number; value: DateValue; timeOnly?: boolean };

/** What one parsed date expression contributes. */
interface DateValue {
  timex: string;
  mod?: Mod;
  /** The day, when the expression names one (for a TIME that follows, 当天, and ranges). */
  day?: DayRef;
  /** Year and month named or implied (for ranges: 6月1日至30日). */
  y?: number | null;
  m?: number | null;
}

// Word lists of the readers below (module-level so that no call allocates them).
const DECADE_PARTS = [
  ['初期', 'start'], ['中期', 'mid'], ['末期', 'end'], ['后期', 'end'], ['中叶', 'mid'], ['初', 'start'],
  ['末', 'end'],
] as const;
const HALF_YEARS = [['上半年', 'H1'], ['下半年', 'H2'], ['前半年', 'H1'], ['后半年', 'H2'], ['上半年度', 'H1']] as const;
const YEAR_PARTS = [['年底', 'end'], ['年末', 'end'], ['年初', 'start'], ['年中', 'mid'], ['年终', 'end']] as const;
const MONTH_PARTS = [
  ['上旬', 'start'], ['中旬', 'mid'], ['下旬', 'end'], ['月初', 'start'], ['月中', 'mid'], ['月底', 'end'],
  ['月末', 'end'], ['份', ''], ['底', 'end'], ['末', 'end'], ['初', 'start'], ['中', 'mid'],
] as const;
const MONTH_PARTS_ALONE = [['月初', 'start'], ['月中', 'mid'], ['月底', 'end'], ['月末', 'end']] as const;
/** Two ten-day parts of a month together: the first and the last day they cover. */
const TWO_TEN_DAY_PARTS: readonly (readonly [string, number, number | 'last'])[] = [
  ['中下旬', 11, 'last'], ['上中旬', 1, 20], ['中上旬', 1, 20],
];
/** A ten-day part of the month written alone (下旬，…; 预计下旬开工): its month is found by dateAlone. */
const TEN_DAY_PARTS_ALONE = [['上旬', 'start'], ['中旬', 'mid'], ['下旬', 'end']] as const;
const DURATION_PREFIXES = [
  ['大约', 'approx'], ['约', 'approx'], ['逾', 'more_than'], ['超', 'more_than'], ['不足', 'less_than'],
  ['不到', 'less_than'],
] as const;
const DURATION_SUFFIXES = [
  ['以上', 'more_than'], ['以下', 'less_than'], ['以内', 'equal_or_less'], ['左右', 'approx'],
] as const;
/** Offsets from the DCT: 五年前, 三天后, 两个月以后. */
const OFFSET_WORDS = [['之前', -1], ['以前', -1], ['前', -1], ['之后', 1], ['以后', 1], ['以後', 1], ['之後', 1], ['后', 1], ['後', 1]] as const;
/** Halves of the DCT's month, week and half year: 上半月 → days 1–15, 下半周 → Thursday to Sunday. */
const RELATIVE_HALVES: Record<string, ['M' | 'W' | 'H', 0 | 1 | -1]> = {
  上半月: ['M', 0], 下半月: ['M', 1], 上半周: ['W', 0], 下半周: ['W', 1], 上半週: ['W', 0], 下半週: ['W', 1],
  上个半年: ['H', -1], 上個半年: ['H', -1], 下个半年: ['H', 1], 下個半年: ['H', 1],
};
/** First / last N units of a named period: 2021年的前2周, 今年的最後3週, 去年的前10天, 十月的最后一个星期一. */
const FIRST_LAST: [string, 'first' | 'last'][] = [['前', 'first'], ['头', 'first'], ['頭', 'first'], ['最后', 'last'], ['最後', 'last']];
const SLICE_UNITS: [string, 'W' | 'D' | 'M'][] = [
  ['个星期', 'W'], ['個星期', 'W'], ['个礼拜', 'W'], ['個禮拜', 'W'], ['星期', 'W'], ['周', 'W'], ['週', 'W'],
  ['个月', 'M'], ['個月', 'M'], ['天', 'D'],
];
markStarts(Object.keys(RELATIVE_HALVES));
const SUFFIXES: [string, Mod][] = [
  ['或之前', 'on_or_before'], ['或以前', 'on_or_before'], ['及之前', 'on_or_before'],
  ['及以前', 'on_or_before'], ['或之后', 'on_or_after'], ['或以后', 'on_or_after'], ['及之后', 'on_or_after'],
  ['及以后', 'on_or_after'], ['以来', 'since_start'], ['开始', 'since_start'], ['起', 'since_start'],
  ['之前', 'before'], ['以前', 'before'], ['之后', 'after'], ['以后', 'after'], ['前后', 'approx'], ['前夕', 'before'],
  ['左右', 'approx'], ['前', 'before'], ['后', 'after'], ['後', 'after'], ['许', 'approx'],
  ['許', 'approx'],
];

/** Characters after 2025年10月31 that make 31 a count (31家, 31个) or a fraction of one, not a day. */
const DAY_NOT_BEFORE = '个個家名位人次件台辆輛条條项項只座所户戶元万萬亿億岁歲天年月日号號度米吨噸公克场場批款部本张張架艘期届屆层層栋棟套间間起例多余餘来來几幾点點分秒倍成折';

/** Words after a bare four-digit year that make it one (2023赛季, 2024财年). */
const YEAR_NOUNS = ['财政年度', '財政年度', '会计年度', '賽季', '赛季', '财年', '財年'];
/** Events named with their year (2022卡塔尔世界杯). */
const YEAR_EVENTS = ['世界杯', '奥运会', '奧運會', '冬奥会', '残奥会', '亚运会', '亞運會', '世博会', '欧洲杯', '亚洲杯', '全运会', '春晚'];
/** Words before a bare year that make it one when a break follows (早在2015，). */
const YEAR_LEADS = ['早在', '回到', '截至', '截止', '直到', '到了', '始于', '始於'];


/** The items of a list by the first UTF-16 code of their word, in list order (a scan then tries only those). */
function byFirstCode<T>(items: readonly T[], word: (item: T) => string): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const item of items) {
    const c = word(item).charCodeAt(0);
    const list = m.get(c) ?? [];
    list.push(item);
    m.set(c, list);
  }
  return m;
}
const NONE: readonly never[] = [];
const NOT_DATES_BY_FIRST = byFirstCode(NOT_DATES, (w) => w);
const PAST_REF_BY_FIRST = byFirstCode(PAST_REF_WORDS, (w) => w);
const SUFFIXES_BY_FIRST = byFirstCode(SUFFIXES, ([w]) => w);
const DURATION_UNITS_BY_FIRST = byFirstCode(DURATION_UNITS, ([w]) => w);
const DURATION_PREFIXES_BY_FIRST = byFirstCode(DURATION_PREFIXES, ([w]) => w);
const DURATION_SUFFIXES_BY_FIRST = byFirstCode(DURATION_SUFFIXES, ([w]) => w);

/**
 * The last characters of the byline words (记者, 通讯员, 编辑, 作者, 摄影 …) and the white space that may follow them:
 * the byline test runs only after one of these.
 */
const BYLINE_LAST = '者员員辑輯影 \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** A word table with its keys by first character (UTF-16 code unit), longest first. */
interface Lexicon<T> {
  table: Record<string, T>;
  byFirst: Map<number, string[]>;
  /** This table's bit in LEXICON_FIRST. */
  bit: number;
}
/** By UTF-16 code: the bits of the word tables that have a key beginning with that character (one array read). */
const LEXICON_FIRST = new Uint32Array(0x10000);
let lexiconCount = 0;
function lexicon<T>(table: Record<string, T>): Lexicon<T> {
  if (lexiconCount === 32) throw new Error('more than 32 word tables: LEXICON_FIRST needs a wider type');
  const bit = 2 ** lexiconCount++;
  const byFirst = new Map<number, string[]>();
  for (const k of Object.keys(table).sort((a, b) => b.length - a.length)) {
    const c = k.charCodeAt(0);
    const list = byFirst.get(c) ?? [];
    list.push(k);
    byFirst.set(c, list);
    LEXICON_FIRST[c] |= bit;
  }
  return { table, byFirst, bit };
}
const SINCE_PREPOSITIONS_WORDS = lexicon(SINCE_PREPOSITIONS);
const APPROX_PREFIXES_WORDS = lexicon(APPROX_PREFIXES);
const REL_DAY_TOD_WORDS = lexicon(REL_DAY_TOD);
const REL_YEAR_WORDS = lexicon(REL_YEAR);
const REL_QUARTER_WORDS = lexicon(REL_QUARTER);
const REL_MONTH_WORDS = lexicon(REL_MONTH);
const NARRATIVE_WORDS = lexicon(NARRATIVE);
const REL_DAY_WORDS = lexicon(REL_DAY);
const REL_WEEK_WORDS = lexicon(REL_WEEK);
const RELATIVE_HALVES_WORDS = lexicon(RELATIVE_HALVES);
const ERAS_WORDS = lexicon(ERAS);
const SEASONS_WORDS = lexicon(SEASONS);
const REL_CENTURY_WORDS = lexicon(REL_CENTURY);
const TOD_WORDS = lexicon(TOD);
const TOD_SHORT_WORDS = lexicon(TOD_SHORT);

/** Whether t[from, to) holds a character beyond ASCII (full-width digits or point). */
function hasWide(t: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (t.charCodeAt(k) > 0x7f) return true;
  return false;
}

/** Latin letters and points before a digit ([A-Za-z.．·・]): the number continues a name, code or decimal. */
function gluesToNumber(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0xff0e || c === 0xb7 || c === 0x30fb;
}

/** 农历, 阴历 (and their traditional forms) at i: the date after them is a lunar one. */
function isLunarMark(t: string, i: number): boolean {
  return t.startsWith('农历', i) || t.startsWith('阴历', i) || t.startsWith('農曆', i) || t.startsWith('陰曆', i);
}

/** Characters that join the two ends of a month or day range (1-5月, 1至5日). */
function isRangeConnector(ch: string | undefined): boolean {
  return ch !== undefined && '-—－~～至到–'.includes(ch);
}

class DateScanner {
  private readonly out: RawSpan[] = [];
  private readonly dct: Ymd | undefined;
  /** The last fully named day (for 当天 / 当日) and the last date's year/month (for ranges). */
  private lastDay: DayRef | undefined;
  private last: { end: number; y?: number | null; m?: number | null } | undefined;
  /** The last clock time with its day (for 明天8点和9点: the second clock keeps the day). */
  private lastTime: { end: number; day: DayRef; tod?: TodInfo } | undefined;
  private lastWeek: { end: number; off: number } | undefined;
  /** The last year and month named (for 同年, 次年, 当月). */
  private lastYear: number | undefined;
  private lastMonth: { y: number; m: number } | undefined;

  /** The DCT's time of day, when it carries one (clock-relative expressions resolve against it). */
  private readonly dctClock: DctClock | undefined;

  constructor(private readonly text: string, dct: string | undefined) {
    this.dct = parseDct(dct);
    this.dctClock = this.dct ? parseDctClock(dct) : undefined;
  }

  /** Carries on from `state` (what a scan of the text before `from` left). */
  restore(state: DateScanState): void {
    this.lastWeek = state.lastWeek;
    this.lastDay = state.lastDay;
    this.last = state.last;
    this.lastYear = state.lastYear;
    this.lastMonth = state.lastMonth;
    this.lastTime = state.lastTime;
  }

  /** What a scan that stopped at `next` leaves for the text after it. */
  state(next: number): DateScanState {
    return { lastDay: this.lastDay, last: this.last, lastYear: this.lastYear, lastMonth: this.lastMonth, lastTime: this.lastTime, lastWeek: this.lastWeek, next };
  }

  /** Scans expressions starting in [from, to); returns where the next scan resumes (≥ to when one ran past it). */
  run(from = 0, to = this.text.length): number {
    const t = this.text;
    const n = to;
    let i = from;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (START[c] === 0 || (ANY_SECOND[c] === 0 && (i + 1 >= t.length || !SECOND.get(c)!.has(t.charCodeAt(i + 1))))) {
        i++;
        continue;
      }
      if (NAMED_DAY_ONLY_FIRST[c] === 1 && NAMED_DAY_ONLY.get(c)!.has(t.charCodeAt(i + 1)) && !matchHoliday(t, i, false) && !matchSolarTerm(t, i, false)) {
        i++;
        continue;
      }
      if (c === 0x300a /* 《 */) {
        // A title closed within 200 characters is skipped. The next 》 is looked up once and kept until passed, so
        // that an unclosed 《 (or a run of them) never scans the same text again (linear time).
        if (this.nextClose !== -1 && this.nextClose <= i) this.nextClose = t.indexOf('》', i + 1);
        i = this.nextClose !== -1 && this.nextClose < i + 201 ? this.nextClose + 1 : i + 1;
        continue;
      }
      // war3, MP3, G20: a number glued to Latin letters is a name or a code; 24.15点 continues a decimal.
      if (isDigitCode(c) && i > 0 && gluesToNumber(t.charCodeAt(i - 1))) {
        i = this.skipRun(i);
        continue;
      }
      const end = this.expression(i);
      if (end > i) {
        i = end;
        continue;
      }
      // Do not restart in the middle of a number or a Latin word.
      i = this.skipRun(i);
    }
    return i;
  }

  /** The spans found so far, as scanned (ranges not joined yet: see core/dateRanges.ts). */
  spans(): RawSpan[] {
    const out: RawSpan[] = [];
    let prev: RawSpan | undefined;
    let prevRecurring = false;
    for (const s of this.out) {
      // 每天中午12点和晚上6点: a time listed after a recurring one recurs too.
      const listed: boolean = prevRecurring && prev !== undefined && s.start > prev.end && s.start - prev.end <= 2 && /^[ \u3000]?[和、及或与與][ \u3000]?$/.test(this.text.slice(prev.end, s.start));
      let recurring: boolean = listed || recurringBefore(this.text, s.start);
      // 周一到周五每天早上七点: the days before 每天 recur.
      if (!recurring) recurring = recurringAfterDays(this.text, s.start, s.end);
      if (!recurring) out.push(s);
      prev = s;
      prevRecurring = recurring;
    }
    return out;
  }

  private skipRun(i: number): number {
    const t = this.text;
    if (isDigit(t[i])) {
      let j = i + 1;
      while (j < t.length && (isDigit(t[j]) || t[j] === '.' || t[j] === ':' || t[j] === '-')) j++;
      return j;
    }
    if (i >= t.length) return i + 1;
    if (t[i] === '第') {
      // A run of 第 is skipped in a loop (a recursive call per 第 overflowed the stack on ~9,000 of them).
      let j = i;
      while (j < t.length && t[j] === '第') j++;
      return this.skipRun(j);
    }
    if (CN_NUM[t.charCodeAt(i)] !== 0) {
      let j = i + 1;
      while (j < t.length && CN_NUM[t.charCodeAt(j)] !== 0) j++;
      return j;
    }
    return i + 1;
  }

  private at(i: number, word: string): boolean {
    return this.text.startsWith(word, i);
  }

  /** The longest key of a word table at i. */
  private word<T>(i: number, lexicon: Lexicon<T>): [string, T] | undefined {
    const c = this.text.charCodeAt(i);
    if ((LEXICON_FIRST[c] & lexicon.bit) === 0) return undefined; // past the end: LEXICON_FIRST[NaN] is undefined, & gives 0
    const keys = lexicon.byFirst.get(c)!;
    for (const k of keys) if (this.text.startsWith(k, i)) return [k, lexicon.table[k]];
    return undefined;
  }

  private skipSpace(i: number): number {
    const t = this.text;
    while (i < t.length && (t[i] === ' ' || t[i] === '\u3000' || t[i] === '\t')) i++;
    return i;
  }

  /** A numeral (Arabic, half/full width, or Chinese) at i, or undefined. */
  private num(i: number, allowDecimal = false): Num | undefined {
    // The readers try several readings at one position: parse each numeral once.
    if (allowDecimal) {
      if (i !== this.numDecAt) {
        this.numDecAt = i;
        this.numDecVal = this.readNum(i, true);
      }
      return this.numDecVal;
    }
    if (i !== this.numAt) {
      this.numAt = i;
      this.numVal = this.readNum(i, false);
    }
    return this.numVal;
  }

  /** The first 》 after the last 《 looked at (-1: none to the end of the text); see run(). */
  private nextClose = -2;

  private numAt = -1;
  private numVal: Num | undefined;
  private numDecAt = -1;
  private numDecVal: Num | undefined;

  private readNum(i: number, allowDecimal: boolean): Num | undefined {
    const t = this.text;
    if (i >= t.length) return undefined;
    if (isDigit(t[i])) {
      let j = i;
      while (j < t.length && isDigit(t[j])) j++;
      if (allowDecimal && (t[j] === '.' || t[j] === '．') && j + 1 < t.length && isDigit(t[j + 1])) {
        j++;
        while (j < t.length && isDigit(t[j])) j++;
      }
      let raw = t.slice(i, j);
      if (hasWide(t, i, j)) raw = toHalfWidth(raw);
      return { end: j, value: Number(raw), arabic: true, length: j - i, digitsOnly: true, leadingZero: raw[0] === '0' && j - i > 1 };
    }
    let j = i;
    while (j < t.length && CN_NUM[t.charCodeAt(j)] !== 0) {
      j++;
      if (j - i > MAX_CN_NUMERAL) return undefined;
    }
    if (j === i) return undefined;
    if (j === i + 1) {
      // One character (一, 十, 两): the commonest case, without building a string.
      const v = SINGLE_CN[t[i]];
      if (v === undefined) return undefined;
      return { end: j, value: v, arabic: false, length: 1, digitsOnly: CN_NUM[t.charCodeAt(i)] === 3, leadingZero: false };
    }
    const raw = t.slice(i, j);
    const value = parseNumeral(raw);
    if (value === undefined) return undefined;
    let digitsOnly = true;
    for (let k = i; k < j; k++) if (CN_NUM[t.charCodeAt(k)] !== 3) digitsOnly = false;
    return { end: j, value, arabic: false, length: j - i, digitsOnly, leadingZero: raw[0] === '零' || raw[0] === '〇' };
  }

  private emit(start: number, end: number, label: RawSpan['label'], timex: string, mod?: Mod, extra?: Partial<RawSpan>) {
    const span: RawSpan = { start, end, label, timex, ...extra };
    if (mod) span.mod = mod;
    this.out.push(span);
  }

  // -------------------------------------------------------------------------------------------------------------
  // One expression

  /** Parses the expression starting at i; returns its end, or i when there is none. */
  private expression(i: number): number {
    const t = this.text;
    for (const w of NOT_DATES_BY_FIRST.get(t.charCodeAt(i)) ?? NONE) if (t.startsWith(w, i)) return i + w.length;

    // 自2018年以来, 从2016年3月1日开始, 自2016年9月1日起: the preposition belongs to the span.
    const since = this.word(i, SINCE_PREPOSITIONS_WORDS);
    if (since) {
      const end = this.dateTime(i + since[0].length, i, true);
      if (end > 0) return end;
      return i; // the preposition alone
    }
    if (this.at(i, '去年同期') || this.at(i, '上年同期')) {
      const y = this.dct ? this.dct.y - 1 : null;
      this.emit(i, i + 4, 'DATE', fmtYear(y));
      return i + 4;
    }
    for (const w of PAST_REF_BY_FIRST.get(t.charCodeAt(i)) ?? NONE) {
      if (t.startsWith(w, i)) {
        const after = i + w.length;
        // 最近三年 / 近年来: a following duration or numeral is the expression; the adverb is not labelled.
        if (w === '最近' && (this.num(after) || this.at(after, '几') || this.at(after, '数'))) return i + 2;
        // 接近年底: 年底 is the date; 节日前夕: not 日前.
        if (w === '近年' && '底末初中终'.includes(t[after] ?? '\uffff')) return i;
        if (w === '日前' && (t[after] === '夕' || '节生假每本当今昨明某两三几数多'.includes(t[i - 1] ?? '\uffff'))) return i;
        this.emit(i, after, 'DATE', 'PAST_REF');
        return after;
      }
    }
    const dt = this.dateTime(i, i, false);
    if (dt > 0) return dt;
    // 大约十点, 约晚上8时: an approximate time of day.
    const approx = this.word(i, APPROX_PREFIXES_WORDS);
    if (approx) {
      const time = this.time(i + approx[0].length, undefined, true);
      if (time && /\d/.test(time.timex)) {
        this.emit(i, time.end, 'TIME', time.timex, 'approx');
        return time.end;
      }
    }
    const du = this.duration(i);
    if (du > 0) return du;
    return i;
  }

  /**
   * A date, optionally followed by a time of day and a postposed modifier. `spanStart` is where the DATE span
   * starts (before a 自/从 preposition); with `needSince` the expression must end in 以来/起/开始 and gets
   * mod since_start. Returns the end, or 0.
   */
  private dateTime(i: number, spanStart: number, needSince: boolean): number {
    const date = this.date(i);
    let end = date ? date.end : i;
    let value = date?.value;
    // 教师节前一天, 国庆节的后两天: a day shifted by a few days is one DATE.
    if (value && !date?.timeOnly) {
      const shift = this.dayShift(end, value);
      if (shift) {
        end = shift.end;
        value = shift.value;
      }
    }
    const dateEnd = end;
    // Time of day: fused day+time words (今晚), or after the date.
    let time: { start: number; end: number; timex: string; tod?: TodInfo } | undefined;
    if (date?.timeOnly) {
      time = { start: i, end: date.end, timex: date.value.timex };
      value = undefined;
    } else {
      // 2024-12-31T08:00: ISO 8601's T between a day and its clock.
      const ts = value ? (this.text[end] === 'T' && value.day && isDigit(this.text[end + 1]) ? end + 1 : this.skipSpace(end)) : i;
      // 明天8点和9点: a clock listed after a clock with its day keeps that day.
      const listed = value ? undefined : this.listedAfterTime(i);
      time = listed ? this.time(ts, listed.day, true, listed.tod ?? NO_TOD, true) : this.time(ts, value?.day, value !== undefined);
      if (listed && time && !/T\d/.test(time.timex)) time = undefined;
      // 明天的下午三点, 礼拜天的早上: 的 between a day and its time of day (a part of the day must follow it).
      if (!time && value?.day && this.text[ts] === '的' && this.word(ts + 1, TOD_WORDS)) {
        const t2 = this.time(ts + 1, value.day, false);
        if (t2) time = { ...t2, start: ts + 1 };
      }
      if (time) end = time.end;
    }
    if (!value && !time) return 0;

    // Postposed modifier.
    let mod: ModMatch | undefined = this.suffix(end, time ? false : !!value?.mod);
    // 会议于9点开始: after a time of day, 开始 is the verb.
    if (time && mod && this.text.startsWith('开始', mod.end - 2)) mod = undefined;
    if (needSince) {
      // 自从2018年 means "since" on its own; 自/从 need 以来/起/开始.
      const alone = this.text.startsWith('自从', spanStart) || this.text.startsWith('自從', spanStart);
      if (time || (mod ? mod.mod !== 'since_start' : !alone)) return 0;
      mod ??= { end, mod: 'since_start' };
    }
    const finalEnd = mod ? mod.end : end;

    // A date with its time of day is one TIME span (the TIME's value carries the day).
    const merged = !!value && !!time && value.day !== undefined && !value.mod;
    if (value) {
      const valEnd = time ? dateEnd : finalEnd;
      if (!merged) this.emit(spanStart, valEnd, 'DATE', value.timex, time ? value.mod : (mod?.mod ?? value.mod));
      if (value.day && value.day.d !== null) this.lastDay = value.day;
      // After 5月27日晚上, a day that follows (至28日) continues from the time's end; so does a weekday after 下周一下午三点.
      this.last = { end: merged && time ? time.end : dateEnd, y: value.y, m: value.m };
      if (merged && time && this.lastWeek?.end === dateEnd) this.lastWeek = { end: time.end, off: this.lastWeek.off };
      if (typeof value.y === 'number') {
        this.lastYear = value.y;
        this.lastMonth = typeof value.m === 'number' ? { y: value.y, m: value.m } : undefined;
      }
    }
    if (time) {
      const timeStart = merged ? spanStart : time.start;
      // 下午5:00到6:00, 上午10点至12点: the second clock keeps the day and the part of the day; one TIME span
      // with an interval.
      if (!mod && !time.timex.includes('/')) {
        const c = this.skipSpace(finalEnd);
        if ('到至-－~～—–'.includes(this.text[c] ?? '\uffff')) {
          // After a clock with minutes or a day (明天14点31到15点), the second end is a time whatever follows it.
          const clear = !!value?.day || time.timex.includes(':');
          const second = this.time(this.skipSpace(c + 1), value?.day, true, time.tod, clear);
          if (second && !second.timex.includes('/')) {
            // 从下午五点一刻到六点: 从 belongs to the range.
            const from = '从從自由'.includes(this.text[timeStart - 1] ?? '\uffff') ? timeStart - 1 : timeStart;
            this.emit(from, second.end, 'TIME', `${time.timex}/${second.timex}`);
            return second.end;
          }
        }
      }
      this.emit(timeStart, finalEnd, 'TIME', time.timex, mod?.mod);
      // A clock on a known day (2025-01-22T08): a clock listed after it keeps the day.
      const onDay = /^(\d{4})-(\d{2})-(\d{2})T\d/.exec(time.timex);
      if (onDay) this.lastTime = { end: finalEnd, day: { y: +onDay[1], m: +onDay[2], d: +onDay[3] }, tod: time.tod };
    }
    return finalEnd;
  }

  /** The day of the clock time just before i when only a list connector (和, 、, 或, 及) lies between. */
  private listedAfterTime(i: number): { day: DayRef; tod?: TodInfo } | undefined {
    const lt = this.lastTime;
    if (!lt || i <= lt.end || i - lt.end > 8) return undefined;
    // 下午两点的会改到三点: the same appointment moved (clockTimes.ts).
    if (rescheduledAfterTime(this.text.slice(lt.end, i))) return lt;
    return /^[ \u3000]?[和、或及与與][ \u3000]?$/.test(this.text.slice(lt.end, i)) ? lt : undefined;
  }

  /** 前一天 / 后两天 (after an optional 的) at i after a date that names one day: that day shifted. */
  private dayShift(i: number, value: DateValue): { end: number; value: DateValue } | undefined {
    const t = this.text;
    const day = value.day;
    if (!day || day.y === null || day.m === null || day.d === null || value.mod || value.timex.includes('/')) return undefined;
    let p = t[i] === '的' ? i + 1 : i;
    const dir = t[p] === '前' ? -1 : t[p] === '后' || t[p] === '後' ? 1 : 0;
    if (dir === 0) return undefined;
    p++;
    const n = this.num(p);
    if (!n || !Number.isInteger(n.value) || n.value < 1 || n.value > 10 || t[n.end] !== '天') return undefined;
    const d = addDays({ y: day.y, m: day.m, d: day.d }, dir * n.value);
    return { end: n.end + 1, value: { timex: fmtYmd(d), day: d, y: d.y, m: d.m } };
  }

  /** Postposed modifiers of a date or time. */
  private suffix(i: number, hasMod: boolean): ModMatch | undefined {
    if (hasMod) return undefined;
    const t = this.text;
    const j = this.skipSpace(i);
    for (const [w, mod] of SUFFIXES_BY_FIRST.get(t.charCodeAt(j)) ?? NONE) {
      if (!t.startsWith(w, j)) continue;
      const after = j + w.length;
      // 2023年前三季度, 6月后半月, 前不久 …: 前/后 begin the next expression.
      if ((w === '前' || w === '后' || w === '後') && after < t.length) {
        const nx = t[after];
        if (CN_NUM_CHARS.includes(nx) || isDigit(nx) || nx === '半' || nx === '期' || nx === '面' || nx === '来' || nx === '天' || nx === '者' || nx === '年') return undefined;
      }
      if (w === '起' && '来來草诉訴床身飞飛步义義码碼伏'.includes(t[after] ?? '\uffff')) return undefined;
      if ((w === '许' || w === '許') && '多可诺久'.includes(t[after] ?? '\uffff')) return undefined;
      return { end: after, mod };
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Dates

  // date() is cut into four readers (fixed forms, the year, what follows a year or month, what stands alone) so that
  // V8 optimises each early and a deoptimisation recompiles one of them, not all (same logic, same order).
  private date(i: number): DateRead | undefined {
    const fixed = this.fixedFormDate(i);
    if (fixed !== undefined) return fixed ?? undefined;
    return this.namedYearDate(i);
  }

  /**
   * The forms read at i before any year: fused day + part of day, holidays and solar terms, lunar dates, numeric
   * dates, halves of the DCT's month / week / half year. Undefined when none is there, null when none may be (每…).
   */
  private fixedFormDate(i: number): DateRead | null | undefined {
    const t = this.text;
    const dct = this.dct;
    // Fused day + part of day: 今晚 → one TIME.
    let fused = this.word(i, REL_DAY_TOD_WORDS);
    if (fused && insideWord(t, i, fused[0])) fused = undefined;
    if (fused) {
      const [w, [off, code]] = fused;
      const after = i + w.length;
      const clock = this.clock(this.skipSpace(after), TOD[code === 'MO' ? '上午' : code === 'EV' ? '晚上' : '深夜']);
      // 当晚 / 当夜: the day named last when it is a whole date, else the DCT's (as 当天)
      const named = off === 'anaphoric' ? this.lastDay : undefined;
      const day = isWholeDay(named) ? named : dct ? addDays(dct, off === 'anaphoric' ? 0 : off) : undefined;
      const dayStr = day ? fmtYmd(day) : 'XXXX-XX-XX';
      if (clock) return { end: clock.end, value: { timex: `${dayStr}T${clock.value}` }, timeOnly: true };
      return { end: after, value: { timex: `${dayStr}T${code}` }, timeOnly: true };
    }

    // Lunar dates: 农历2015年十月初一, 正月初一, 腊月二十三, 春节 (converted to the Gregorian day).
    // 每年6月, 每月15日: recurring (a TIMEX3 SET), not labelled.
    if (i >= 2 && t[i - 2] === '每' && (t[i - 1] === '年' || t[i - 1] === '月' || t[i - 1] === '周' || t[i - 1] === '天')) return null;
    if (i >= 1 && (t[i - 1] === '每' || t[i - 1] === '逢')) return null; // 每周一, 每逢周末
    // Holidays and festivals, solar terms (holidays.ts, solarTerms.ts): 国庆节, 去年中秋, 春节期间, 2023年立秋.
    const named = this.namedDay(i);
    if (named) return t.startsWith('每年的', i - 3) ? null : named;
    // 农历初八, 初一 (a request of its own), 初一早上: a day of the lunar month the DCT falls in.
    const chu = this.lunarDayOfThisMonth(i);
    if (chu) return chu;
    const lunar = this.lunarDate(i);
    if (lunar) {
      // 每年的端午节: recurring, not one day.
      if (t.startsWith('每年的', i - 3)) return null;
      return this.lunarValue(lunar, this.inherited(i) !== undefined);
    }

    // ISO-like numeric dates: 2023-06-18, 2023/6/18, 2023.6.18.
    const iso = this.isoDate(i);
    if (iso) {
      const day = { y: iso.y, m: iso.m, d: iso.d };
      return this.weekdayTail(iso.end, { timex: fmtYmd(iso), day, y: iso.y, m: iso.m });
    }
    // 20230415: a compact date (not inside a number, code or ID).
    const digit = isDigit(t[i]);
    const compact = digit ? this.compactDate(i) : undefined;
    if (compact) {
      const day = { y: compact.y, m: compact.m, d: compact.d };
      return this.weekdayTail(compact.end, { timex: fmtYmd(compact), day, y: compact.y, m: compact.m });
    }
    // 2023.12, 2022-11: a year and month.
    const ym = digit ? this.numericYearMonth(i) : undefined;
    if (ym) return { end: ym.end, value: { timex: `${fmtYear(ym.y)}-${pad2(ym.m)}`, y: ym.y, m: ym.m } };
    // 1/2/2020: day/month/year (a slash date ending in the year).
    const dmy = this.dayMonthYear(i);
    if (dmy) {
      const day = { y: dmy.y, m: dmy.m, d: dmy.d };
      return this.weekdayTail(dmy.end, { timex: fmtYmd(dmy), day, y: dmy.y, m: dmy.m });
    }
    // 上半月, 下半周, 上个半年: halves of the DCT's month, week, half year.
    const half = this.relativeHalf(i);
    if (half) return half;
    return undefined;
  }

  /** Decades, year ranges, years (written, relative, narrative, of an era) and what follows them, else dateAlone. */
  private namedYearDate(i: number): DateRead | undefined {
    const t = this.text;
    const dct = this.dct;
    let p = i;
    let y: number | null | undefined; // undefined: not named
    let yearExplicit = false;
    // Decades and centuries: 九十年代, 二十世纪九十年代, 19世纪70年代.
    const dec = this.decade(p);
    if (dec) {
      // 80年代中期, 90年代末, 20世纪初.
      for (const [w, mod] of DECADE_PARTS) {
        if (t.startsWith(w, dec.end)) return { end: dec.end + w.length, value: { timex: dec.timex, mod } };
      }
      return { end: dec.end, value: { timex: dec.timex } };
    }

    const yrange = this.yearRange(p);
    if (yrange) return { end: yrange.end, value: { timex: `${fmtYear(yrange.a)}/${fmtYear(yrange.b)}` } };
    const bare = isDigit(t[p]) ? this.bareYear(p) : undefined;
    if (bare) return { end: bare.end, value: { timex: fmtYear(bare.y), y: bare.y } };
    const era = this.eraYear(p);
    let ry = era ? undefined : this.word(p, REL_YEAR_WORDS);
    // 上年纪, 最后年限, 目前年龄: not years.
    if (ry && (insideWord(t, p, ry[0]) || (ry[0].startsWith('后') && '最之以然此落退先背而今'.includes(t[p - 1] ?? '\uffff')))) {
      ry = undefined;
    }
    if (era) {
      y = era.y;
      yearExplicit = true;
      p = era.end;
    } else if (ry) {
      y = dct ? dct.y + ry[1] : null;
      p += ry[0].length;
      if (t[p] === '度') p++;
    } else if (this.narrativeYear(p)) {
      // 同年10月, 次年春季: the year after the one named last.
      const [w, [, off]] = this.narrativeYear(p)!;
      y = this.lastYear !== undefined ? this.lastYear + off : dct ? dct.y + off : null;
      p += w.length;
    } else {
      const yr = this.year(p);
      if (yr) {
        y = yr.y;
        yearExplicit = true;
        p = yr.end;
      }
    }
    // 2023年国庆节, 去年除夕, 明年的端午节, 今年立秋 (holidays.ts, solarTerms.ts).
    if (y !== undefined) {
      const q = t[p] === '的' ? p + 1 : p;
      if (NAMED_DAY_FIRST[t.charCodeAt(q)] === 1) {
        const nd = this.namedDayAt(i, q, y);
        if (nd) return t.startsWith('每年的', i - 3) ? undefined : nd;
      }
    }
    const inherit = this.inherited(i);
    const periods = this.periodDate(p, y, yearExplicit, inherit);
    if (periods !== undefined || y !== undefined) return periods;
    // Nothing after a year was read: p is still i.
    return this.dateAlone(p, inherit);
  }

  /**
   * What follows a year (y, undefined when none was named) at p, or stands without one: slices of the year, quarters,
   * year parts, months with their parts, slices and days; a year alone. Undefined when there is none of them.
   */
  private periodDate(
    p: number,
    y: number | null | undefined,
    yearExplicit: boolean,
    inherit: { y?: number | null; m?: number | null } | undefined,
  ): DateRead | undefined {
    const t = this.text;
    const dct = this.dct;

    // The first / last N weeks, days or months of a named year: 2021年的前2周, 今年的最後 3 週.
    if (y !== undefined) {
      const slice = this.yearSlice(p, y);
      if (slice) return slice;
    }

    // 本季度, 上个季度, 下一季度 (末/初): the DCT's quarter, the one before or after.
    if (y === undefined) {
      const rq = '本这這上下当'.includes(t[p] ?? '\uffff') ? this.word(p, REL_QUARTER_WORDS) : undefined;
      if (rq && !insideWord(t, p, rq[0])) {
        let e = p + rq[0].length;
        const edge: Mod | undefined = t[e] === '末' || t[e] === '底' ? 'end' : t[e] === '初' && !CN_NUM_CHARS.includes(t[e + 1] ?? '\uffff') ? 'start' : undefined;
        if (edge) e++;
        if (!dct) return { end: e, value: { timex: 'XXXX-QX', mod: edge } };
        const k = dct.y * 4 + Math.floor((dct.m - 1) / 3) + rq[1];
        const qy = Math.floor(k / 4);
        return { end: e, value: { timex: `${fmtYear(qy)}-Q${(k % 4) + 1}`, mod: edge, y: qy } };
      }
    }

    // Year sub-periods.
    {
      const sub = this.yearPart(p, y !== undefined);
      if (sub) {
        const yy = y !== undefined ? y : inherit?.y !== undefined ? inherit.y : dct ? dct.y : null;
        const timex = sub.interval
          ? `${fmtYear(yy)}-${sub.interval[0]}/${fmtYear(yy)}-${sub.interval[1]}`
          : sub.code
            ? `${fmtYear(yy)}-${sub.code}`
            : fmtYear(yy);
        return { end: sub.end, value: { timex, mod: sub.mod, y: yy } };
      }
    }

    // Month: 6月, 十二月, 1-5月, 本月, 上个月.
    let m: number | null | undefined;
    let mInterval: [number, number] | undefined;
    let rm = y === undefined ? this.word(p, REL_MONTH_WORDS) : undefined;
    if (rm && insideWord(t, p, rm[0])) rm = undefined;
    if (rm) {
      if (dct) {
        const a = addMonths(dct.y, dct.m, rm[1]);
        y = a.y;
        m = a.m;
      } else {
        y = null;
        m = null;
      }
      p += rm[0].length;
      // 本月初一, 这个月初八: 初 + a day is lunar, the day of the lunar month the DCT falls in.
      if (rm[1] === 0 && t[p] === '初' && dct) {
        const n = this.num(p + 1);
        const month = n && !n.arabic && Number.isInteger(n.value) && n.value >= 1 && n.value <= 10 ? lunarMonthContaining(dct) : undefined;
        if (n && month) {
          const day = addDays(month.first, n.value - 1);
          return this.weekdayTail(n.end, { timex: fmtYmd(day), day, y: day.y, m: day.m });
        }
      }
    } else {
      let mp = y !== undefined ? this.skipSpace(p) : p;
      // 2019年的6月8号: 的 between a year and its month.
      if (y !== undefined && t[mp] === '的' && this.month(mp + 1)) mp++;
      const mo = this.month(mp);
      if (mo) {
        m = mo.m;
        mInterval = mo.interval;
        p = mo.end;
      } else if (y !== undefined && y !== null) {
        // 去年8.20, 2024年11.10: a dotted month and day after a year.
        const md = this.dottedMonthDay(p, y);
        if (md) return this.weekdayTail(md.end, { timex: fmtYmd(md), day: md, y, m: md.m });
      } else if (y === undefined && inherit?.y != null && inherit.m != null) {
        // 去年8.20到11.10: the second end of a range after a dated day, in the same dotted form.
        const md = this.dottedMonthDay(p, inherit.y);
        if (md) return { end: md.end, value: { timex: fmtYmd(md), day: md, y: inherit.y, m: md.m } };
      }
    }
    if (m !== undefined) {
      let yy = y !== undefined ? y : inherit?.y !== undefined ? inherit.y : dct ? dct.y : null;
      // 11月至2月: a range that runs into the next year.
      if (y === undefined && inherit?.y != null && inherit.m != null && m !== null && m < inherit.m) yy = inherit.y + 1;
      if (mInterval) {
        return { end: p, value: { timex: `${fmtYear(yy)}-${pad2(mInterval[0])}/${fmtYear(yy)}-${pad2(mInterval[1])}`, y: yy } };
      }
      // Two ten-day parts together (本月中下旬, 7月上中旬): the days they cover.
      const two = yy !== null && m !== null ? TWO_TEN_DAY_PARTS.find(([w]) => t.startsWith(w, p)) : undefined;
      if (two && yy !== null && m !== null) {
        const base = `${fmtYear(yy)}-${pad2(m)}`;
        const last = two[2] === 'last' ? daysInMonth(yy, m) : two[2];
        return { end: p + two[0].length, value: { timex: `${base}-${pad2(two[1])}/${base}-${pad2(last)}`, y: yy, m } };
      }
      // Parts of the month.
      const mp = this.monthPart(p);
      if (mp) return { end: mp.end, value: { timex: `${fmtYear(yy)}-${fmtMonth(m)}`, mod: mp.mod, y: yy, m } };
      // 十月的第一周, 四月的最后一个星期一, 6月的前10天, 9月上半月.
      if (m !== null) {
        const slice = this.monthSlice(p, yy, m);
        if (slice) return slice;
      }
      const dd = this.day(p, true, y !== undefined);
      if (dd) {
        if (dd.interval) {
          const base = `${fmtYear(yy)}-${fmtMonth(m)}`;
          return { end: dd.end, value: { timex: `${base}-${pad2(dd.interval[0])}/${base}-${pad2(dd.interval[1])}`, y: yy, m } };
        }
        // 2月29日 in a document of a common year: not that year (the year is unknown).
        if (y === undefined && inherit?.y === undefined && yy !== null && m !== null && !isValidDate(yy, m, dd.d) && isValidDate(2000, m, dd.d)) {
          yy = null;
        }
        const day = { y: yy, m, d: dd.d };
        return this.weekdayTail(dd.end, { timex: `${fmtYear(yy)}-${fmtMonth(m)}-${pad2(dd.d)}`, day, y: yy, m });
      }
      if (t[p] === '份') p++;
      return { end: p, value: { timex: `${fmtYear(yy)}-${fmtMonth(m)}`, y: yy, m } };
    }
    if (y !== undefined) {
      // A year alone (2023年, 今年); 今年以来 gets its mod from the suffix.
      if (!yearExplicit && this.at(p, '同期')) p += 2;
      return { end: p, value: { timex: fmtYear(y), y } };
    }
    return undefined;
  }

  /** Parts of the DCT's month, a day alone, narrative references, day words, weeks and weekdays at p. */
  private dateAlone(p: number, inherit: { y?: number | null; m?: number | null } | undefined): DateRead | undefined {
    const t = this.text;
    const dct = this.dct;
    // 月底, 月初, 上旬 without a month: the DCT's month. A ten-day part takes the month of a range's start (1月上旬到
    // 中旬), else the month named last (5月份一路下滑，中旬越过…), else the DCT's.
    const mpAlone = this.monthPartAlone(p);
    if (mpAlone) {
      const named = !mpAlone.tenDay ? undefined : inherit && typeof inherit.y === 'number' && typeof inherit.m === 'number' ? { y: inherit.y, m: inherit.m } : this.lastMonth;
      const yy = named ? named.y : dct ? dct.y : null;
      const mm = named ? named.m : dct ? dct.m : null;
      return { end: mpAlone.end, value: { timex: `${fmtYear(yy)}-${fmtMonth(mm)}`, mod: mpAlone.mod, y: yy, m: mm } };
    }

    // A day alone: 18日 (month and year from a range start or the DCT).
    const dd = this.day(p, inherit !== undefined);
    // 数十年如一日, 每日, 某日, 前一日: not a day of the month; 一日 alone is usually "one day".
    const before = t[p - 1];
    const dayAloneOk = dd && (inherit || ((before === undefined || !'如每某同前后後隔次当當这那一'.includes(before)) && !(t[p] === '一' && dd.end === p + 2)));
    if (dd && !dd.interval && dayAloneOk) {
      let yy = inherit ? (inherit.y ?? null) : dct ? dct.y : null;
      let mm = inherit && inherit.m !== undefined ? inherit.m : dct ? dct.m : null;
      // 31日 in a June document: the last month that has that day.
      if (!inherit && dct && yy !== null && mm !== null) {
        for (let k = 0; k < 3 && !isValidDate(yy, mm, dd.d); k++) {
          const a = addMonths(yy, mm, -1);
          yy = a.y;
          mm = a.m;
        }
      }
      const day = { y: yy, m: mm, d: dd.d };
      return this.weekdayTail(dd.end, { timex: `${fmtYear(yy)}-${fmtMonth(mm)}-${pad2(dd.d)}`, day, y: yy, m: mm });
    }

    // Narrative references to the date last named: 次日, 第二天, 同年, 次年, 当月.
    const an = this.word(p, NARRATIVE_WORDS);
    if (an && an[1][0] !== 'Y' && !insideWord(t, p, an[0])) {
      const end = p + an[0].length;
      const [unit, off] = an[1];
      if (unit === 'D') {
        // The day named last, else (no day named yet) the DCT: 次日凌晨 in a timestamped item is the next day.
        const base = this.lastDay ?? dct;
        if (base && base.y !== null && base.m !== null && base.d !== null) {
          const day = addDays({ y: base.y, m: base.m, d: base.d }, off);
          return { end, value: { timex: fmtYmd(day), day, y: day.y, m: day.m } };
        }
        const day = { y: null, m: null, d: null };
        return { end, value: { timex: 'XXXX-XX-XX', day } };
      }
      const base = this.lastMonth ?? (dct && !this.lastYear ? { y: dct.y, m: dct.m } : undefined);
      if (base) {
        const a = addMonths(base.y, base.m, off);
        return { end, value: { timex: `${fmtYear(a.y)}-${pad2(a.m)}`, y: a.y, m: a.m } };
      }
      return { end, value: { timex: 'XXXX-XX' } };
    }

    // Day words: 今天, 昨日, 当天.
    let rd = this.word(p, REL_DAY_WORDS);
    if (rd && (insideWord(t, p, rd[0]) || colloquialDayInsideWord(t, p, rd[0]))) rd = undefined;
    // 国庆节当天, 立秋这天: 当天 right after the date it refers to adds nothing.
    if (rd && rd[1] === 'anaphoric' && this.last && this.last.end === p) return undefined;
    if (rd) {
      let day: DayRef;
      if (rd[1] === 'anaphoric') day = this.lastDay ?? (dct ? { ...dct } : { y: null, m: null, d: null });
      else if (dct) day = addDays(dct, rd[1]);
      else day = { y: null, m: null, d: null };
      const end = p + rd[0].length;
      return { end, value: { timex: day.d === null ? 'XXXX-XX-XX' : `${fmtYear(day.y)}-${fmtMonth(day.m)}-${pad2(day.d)}`, day, y: day.y, m: day.m } };
    }

    // Weeks and weekdays: 本周, 上周三, 下下周, 周末, 星期一.
    let rw = this.word(p, REL_WEEK_WORDS);
    // 上周期, 下周边: not weeks.
    if (rw && ('期边邊围圍刊岁歲年'.includes(t[p + rw[0].length] ?? '\uffff') || insideWord(t, p, rw[0]))) rw = undefined;
    let weekOff: number | undefined;
    let wp = p;
    if (rw) {
      weekOff = rw[1];
      wp = p + rw[0].length;
    }
    const tail = rw ? WEEKDAY_PREFIXES.find((w) => rw[0].endsWith(w)) : undefined;
    // 记者周一鸣, 通讯员周五: a byline names a person.
    if (!rw && p > 0 && BYLINE_LAST.includes(t[p - 1]) && /(?:记者|記者|通讯员|通訊員|编辑|編輯|作者|摄影|攝影)\s?$/.test(t.slice(Math.max(0, p - 4), p))) return undefined;
    let wd = this.weekday(rw && tail ? wp - tail.length : wp, !!rw);
    // 下周的周三, 这周的周五: the week, 的, and a weekday of it are one day.
    let endAfter: number | undefined;
    if (rw && !wd && t[wp] === '的') {
      const w2 = this.weekday(wp + 1);
      if (w2 && !w2.weekend) {
        wd = w2;
        endAfter = w2.end;
      }
    }
    // 下周一至周五, 上周三到周五: a weekday that ends a range (or list) begun by a weekday of a named week is in that week.
    if (!rw && wd && this.lastWeek && p > this.lastWeek.end && p - this.lastWeek.end <= 2 && /^[到至和、或及与與\-－—~～]$/.test(t.slice(this.lastWeek.end, p).trim())) {
      weekOff = this.lastWeek.off;
    }
    if (wd || rw) {
      const end = endAfter ?? (wd ? wd.end : wp);
      const off = weekOff ?? 0;
      if (rw && wd && !wd.weekend) this.lastWeek = { end, off: rw[1] };
      if (!dct) {
        const w = weekOff === undefined ? 'WXX' : 'WXX';
        const timex = wd ? (wd.weekend ? `XXXX-${w}-WE` : `XXXX-${w}-${wd.d}`) : `XXXX-${w}`;
        return { end, value: { timex, day: wd && !wd.weekend ? { y: null, m: null, d: null } : undefined } };
      }
      const ref = addDays(dct, 7 * off);
      if (wd && !wd.weekend) {
        const day = addDays(ref, wd.d - isoWeekday(ref));
        return { end, value: { timex: fmtYmd(day), day, y: day.y, m: day.m } };
      }
      const wk = isoWeek(ref);
      const timex = `${fmtYear(wk.y)}-W${pad2(wk.w)}${wd?.weekend ? '-WE' : ''}`;
      return { end, value: { timex } };
    }
    return undefined;
  }

  /** 8.20 after a year (去年8.20): month 1–12 and a valid day, each of one or two Arabic digits, standing alone. */
  private dottedMonthDay(i: number, y: number): (Ymd & { end: number }) | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !a.arabic || a.length > 2 || (t[a.end] !== '.' && t[a.end] !== '．')) return undefined;
    const b = this.num(a.end + 1);
    if (!b || !b.arabic || b.length > 2 || !isValidDate(y, a.value, b.value)) return undefined;
    const nx = t[b.end] ?? '';
    if (nx !== '' && (/[0-9０-９.．%％:：A-Za-z]/.test(nx) || DAY_NOT_BEFORE.includes(nx))) return undefined;
    return { y, m: a.value, d: b.value, end: b.end };
  }

  /** 1/2/2020, 25/12/2019: day/month/four-digit year; month/day only when the second number cannot be a month. */
  private dayMonthYear(i: number): (Ymd & { end: number }) | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !a.arabic || a.length > 2 || t[i - 1] === '/' || t[i - 1] === '／') return undefined;
    const sep = t[a.end];
    if (sep !== '/' && sep !== '／') return undefined;
    const b = this.num(a.end + 1);
    if (!b || !b.arabic || b.length > 2 || t[b.end] !== sep) return undefined;
    const c = this.num(b.end + 1);
    if (!c || !c.arabic || c.length !== 4 || c.value < 1000 || c.value > 2199) return undefined;
    if (c.end < t.length && (isDigit(t[c.end]) || t[c.end] === sep)) return undefined;
    const [d, m] = b.value > 12 && a.value <= 12 ? [b.value, a.value] : [a.value, b.value];
    if (!isValidDate(c.value, m, d)) return undefined;
    return { y: c.value, m, d, end: c.end };
  }

  /** 上半月 (days 1–15 of the DCT's month), 下半月, 上半周 (Monday–Wednesday), 下半周 (Thursday–Sunday), 上个半年. */
  private relativeHalf(i: number): { end: number; value: DateValue } | undefined {
    const w = this.word(i, RELATIVE_HALVES_WORDS);
    if (!w) return undefined;
    const end = i + w[0].length;
    // 半月刊, 半周期: other words.
    if ('刊期'.includes(this.text[end] ?? '\uffff')) return undefined;
    const [unit, which] = w[1];
    const dct = this.dct;
    if (unit === 'M') return { end, value: this.halfMonth(dct ? dct.y : null, dct ? dct.m : null, which as 0 | 1) };
    if (unit === 'W') {
      if (!dct) return { end, value: { timex: which === 0 ? 'XXXX-WXX-1/P3D' : 'XXXX-WXX-4/P4D' } };
      const first = addDays(dct, (which === 0 ? 1 : 4) - isoWeekday(dct));
      return { end, value: { timex: `${fmtYmd(first)}/P${which === 0 ? 3 : 4}D` } };
    }
    if (!dct) return { end, value: { timex: 'XXXX-HX' } };
    // The half year before / after the DCT's.
    const h = dct.m <= 6 ? 0 : 1;
    const k = dct.y * 2 + h + which;
    const y = Math.floor(k / 2);
    return { end, value: { timex: `${fmtYear(y)}-H${(k % 2) + 1}`, y } };
  }

  private halfMonth(y: number | null, m: number | null, which: 0 | 1): DateValue {
    const base = `${fmtYear(y)}-${fmtMonth(m)}`;
    if (which === 0) return { timex: `${base}-01/P15D`, y, m };
    const rest = y !== null && m !== null ? String(daysInMonth(y, m) - 15) : 'X';
    return { timex: `${base}-16/P${rest}D`, y, m };
  }

  /** 前N / 最后N + 周, 天, 个月 at i (after an optional 的): the unit and count. */
  private firstLast(i: number): { which: 'first' | 'last'; n: number; unit: 'W' | 'D' | 'M'; end: number } | undefined {
    const t = this.text;
    let p = t[i] === '的' ? i + 1 : i;
    const fl = FIRST_LAST.find(([w]) => t.startsWith(w, p));
    if (!fl) return undefined;
    p = this.skipSpace(p + fl[0].length);
    const n = this.num(p);
    if (!n || !Number.isInteger(n.value) || n.value < 1) return undefined;
    p = this.skipSpace(n.end);
    // 最后一个星期一: a weekday, handled by the month reader.
    const u = SLICE_UNITS.find(([w]) => t.startsWith(w, p));
    if (!u) return undefined;
    const end = p + u[0].length;
    if (u[1] === 'W' && (WEEKDAY_DIGIT[t[end]] !== undefined || t[end] === '末' || t[end] === '年' || t[end] === '岁' || t[end] === '歲')) return undefined;
    return { which: fl[1], n: n.value, unit: u[1], end };
  }

  /**
   * The first / last N weeks (ISO weeks), days or months of year y: a start and a duration, 2021-W01/P2W,
   * 2020-01-01/P10D, 2021-09/P4M; one unit is that unit itself (2021年的最后一天 → 2021-12-31).
   */
  private yearSlice(i: number, y: number | null): { end: number; value: DateValue } | undefined {
    const fl = this.firstLast(i);
    if (!fl) return undefined;
    const { which, n, unit, end } = fl;
    const Y = fmtYear(y);
    let start: string;
    if (unit === 'M') {
      if (n > 12) return undefined;
      start = `${Y}-${pad2(which === 'first' ? 1 : 13 - n)}`;
    } else if (unit === 'W') {
      const weeks = y === null ? 52 : isoWeek({ y, m: 12, d: 28 }).w;
      if (n > weeks) return undefined;
      start = which === 'first' ? `${Y}-W01` : y === null ? 'XXXX-WXX' : `${Y}-W${pad2(weeks - n + 1)}`;
    } else {
      if (n > 366) return undefined;
      if (which === 'first') start = `${Y}-01-01`;
      else start = y === null ? 'XXXX-XX-XX' : fmtYmd(addDays({ y, m: 12, d: 31 }, 1 - n));
    }
    const timex = n === 1 ? start : `${start}/P${n}${unit}`;
    return { end, value: { timex, y } };
  }

  /** 十月的第一周, 四月的最后一个星期一, 6月第2个周五, 6月的第一天, 6月的前10天, 9月上半月. */
  private monthSlice(i: number, y: number | null, m: number): { end: number; value: DateValue } | undefined {
    const t = this.text;
    const p = t[i] === '的' ? i + 1 : i;
    const base = `${fmtYear(y)}-${pad2(m)}`;
    const dim = y !== null ? daysInMonth(y, m) : undefined;
    const dayValue = (end: number, d: number | null) => {
      const day = { y, m, d };
      return this.weekdayTail(end, { timex: d === null ? `${base}-XX` : `${base}-${pad2(d)}`, day, y, m });
    };
    // 上半月 / 下半月 of that month.
    if ((t.startsWith('上半月', p) || t.startsWith('下半月', p)) && !'刊期'.includes(t[p + 3] ?? '\uffff')) {
      return { end: p + 3, value: this.halfMonth(y, m, t[p] === '上' ? 0 : 1) };
    }
    let ordinal: number | 'last' | undefined;
    let q = p;
    if (t[q] === '第') {
      const n = this.num(q + 1);
      if (!n || !Number.isInteger(n.value) || n.value < 1) return undefined;
      ordinal = n.value;
      q = n.end;
    } else if ((t.startsWith('最后', q) || t.startsWith('最後', q))) {
      q += 2;
      if (t[q] === '一') q++;
      ordinal = 'last';
    }
    if (ordinal !== undefined) {
      const cl = t[q] === '个' || t[q] === '個';
      const r = cl ? q + 1 : q;
      const wd = this.weekday(r);
      if (wd && !wd.weekend) {
        // The Nth / last such weekday of the month.
        if (y === null || dim === undefined) return dayValue(wd.end, null);
        const first = 1 + ((wd.d - isoWeekday({ y, m, d: 1 }) + 7) % 7);
        const d = ordinal === 'last' ? dim - ((isoWeekday({ y, m, d: dim }) - wd.d + 7) % 7) : first + 7 * (ordinal - 1);
        if (d > dim) return undefined;
        return dayValue(wd.end, d);
      }
      if (typeof ordinal === 'number' && !cl) {
        // 第一周: the month's week (as written: 2017-10-W01); 第一天: that day.
        if ((t[r] === '周' || t[r] === '週') && ordinal <= 5 && WEEKDAY_DIGIT[t[r + 1]] === undefined && t[r + 1] !== '末') {
          return { end: r + 1, value: { timex: `${base}-W${pad2(ordinal)}`, y, m } };
        }
        if (t[r] === '天' && ordinal <= (dim ?? 31)) return dayValue(r + 1, ordinal);
      }
      if (ordinal === 'last' && t[r] === '天') return dayValue(r + 1, dim ?? null);
      if (ordinal === 'last' && !cl) {
        // 最后3天 falls through to the counted form below.
      } else return undefined;
    }
    const fl = this.firstLast(i);
    if (!fl || fl.unit !== 'D') return undefined;
    if (fl.n > (dim ?? 31)) return undefined;
    const startDay = fl.which === 'first' ? 1 : dim !== undefined ? dim - fl.n + 1 : null;
    const start = startDay === null ? `${base}-XX` : `${base}-${pad2(startDay)}`;
    if (fl.n === 1) return dayValue(fl.end, startDay);
    return { end: fl.end, value: { timex: `${start}/P${fl.n}D`, y, m } };
  }

  /**
   * A holiday or festival (holidays.ts) or a solar term (solarTerms.ts) at i, after an optional year (2023年国庆节,
   * 去年除夕, 明年的端午节, 今年立秋): its Gregorian day, or for 国庆期间 / 春节假期 / 五一长假 the statutory days off
   * as an interval. Lunar festivals take the lunar year written (去年除夕 → the 除夕 of last lunar year) or, without
   * one, the occurrence nearest the DCT; the others the year written or the DCT's year.
   */
  private namedDay(i: number): { end: number; value: DateValue } | undefined {
    return NAMED_DAY_FIRST[this.text.charCodeAt(i)] === 1 ? this.namedDayAt(i, i, undefined) : undefined;
  }

  /** The holiday or solar term at p after the year y written from i (undefined: no year written). */
  private namedDayAt(i: number, p: number, year: number | null | undefined): { end: number; value: DateValue } | undefined {
    const t = this.text;
    const named = year !== undefined;
    const y = year ?? null;
    const h = matchHoliday(t, p, named);
    if (h) return this.holidayValue(i, h.holiday, h.period, h.end, named ? y : undefined);
    const st = matchSolarTerm(t, p, named);
    if (st) {
      const Y = named ? y : this.dct ? this.dct.y : null;
      const d = Y !== null ? solarTermDay(Y, st.term) : undefined;
      if (!d) return { end: st.end, value: { timex: 'XXXX-XX-XX', day: { y: null, m: null, d: null } } };
      return { end: st.end, value: { timex: fmtYmd(d), day: d, y: d.y, m: d.m } };
    }
    return undefined;
  }

  /** The value of a holiday; `y`: the year written (undefined: none). */
  private holidayValue(i: number, h: Holiday, period: boolean, end: number, y: number | null | undefined): { end: number; value: DateValue } {
    const rule = h.rule;
    const days = period && h.periodDays ? h.periodDays : 0;
    const unknown = { end, value: { timex: 'XXXX-XX-XX', day: { y: null, m: null, d: null } } };
    let day: Ymd | undefined;
    if (rule.kind === 'lunar') {
      const v = this.lunarValue({ y: y ?? null, yearNamed: y !== undefined, m: rule.m, leap: false, d: rule.d, end }, this.inherited(i) !== undefined);
      const dd = v.value.day;
      if (!days || !dd || dd.y === null || dd.m === null || dd.d === null) return v;
      day = { y: dd.y, m: dd.m, d: dd.d };
    } else {
      const Y = y !== undefined ? y : this.dct ? this.dct.y : null;
      if (Y === null) {
        if (rule.kind !== 'fixed') return unknown;
        return { end, value: { timex: `XXXX-${pad2(rule.m)}-${pad2(rule.d)}`, day: { y: null, m: rule.m, d: rule.d }, y: null, m: rule.m } };
      }
      if (rule.kind === 'fixed') day = { y: Y, m: rule.m, d: rule.d };
      else if (rule.kind === 'nth') {
        const first = isoWeekday({ y: Y, m: rule.m, d: 1 }) % 7; // Sunday 0
        day = { y: Y, m: rule.m, d: 1 + ((rule.weekday - first + 7) % 7) + 7 * (rule.n - 1) };
      } else {
        day = solarTermDay(Y, rule.term);
        if (!day) return unknown;
      }
    }
    if (days) return { end, value: { timex: `${fmtYmd(day)}/${fmtYmd(addDays(day, days - 1))}`, y: day.y, m: day.m } };
    return this.weekdayTail(end, { timex: fmtYmd(day), day, y: day.y, m: day.m });
  }

  /**
   * 初一…初十 without a month: after 农历/阴历 (农历初八), or alone when it is the whole request or a part of the day or
   * 那天 follows (初一早上); 初一 is also the first year of junior school (初一学生, 初三的数学), so nothing else.
   * The day of the lunar month the DCT falls in.
   */
  private lunarDayOfThisMonth(i: number): { end: number; value: DateValue } | undefined {
    const t = this.text;
    const dct = this.dct;
    if (!dct) return undefined;
    let p = i;
    const marked = isLunarMark(t, p);
    if (marked) p += 2;
    if (t[p] !== '初') return undefined;
    const n = this.num(p + 1);
    if (!n || n.arabic || !Number.isInteger(n.value) || n.value < 1 || n.value > 10) return undefined;
    if (!marked) {
      const prev = t[i - 1] ?? '';
      if (prev !== '' && !/[\s，。；：！？,.;:!?（(「“"在是到于於]/.test(prev)) return undefined;
      const rest = t.slice(n.end);
      const alone = /^[\s。？！?!.]*$/.test(rest);
      if (!alone && !this.word(n.end, TOD_WORDS) && !/^(?:那天|当天|當天|的时候|的時候)/.test(rest)) return undefined;
    }
    const month = lunarMonthContaining(dct);
    if (!month) return undefined;
    const day = addDays(month.first, n.value - 1);
    return { end: n.end, value: { timex: fmtYmd(day), day, y: day.y, m: day.m } };
  }

  /**
   * A lunar date: 农历2015年十月初一, 正月初一, 腊月廿三, 闰二月初五, 2023年农历八月十五, 神龙二年正月初一, and the
   * festivals 春节, 除夕, 大年三十, 元宵节, 端午节, 中秋节, 重阳节, 腊八节. The year is the lunar year as written, else
   * unknown (null).
   */
  private lunarDate(i: number): LunarRef | undefined {
    const t = this.text;
    let p = i;
    let marked = false;
    if (isLunarMark(t, p)) {
      marked = true;
      p += 2;
    }
    let y: number | null = null;
    let yearNamed = false;
    const yr = this.eraYear(p) ?? this.year(p);
    if (yr) {
      y = yr.y;
      yearNamed = true;
      p = yr.end;
    } else {
      const ry = this.word(p, REL_YEAR_WORDS);
      if (ry && !insideWord(t, p, ry[0])) {
        y = this.dct ? this.dct.y + ry[1] : null;
        yearNamed = true;
        p += ry[0].length;
      }
    }
    if (!marked && isLunarMark(t, p)) {
      marked = true;
      p += 2;
    }
    // 农历的八月十五.
    if (marked && t[p] === '的') p++;
    let leap = false;
    if (t[p] === '闰' || t[p] === '閏') {
      leap = true;
      p++;
    }
    let special = false;
    let m: number;
    // 大年初二, 大年30: days of the new year's first month, the last day of the old year.
    if (t[p] === '大' && t[p + 1] === '年' && !leap) {
      const q = p + 2;
      if (t[q] === '初') {
        const n = this.num(q + 1);
        if (n && Number.isInteger(n.value) && n.value >= 1 && n.value <= 10 && !isDigit(t[n.end])) return { y, yearNamed, m: 1, leap: false, d: n.value, end: n.end };
      }
      const n = this.num(q);
      if (n && (n.value === 30 || n.value === 29) && !isDigit(t[n.end]) && t[n.end] !== '年' && t[n.end] !== '岁') {
        return { y: y === null ? null : y, yearNamed, m: 12, leap: false, d: 'last', end: n.end };
      }
      return undefined;
    }
    if ('正腊臘冬'.includes(t[p] ?? '\uffff') && t[p + 1] === '月') {
      special = true;
      m = t[p] === '正' ? 1 : t[p] === '冬' ? 11 : 12;
      p += 2;
    } else {
      const mo = this.month(p);
      if (!mo || mo.interval) return undefined;
      m = mo.m;
      p = mo.end;
    }
    // The day: 初一…初十, 十一…三十, 廿三 (= 23).
    let q = p;
    let chu = false;
    let twenty = 0;
    if (t[q] === '初') {
      chu = true;
      q++;
    } else if (t[q] === '廿') {
      twenty = 20;
      q++;
    }
    const n = this.num(q);
    // An Arabic day only after 农历 or a lunar month's name (农历6月6日, 腊月18), standing alone.
    const arabicOk = !!n && n.arabic && (marked || special) && !chu && twenty === 0 && n.length <= 2 && !isDigit(t[n.end]) && !'%％.．'.includes(t[n.end] ?? '\uffff');
    const dv = n && (!n.arabic || arabicOk) && Number.isInteger(n.value) ? n.value + twenty : 0;
    if (!n || dv < 1 || dv > 30 || (twenty > 0 && n.value > 9)) {
      // A lunar month alone: 腊月, 农历正月 (冬月 alone is any winter month).
      if (!(special || (marked && t[p - 1] === '月')) || (special && t[p - 2] === '冬')) return undefined;
      return { y, yearNamed, m, leap, end: p };
    }
    if (chu && dv > 10) return undefined;
    if (!(marked || special || chu || twenty > 0 || leap)) return undefined;
    let end = n.end;
    if (t[end] === '日') end++;
    return { y, yearNamed, m, leap, d: dv, end };
  }

  /**
   * The Gregorian value of a lunar date: the day (2015-11-12), or a lunar month as its first day and length
   * (2016-12-29/P30D). Without a written year, the lunar year whose date lies nearest the DCT; without a DCT, or
   * when the day does not exist in that year (正月三十 in a year whose first month has 29 days), unknown (X).
   */
  private lunarValue(l: LunarRef, rangeEnd: boolean): { end: number; value: DateValue } {
    // The end of a range (从正月初一忙到腊月三十) comes after its start: the nearest such year after it.
    const last = this.lastDay;
    const after = rangeEnd && last && last.y !== null && last.m !== null && last.d !== null ? { y: last.y, m: last.m, d: last.d } : undefined;
    const dct = after ?? this.dct;
    let years: number[] = [];
    if (l.y !== null) years = [l.y];
    else if (!l.yearNamed && dct) {
      const ly = lunarYearOf(dct);
      if (ly !== undefined) years = [ly - 1, ly, ly + 1];
    }
    let best: { first: Ymd; days: number; day?: Ymd } | undefined;
    let bestGap = Infinity;
    for (const ly of years) {
      const month = lunarMonth(ly, l.leap ? -l.m : l.m);
      if (!month) continue;
      const d = l.d === 'last' ? month.days : l.d;
      if (d !== undefined && d > month.days) continue;
      const day = d !== undefined ? addDays(month.first, d - 1) : undefined;
      const at = day ?? month.first;
      const diff = dct ? Date.UTC(at.y, at.m - 1, at.d) - Date.UTC(dct.y, dct.m - 1, dct.d) : 0;
      if (after && l.y === null && diff < 0) continue;
      const gap = Math.abs(diff);
      if (gap < bestGap) {
        bestGap = gap;
        best = { first: month.first, days: month.days, day };
      }
    }
    if (!best) {
      const timex = l.d === undefined ? 'XXXX-XX' : 'XXXX-XX-XX';
      return { end: l.end, value: { timex, day: l.d === undefined ? undefined : { y: null, m: null, d: null } } };
    }
    if (!best.day) return { end: l.end, value: { timex: `${fmtYmd(best.first)}/P${best.days}D`, y: best.first.y, m: best.first.m } };
    const day = best.day;
    return this.weekdayTail(l.end, { timex: fmtYmd(day), day, y: day.y, m: day.m });
  }

  private narrativeYear(i: number): [string, ['D' | 'M' | 'Y', number]] | undefined {
    const w = this.word(i, NARRATIVE_WORDS);
    return w && w[1][0] === 'Y' && !insideWord(this.text, i, w[0]) ? w : undefined;
  }

  /** Year and month of the date this one continues in a range (6月1日至30日), if it directly precedes. */
  private inherited(i: number): { y?: number | null; m?: number | null } | undefined {
    const last = this.last;
    // Only a connector, with optional spaces, may lie between the two dates.
    if (!last || i - last.end > 5 || i < last.end) return undefined;
    const gap = this.text.slice(last.end, i).trim();
    // 2026年7月8月: a month written right after a month of a named year is listed with it.
    if (gap.length === 0 && last.m != null && i === last.end && /^[0-9０-９一二三四五六七八九十]{1,3}月/.test(this.text.slice(i, i + 4))) return { y: last.y };
    // 自6月1日起至10日: 起 / 开始 before the connector.
    if (gap.length === 0 || gap.length > 4 || !/^(?:(?:起|开始|開始)?(?:到|至)|-|－|—|–|~|～|和|、|及|或)$/.test(gap)) return undefined;
    return { y: last.y, m: last.m };
  }

  /** 2023-06-18, 2023/6/18, 2023.6.18 (year first, valid month and day). */
  private isoDate(i: number): (Ymd & { end: number }) | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !a.arabic || a.length !== 4) return undefined;
    const sep = t[a.end];
    if (sep !== '-' && sep !== '/' && sep !== '.' && sep !== '－' && sep !== '／' && sep !== '．') return undefined;
    const b = this.num(a.end + 1);
    if (!b || !b.arabic || b.length > 2 || t[b.end] !== sep) return undefined;
    const c = this.num(b.end + 1);
    if (!c || !c.arabic || c.length > 2) return undefined;
    if (c.end < t.length && (isDigit(t[c.end]) || t[c.end] === sep)) return undefined;
    if (!isValidDate(a.value, b.value, c.value)) return undefined;
    let end = c.end;
    if (t[end] === '日' || t[end] === '号') end++;
    return { y: a.value, m: b.value, d: c.value, end };
  }

  /** 20230415: eight digits that make a valid day of 1900–2100, not after 号/码 (order, ID, card numbers). */
  private compactDate(i: number): (Ymd & { end: number }) | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !a.arabic || a.length !== 8 || (t[i] !== '1' && t[i] !== '2')) return undefined;
    const raw = toHalfWidth(t.slice(i, a.end));
    const y = Number(raw.slice(0, 4));
    const m = Number(raw.slice(4, 6));
    const d = Number(raw.slice(6, 8));
    if (y < 1900 || y > 2100 || !isValidDate(y, m, d)) return undefined;
    if (/[号號码碼账帳卡#№]/.test(t.slice(Math.max(0, i - 3), i)) || /[A-Za-z\-_.]/.test(t[i - 1] ?? '')) return undefined;
    const nx = t[a.end] ?? '';
    if (nx !== '' && (/[A-Za-z.．\-_]/.test(nx) || '万萬亿億元人个個次件名位台辆輛吨噸米块塊股'.includes(nx))) return undefined;
    return { y, m, d, end: a.end };
  }

  /** 2023.12, 2015.03-, 2022-11: a four-digit year, a separator and a two-digit month, then a break or a range. */
  private numericYearMonth(i: number): { y: number; m: number; end: number } | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !a.arabic || a.length !== 4 || a.value < 1900 || a.value > 2100) return undefined;
    const sep = t[a.end];
    if (sep !== '.' && sep !== '-' && sep !== '．' && sep !== '/') return undefined;
    if (/[\d.．/]/.test(t[i - 1] ?? '')) return undefined;
    const b = this.num(a.end + 1);
    if (!b || !b.arabic || b.length !== 2 || b.value < 1 || b.value > 12) return undefined;
    const nx = t[b.end];
    const ok = nx === undefined || '，。、；：！？,;:!?）) \u3000\n\r\t'.includes(nx) || isRangeConnector(nx) || nx === '起' || nx === '以';
    if (!ok || (nx === sep && isDigit(t[b.end + 1]))) return undefined;
    return { y: a.value, m: b.value, end: b.end };
  }

  /**
   * A year written without 年 where the context makes it one: 2023赛季, 2024财年, 2022卡塔尔世界杯, 早在2015，.
   */
  private bareYear(i: number): { y: number; end: number } | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !a.arabic || a.length !== 4 || a.value < 1900 || a.value > 2100) return undefined;
    if (/[\dA-Za-z.．\-/]/.test(t[i - 1] ?? '') || /[年月日号\d.．%％]/.test(t[a.end] ?? '')) return undefined;
    for (const w of YEAR_NOUNS) if (t.startsWith(w, a.end)) return { y: a.value, end: a.end + w.length };
    // 2022卡塔尔世界杯, 2008北京奥运会: a place of a few characters, then the event.
    const window = t.slice(a.end, a.end + 10);
    for (const ev of YEAR_EVENTS) {
      const k = window.indexOf(ev);
      if (k >= 0 && /^[\u4e00-\u9fff]*$/.test(window.slice(0, k))) return { y: a.value, end: a.end };
    }
    // 早在2015，, 时间回到2016，, 截至2019，
    const before = t.slice(Math.max(0, i - 3), i);
    if (YEAR_LEADS.some((w) => before.endsWith(w)) && '，。、；,;'.includes(t[a.end] ?? '\uffff')) return { y: a.value, end: a.end };
    return undefined;
  }

  /** A named year: 2023年, 二〇二三年, 1995-1997年 is handled by yearInterval, 08年, 18年10月. */
  private year(i: number): { y: number; end: number } | undefined {
    const t = this.text;
    const n = this.num(i);
    if (!n) return undefined;
    let p = this.skipSpace(n.end);
    if (t[p] !== '年') return undefined;
    const after = p + 1;
    const nx = t[after];
    if (nx === '级' || nx === '級' || nx === '代' || nx === '龄' || nx === '齡') return undefined;
    if (!n.digitsOnly) {
      // 两千零八年, 两千年的时候 (spokenDates.ts); 三年, 十年: durations.
      const spoken = n.arabic ? undefined : spokenThousandYear(t.slice(i, n.end), n.value, t, after);
      return spoken === undefined ? undefined : { y: spoken, end: after };
    }
    // 公元753年: any number of digits after 公元.
    if (i >= 2 && t[i - 2] === '公' && t[i - 1] === '元' && n.arabic && n.value >= 1 && n.value <= 2199) {
      return { y: n.value, end: after };
    }
    let y: number;
    if (n.length === 4) {
      if (n.value < 1000 || n.value > 2199) return undefined;
      y = n.value;
    } else if (n.length === 2) {
      // 08年, 零八年, 九八年, or 18年10月: a two-digit year.
      const followedByMonth = this.month(this.skipSpace(after)) !== undefined;
      // 九八年, 98年的时候, 18年底 (spokenDates.ts); 三四年, 25年的努力 count years.
      if (!n.leadingZero && !followedByMonth && !twoDigitYearAt(t.slice(i, n.end), n.arabic, t, after)) return undefined;
      y = this.century(n.value, 10);
    } else return undefined;
    return { y, end: nx === '度' ? after + 1 : after };
  }

  /** 康熙三年, 神龙元年, 民国20年. */
  private eraYear(i: number): { y: number; end: number } | undefined {
    const era = this.word(i, ERAS_WORDS);
    if (!era) return undefined;
    const p = i + era[0].length;
    let n: number | undefined;
    let q = p;
    if (this.text[p] === '元') {
      n = 1;
      q = p + 1;
    } else {
      const num = this.num(p);
      if (num && Number.isInteger(num.value) && num.value >= 1 && num.value <= 100) {
        n = num.value;
        q = num.end;
      }
    }
    if (n === undefined || this.text[q] !== '年') return undefined;
    return { y: era[1] + n - 1, end: q + 1 };
  }

  /**
   * The full year of a two-digit year (08年, 90年代): the latest one no more than `slack` years after the DCT;
   * without a DCT, 00–30 are 20xx and the rest 19xx.
   */
  private century(v: number, slack: number): number {
    if (!this.dct) return v <= 30 ? 2000 + v : 1900 + v;
    const c = Math.floor(this.dct.y / 100) * 100 + v;
    return c > this.dct.y + slack ? c - 100 : c;
  }

  /** 1995-1997年, 2010至2015年: one DATE with an ISO interval. */
  private yearRange(i: number): { a: number; b: number; end: number } | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !a.digitsOnly || a.length !== 4 || a.value < 1000 || a.value > 2199) return undefined;
    const p = this.skipSpace(a.end);
    if (!'-—－~～至到–'.includes(t[p] ?? '\uffff')) return undefined;
    const b = this.num(this.skipSpace(p + 1));
    if (!b || !b.digitsOnly || b.length !== 4 || b.arabic !== a.arabic || b.value <= a.value || b.value > 2199) return undefined;
    const q = this.skipSpace(b.end);
    if (t[q] === '年') return { a: a.value, b: b.value, end: q + 1 };
    // Without 年 (2019-2020赛季, 从2018到2023，): Arabic years of 1900–2100 with a year word, or after 从 before a break.
    if (!a.arabic || a.value < 1900 || b.value > 2100 || /[\dA-Za-z.．\-/]/.test(t[i - 1] ?? '')) return undefined;
    for (const w of YEAR_NOUNS) if (t.startsWith(w, b.end)) return { a: a.value, b: b.value, end: b.end + w.length };
    if (('从從自'.includes(t[i - 1] ?? '\uffff') || t[p] === '至' || t[p] === '到') && '，。、；,;'.includes(t[b.end] ?? '\uffff')) {
      return { a: a.value, b: b.value, end: b.end };
    }
    return undefined;
  }

  /** Half years, quarters, seasons, start/middle/end of the year, first N months/quarters. */
  private yearPart(i: number, afterYear: boolean):
    | { end: number; code?: string; interval?: [string, string]; mod?: Mod }
    | undefined {
    const t = this.text;
    // Every half year is 上半年 / 下半年 / 前半年 / 后半年 (半 second).
    for (const [w, code] of t.charCodeAt(i + 1) === 0x534a ? HALF_YEARS : NONE) {
      if (!t.startsWith(w, i)) continue;
      // 上半年末, 下半年初.
      const e = i + w.length;
      const edge = (t[e] === '末' || t[e] === '底') && t[e + 1] !== '日' ? 'end' : t[e] === '初' && !CN_NUM_CHARS.includes(t[e + 1] ?? '\uffff') ? 'start' : undefined;
      return { end: edge ? e + 1 : e, code, mod: edge };
    }
    // 首季度 = the first quarter; 2024年Q3.
    if (t.startsWith('首季度', i) || t.startsWith('首季', i)) {
      const e = i + (t[i + 2] === '度' ? 3 : 2);
      const edge = t[e] === '末' || t[e] === '底' ? 'end' : undefined;
      return { end: edge ? e + 1 : e, code: 'Q1', mod: edge };
    }
    if (afterYear && (t[i] === 'Q' || t[i] === 'q') && '1234'.includes(t[i + 1] ?? '\uffff') && !isDigit(t[i + 2]) && !/[A-Za-z]/.test(t[i + 2] ?? '')) {
      return { end: i + 2, code: `Q${t[i + 1]}` };
    }
    // 2021年的第一周, 明年第九个月.
    if (afterYear) {
      const q0 = t[i] === '的' && t[i + 1] === '第' ? i + 1 : i;
      if (t[q0] === '第') {
        const n = this.num(q0 + 1);
        if (n && Number.isInteger(n.value) && n.value >= 1) {
          if ((t[n.end] === '周' || t[n.end] === '週') && n.value <= 53) return { end: n.end + 1, code: `W${pad2(n.value)}` };
          if ((t.startsWith('个月', n.end) || t.startsWith('個月', n.end)) && n.value <= 12) return { end: n.end + 2, code: pad2(n.value) };
        }
      }
    }
    // 一季度, 第三季度, 三季度; 前三季度 → Q1/Q3 interval.
    let p = i;
    let first = false;
    if (t[p] === '第') p++;
    else if (t[p] === '前') {
      first = true;
      p++;
    }
    const n = this.num(p);
    if (n && n.value >= 1 && n.value <= 4 && Number.isInteger(n.value)) {
      let q = n.end;
      // 前两个季度; 一至三季度, 1-3季度 → an interval.
      if (first && (t[q] === '个' || t[q] === '個')) q++;
      if (!first && t[p - 1] !== '第' && isRangeConnector(t[q])) {
        const b = this.num(q + 1);
        if (b && b.arabic === n.arabic && Number.isInteger(b.value) && b.value > n.value && b.value <= 4 && t.startsWith('季度', b.end)) {
          return { end: b.end + 2, interval: [`Q${n.value}`, `Q${b.value}`] };
        }
      }
      if (t.startsWith('季度', q)) q += 2;
      else q = -1;
      if (q > 0) {
        if (first) return n.value === 1 ? { end: q, code: 'Q1' } : { end: q, interval: ['Q1', `Q${n.value}`] };
        // 一季度末, 三季度初
        const edge = t[q] === '末' || t[q] === '底' ? 'end' : t[q] === '初' ? 'start' : undefined;
        return { end: edge ? q + 1 : q, code: `Q${n.value}`, mod: edge };
      }
    }
    if (first && n && n.value >= 1 && n.value <= 12 && Number.isInteger(n.value)) {
      // 前5个月 → January to May.
      const q = n.end;
      if (t.startsWith('个月', q) || t.startsWith('個月', q)) {
        return { end: q + 2, code: n.value === 1 ? '01' : `01/P${n.value}M` };
      }
    }
    const season = this.word(i, SEASONS_WORDS);
    if (season && afterYear) return { end: i + 2, code: season[1] };
    // Every year part begins with 年.
    for (const [w, mod] of t.charCodeAt(i) === 0x5e74 ? YEAR_PARTS : NONE) {
      if (!t.startsWith(w, i)) continue;
      // 青少年中, 亿万年中, 这年初春: 年 ends another word.
      if (!afterYear && i > 0 && '少青万萬千百老成每新往当當近晚早童幼周全多数數几幾学學末历曆元丰豐荒同这這那该該整半'.includes(t[i - 1])) return undefined;
      return { end: i + 2, mod };
    }
    if (afterYear) {
      // 2023年底, 今年初 (the 年 was consumed with the year).
      const prev = t[i - 1];
      if (prev === '年') {
        if (t[i] === '底' || t[i] === '末') return { end: i + 1, mod: 'end' };
        if (t[i] === '初') return { end: i + 1, mod: 'start' };
      }
    }
    return undefined;
  }

  /** 6月, 十二月, 元月, 6 月, 1-5月 / 1至5月 (interval). */
  private month(i: number): { m: number; end: number; interval?: [number, number] } | undefined {
    const t = this.text;
    if (t[i] === '元' && t[i + 1] === '月') return { m: 1, end: i + 2 };
    const n = this.num(i);
    if (!n || !Number.isInteger(n.value)) return undefined;
    let p = this.skipSpace(n.end);
    // 1-5月, 1至5月
    if (isRangeConnector(t[p])) {
      const b = this.num(this.skipSpace(p + 1));
      if (b && b.arabic === n.arabic && Number.isInteger(b.value)) {
        const q = this.skipSpace(b.end);
        if (t[q] === '月' && n.value >= 1 && b.value <= 12 && n.value < b.value) {
          return { m: n.value, end: t[q + 1] === '份' ? q + 2 : q + 1, interval: [n.value, b.value] };
        }
      }
    }
    if (t[p] !== '月') return undefined;
    if (n.value < 1 || n.value > 12) return undefined;
    // 两月 (前两月, 这两月) counts months; February is 二月.
    if (t[i] === '两' || t[i] === '兩') return undefined;
    // 五月天 (a band's name, "May days"); 五月天气 is May's weather.
    if (!n.arabic && t[p + 1] === '天' && t[p + 2] !== '气' && t[p + 2] !== '氣') return undefined;
    return { m: n.value, end: p + 1 };
  }

  /** 上旬/中旬/下旬, 初/中/底/末, 月初/月中/月底/月末 after a month. */
  private monthPart(i: number): { end: number; mod: Mod } | undefined {
    const t = this.text;
    for (const [w, mod] of MONTH_PARTS) {
      if (!t.startsWith(w, i)) continue;
      if (w === '份') {
        const r = this.monthPart(i + 1);
        return r ? { end: r.end, mod: r.mod } : undefined;
      }
      if (w === '初') {
        // 十月初一 is a lunar day, not 月初.
        if (CN_NUM_CHARS.includes(t[i + 1] ?? '\uffff')) return undefined;
      }
      if (w === '中' && !(t[i + 1] === '旬')) {
        // 6月中 on its own is rare and collides with 中 as a preposition-like suffix (6月中国…): only 月中/中旬.
        continue;
      }
      return { end: i + w.length, mod: mod as Mod };
    }
    // Standalone 月底/月初 without a month number are handled by the caller through relMonthPart.
    return undefined;
  }

  private monthPartAlone(i: number): { end: number; mod: Mod; tenDay?: boolean } | undefined {
    const prev = this.text[i - 1];
    if (this.text.charCodeAt(i + 1) === 0x65ec) {
      // 上旬 / 中旬 / 下旬 (a month before it is read with its month; 年过七旬 is an age; 6月中下旬 and 上中旬 are one
      // part of a month the month's reader has read)
      if (prev !== undefined && (CN_NUM_CHARS.includes(prev) || isDigit(prev) || '月上中下'.includes(prev))) return undefined;
      for (const [w, mod] of TEN_DAY_PARTS_ALONE) if (this.text.startsWith(w, i)) return { end: i + 2, mod, tenDay: true };
      return undefined;
    }
    if (this.text.charCodeAt(i) !== 0x6708) return undefined; // every other one begins with 月
    // 正月初二, 十月初一 (lunar days) are not 月初.
    if (prev !== undefined && (CN_NUM_CHARS.includes(prev) || isDigit(prev) || '正腊臘冬闰閏元'.includes(prev))) return undefined;
    for (const [w, mod] of MONTH_PARTS_ALONE) {
      if (this.text.startsWith(w, i)) return { end: i + 2, mod };
    }
    return undefined;
  }

  /** 18日, 18号, 十八日, 1-5日 (interval), and after a month a bare Chinese day (八月十五). */
  private day(i: number, afterMonth: boolean, afterYearMonth = false): { d: number; end: number; interval?: [number, number] } | undefined {
    const t = this.text;
    const n = this.num(i);
    if (!n || !Number.isInteger(n.value)) return undefined;
    let p = this.skipSpace(n.end);
    if (isRangeConnector(t[p])) {
      const b = this.num(this.skipSpace(p + 1));
      if (b && Number.isInteger(b.value)) {
        const q = this.skipSpace(b.end);
        if ((t[q] === '日' || t[q] === '号' || t[q] === '號') && n.value >= 1 && b.value <= 31 && n.value < b.value) {
          return { d: n.value, end: q + 1, interval: [n.value, b.value] };
        }
      }
    }
    if (n.value < 1 || n.value > 31) return undefined;
    // 13日元 is yen.
    if ((t[p] === '日' || t[p] === '號') && t[p + 1] !== '元' && t[p + 1] !== '圆') return { d: n.value, end: p + 1 };
    if (t[p] === '号') {
      // 12号 alone is a number (room, line); 6月12号 is a date, and so is 15号 before a part of the day or a
      // modifier of dates (15号之前, 3号早上, 20号那天: spokenDates.ts).
      // 二十号有什么安排, 提醒我十五号交房租: a day alone in a request (spokenDates.ts dayNumberAloneAt).
      if (!afterMonth && !dayNumberContextAt(t, p + 1) && !dayNumberAloneAt(t, i, p + 1)) return undefined;
      return { d: n.value, end: p + 1 };
    }
    // 9月18 预约: a space after the day is a break too.
    if (afterMonth && p > n.end && n.arabic && p < t.length && !isDigit(t[p]) && !DAY_NOT_BEFORE.includes(t[p]) && /[\u4e00-\u9fff]/.test(t[p])) return { d: n.value, end: n.end };
    if (afterMonth && p === n.end) {
      // 八月十五, 12月29: a day without 日, when nothing numeric or a counter follows (7月20的时候 too, and
      // 12月29到31 … for an Arabic day).
      const nx = t[p];
      // 1.5 is a decimal, not the day 1 and a full stop.
      if ((nx === '.' || nx === '．') && isDigit(t[p + 1] ?? '')) return undefined;
      if (nx === undefined || /[\s，。、；：！？,.;:!?）)」”早晚上下中凌深傍]/.test(nx)) return { d: n.value, end: p };
      if (n.arabic && (nx === '的' || isRangeConnector(nx))) return { d: n.value, end: p };
      // 2025年10月31开支了什么: after a written year and month, an Arabic day before a word that counts nothing.
      if (afterYearMonth && n.arabic && n.length <= 2 && /[\u4e00-\u9fff]/.test(nx) && !DAY_NOT_BEFORE.includes(nx)) return { d: n.value, end: p };
    }
    return undefined;
  }

  /** An optional weekday after a day: 6月18日（星期日）, 10月12号，星期一, 6月18日周日. */
  private weekdayTail(i: number, value: DateValue): { end: number; value: DateValue } {
    const t = this.text;
    let p = i;
    let close: string | undefined;
    if (t[p] === '（' || t[p] === '(') {
      close = t[p] === '（' ? '）' : ')';
      p++;
    } else if (t[p] === '，' || t[p] === ',' || t[p] === ' ') p++;
    const wd = this.weekday(p);
    if (wd && !wd.weekend) {
      let end = wd.end;
      if (close) {
        if (t[end] !== close) return { end: i, value };
        end++;
      }
      return { end, value };
    }
    return { end: i, value };
  }

  /** 星期三, 周三, 礼拜三, 周末. */
  private weekday(i: number, afterRelWeek = false): { d: number; weekend: boolean; end: number } | undefined {
    const t = this.text;
    for (const pre of WEEKDAY_PREFIXES) {
      if (!t.startsWith(pre, i)) continue;
      const p = i + pre.length;
      const ch = t[p];
      if (ch === '末' && (pre === '周' || pre === '週')) return { d: 6, weekend: true, end: p + 1 };
      // 周3, 这周4 (spokenDates.ts): an Arabic digit that stands alone, not after a numeral (两周3天 is a duration).
      const d = WEEKDAY_DIGIT[ch] ?? (i === 0 || (CN_NUM[t.charCodeAt(i - 1)] === 0 && !isDigit(t[i - 1])) ? arabicWeekdayDigit(t, p) : undefined);
      if (d === undefined) return undefined;
      // 周一 + 鸣 would be a personal name; 星期天 is fine. 周日 followed by a digit is 周 + 日 something else.
      // (这周天, 下周天: after a relative week it is Sunday.)
      if ((pre === '周' || pre === '週') && ch === '天' && !afterRelWeek) return undefined;
      // 本周天气, 下周天气: the week and the weather, not Sunday.
      if (ch === '天' && (t[p + 1] === '气' || t[p + 1] === '氣')) return undefined;
      // 两周一次, 三周一个疗程: a count of weeks, then 一.
      // (周六周日: the numeral before is a weekday's own.)
      if ((pre === '周' || pre === '週') && i > 0 && (CN_NUM[t.charCodeAt(i - 1)] !== 0 || isDigit(t[i - 1])) && !'周週期拜'.includes(t[i - 2] ?? '\uffff')) return undefined;
      if (ch === '日' && CN_NUM_CHARS.includes(t[p + 1] ?? '\uffff')) return undefined;
      return { d, weekend: false, end: p + 1 };
    }
    return undefined;
  }

  /** 九十年代, 二十世纪九十年代, 19世纪70年代, 21世纪. */
  private decade(i: number): { end: number; timex: string } | undefined {
    const t = this.text;
    let p = i;
    let century: number | undefined;
    // 上世纪90年代, 本世纪初: the DCT's century or the one before.
    const rc = this.word(p, REL_CENTURY_WORDS);
    if (rc && this.dct) {
      century = Math.floor(this.dct.y / 100) + rc[1];
      p += rc[0].length;
      const d = this.num(p);
      if (d && Number.isInteger(d.value) && d.value % 10 === 0 && d.value >= 0 && d.value < 100 && t.startsWith('年代', d.end)) {
        return { end: d.end + 2, timex: `${String(century).padStart(2, '0')}${d.value / 10}` };
      }
      return { end: p, timex: String(century).padStart(2, '0') };
    }
    const c = this.num(p);
    if (!c) return undefined;
    let q = this.skipSpace(c.end);
    if (t.startsWith('世纪', q) || t.startsWith('世紀', q)) {
      if (!Number.isInteger(c.value) || c.value < 1 || c.value > 30) return undefined;
      century = c.value - 1;
      p = q + 2;
      const d = this.num(p);
      if (!d) return { end: p, timex: String(century).padStart(2, '0') };
      q = d.end;
      if (t.startsWith('年代', q) && d.value % 10 === 0 && d.value >= 0 && d.value < 100) {
        return { end: q + 2, timex: `${String(century).padStart(2, '0')}${d.value / 10}` };
      }
      return { end: p, timex: String(century).padStart(2, '0') };
    }
    if (t.startsWith('年代', q) && Number.isInteger(c.value)) {
      // 九十年代, 90年代 → 1990s; 1990年代 → 1990s; 二零一零年代 rare.
      let v = c.value;
      if (v >= 10 && v < 100 && v % 10 === 0) {
        return { end: q + 2, timex: String(this.century(v, 0) / 10) };
      }
      if (v >= 1000 && v < 2200 && v % 10 === 0) return { end: q + 2, timex: String(v / 10) };
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Times of day

  /**
   * A time of day at i: [part of day] clock, or a part of day alone. `day` is the day named right before (the
   * timex then carries it); `afterDate` accepts the one-character parts of day 早 / 晚.
   */
  private time(i: number, day: DayRef | undefined, afterDate: boolean, inheritedTod?: TodInfo, clearStart = false):
    { start: number; end: number; timex: string; tod?: TodInfo } | undefined {
    const t = this.text;
    let p = i;
    // 差十分八点, 差一刻九点: minutes before a whole hour, written first (clockTimes.ts).
    const before = t[i] === '差' && !inheritedTod ? minutesTo(t, i, (k) => this.num(k)) : undefined;
    if (before) {
      const c = this.clock(before.end, undefined, true);
      if (!c || !/^\d{2}$/.test(c.value)) return undefined;
      const total = (Number(c.value) * 60 + 1440 - before.min) % 1440;
      const prefix = day && day.d !== null ? `${fmtYear(day.y)}-${fmtMonth(day.m)}-${pad2(day.d)}` : day ? 'XXXX-XX-XX' : '';
      return { start: i, end: c.end, timex: `${prefix}T${pad2(Math.floor(total / 60))}:${pad2(total % 60)}` };
    }
    let tod = this.word(p, TOD_WORDS);
    if (!tod && afterDate) {
      const short = this.word(p, TOD_SHORT_WORDS);
      if (short) {
        tod = short;
        // 7月25日早间 is in TOD; 早 alone only when a clock or a break follows.
      }
    }
    // 晚7点, 早8时: a one-character part of the day right before a clock.
    if (!tod && !afterDate && !inheritedTod) {
      const short = this.word(p, TOD_SHORT_WORDS);
      const prev = t[p - 1] ?? '';
      if (short && t[p + 1] !== '一' && this.clock(p + 1, short[1], true) && (!/[\u4e00-\u9fff]/.test(prev) || '到至在于於从從是约約'.includes(prev))) tod = short;
    }
    if (tod) p += tod[0].length;
    if (!tod && inheritedTod) {
      // The second end of a range may leave out the part of the day, but only when the hours then follow on
      // (after 上午9点到, 11点 is a time whatever follows; after a bare 3点到, 5点 must look like a time itself).
      const clock = this.clock(p, inheritedTod, true);
      if (!clock || (!inheritedTod.code && !clearStart && !this.clock(p, undefined, true))) return undefined;
      const prefix = day && day.d !== null ? `${fmtYear(day.y)}-${fmtMonth(day.m)}-${pad2(day.d)}` : day ? 'XXXX-XX-XX' : '';
      return { start: i, end: clock.end, timex: `${prefix}T${clock.value}`, tod: inheritedTod };
    }
    const prefix0 = day && day.d !== null ? `${fmtYear(day.y)}-${fmtMonth(day.m)}-${pad2(day.d)}` : day ? 'XXXX-XX-XX' : '';
    // 早上五到六点, 上午9至11时: one TIME with an interval (the first hour shares the unit).
    const hours = this.hourRange(this.skipSpace(p), tod?.[1]);
    if (hours) return { start: i, end: hours.end, timex: `${prefix0}T${hours.a}/${prefix0}T${hours.b}` };
    const clock = this.clock(this.skipSpace(p), tod?.[1], !!tod || afterDate);
    const prefix = day && day.d !== null ? `${fmtYear(day.y)}-${fmtMonth(day.m)}-${pad2(day.d)}` : day ? 'XXXX-XX-XX' : '';
    if (clock) return { start: i, end: clock.end, timex: `${prefix}T${clock.value}`, tod: tod?.[1] ?? NO_TOD };
    if (tod) {
      // 18日晚发布, 7月25日早: the evening / morning of that day; 早已, 晚点, 晚会 … are other words.
      if (tod[0].length === 1 && '已就些期餐饭飯报報会會宴年于於点點到安班高峰婚恋熟'.includes(t[p] ?? '\uffff')) return undefined;
      // 下午茶, 晚上好: other words (clockTimes.ts).
      if (partOfDayIsOtherWord(t, p)) return undefined;
      return { start: i, end: p, timex: `${prefix}T${tod[1].code}` };
    }
    return undefined;
  }

  /** 五到六点, 9至11时 (whole hours sharing 点/时), after a part of the day or not. */
  private hourRange(i: number, tod: TodInfo | undefined): { a: string; b: string; end: number } | undefined {
    const t = this.text;
    const a = this.num(i);
    if (!a || !Number.isInteger(a.value) || a.value > 24) return undefined;
    const c = this.skipSpace(a.end);
    if (!'到至-－~～—–'.includes(t[c] ?? '\uffff')) return undefined;
    const b = this.num(this.skipSpace(c + 1));
    if (!b || b.arabic !== a.arabic || !Number.isInteger(b.value) || b.value > 24) return undefined;
    const u = t[b.end];
    if (u !== '点' && u !== '时' && u !== '點' && u !== '時') return undefined;
    if (t[b.end + 1] === '间' || t[b.end + 1] === '期' || t[b.end + 1] === '候') return undefined;
    const ha = shiftHour(a.value, tod);
    const hb = shiftHour(b.value, tod);
    if (hb <= ha) return undefined;
    let end = b.end + 1;
    if (t[end] === '钟' || t[end] === '鐘') end++;
    return { a: pad2(ha), b: pad2(hb), end };
  }

  /**
   * Whether a clock at i ends a range begun by the bare hour `fromHour` (十点到十一点半, 三点到五点, 六点到八点之间): a clock
   * of its own, or a later bare hour that closes the clause (the end, punctuation, 之间, 的, 左右, or what is done at a time).
   */
  private rangeEndIsClock(i: number, fromHour: number): boolean {
    if (this.clock(i, undefined, false)) return true;
    const c = this.clock(i, undefined, true);
    if (!c || Number(c.value.slice(0, 2)) <= fromHour) return false;
    const t = this.text;
    return c.end >= t.length || /[\s，。；：！？,.;:!?]/.test(t[c.end]) || /^(?:之间|之間|的|左右)/.test(t.slice(c.end, c.end + 2)) || clockFollowerAt(t, c.end, i);
  }

  /** 9:30, 9:30:15, 9时30分, 9点半, 九点二十, 下午3点一刻, 2:00pm. */
  private clock(i: number, tod: TodInfo | undefined, lenient = true): { end: number; value: string } | undefined {
    const t = this.text;
    const h = this.num(i);
    if (!h || !Number.isInteger(h.value) || h.value > 24) return undefined;
    let p = h.end;
    let min: number | undefined;
    let sec: number | undefined;
    let explicitPm: boolean | undefined;
    let minutesBefore: number | undefined;
    let tensMinutes = false;
    if ((t[p] === ':' || t[p] === '：') && h.arabic && h.length <= 2) {
      const m = this.num(p + 1);
      if (!m || !m.arabic || m.length !== 2 || m.value > 59) return undefined;
      min = m.value;
      p = m.end;
      if ((t[p] === ':' || t[p] === '：') && this.num(p + 1)?.length === 2) {
        const s = this.num(p + 1)!;
        if (s.value > 59) return undefined;
        sec = s.value;
        p = s.end;
      }
      if (p < t.length && (isDigit(t[p]) || t[p] === ':')) return undefined;
      // am / pm in Latin letters.
      const q = this.skipSpace(p);
      const ampm = /^(a\.m\.|p\.m\.|am|pm|AM|PM|A\.M\.|P\.M\.)/.exec(t.slice(q, q + 4));
      if (ampm) {
        explicitPm = ampm[1][0].toLowerCase() === 'p';
        p = q + ampm[1].length;
      }
    } else {
      let unit = t[p];
      if (unit !== '时' && unit !== '点' && unit !== '時' && unit !== '點') return undefined;
      if (t[p + 1] === '钟' && t[p + 2] === '头') return undefined; // 两个钟头 is a duration (never here, but safe)
      p++;
      const bareHour = p;
      if (t[p] === '钟' || t[p] === '鐘') p++;
      if (t[p] === '半') {
        min = 30;
        p++;
      } else if (t[p] === '整') {
        p++;
      } else if (t.startsWith('一刻', p)) {
        min = 15;
        p += 2;
      } else if (t.startsWith('三刻', p)) {
        min = 45;
        p += 2;
      } else if (minutesTo(t, p, (k) => this.num(k))) {
        // 九点差一刻, 八点差五分: minutes before the hour (clockTimes.ts).
        const to = minutesTo(t, p, (k) => this.num(k))!;
        minutesBefore = to.min;
        p = to.end;
      } else if (minutesPast(t, p, (k) => this.num(k))) {
        // 十点过五分 (clockTimes.ts).
        const past = minutesPast(t, p, (k) => this.num(k))!;
        min = past.min;
        p = past.end;
      } else {
        const m = this.num(p);
        if (m && Number.isInteger(m.value) && m.value < 60) {
          let q = m.end;
          if (t[q] === '分') {
            min = m.value;
            p = q + 1;
            const s = this.num(p);
            if (s && t[s.end] === '秒' && s.value < 60) {
              sec = s.value;
              p = s.end + 1;
            }
          } else if ((!m.arabic && m.value >= 10) || (m.arabic && m.length === 2)) {
            // 九点二十, 8点15: minutes without 分, unless a counter or unit follows.
            const nx = t[q];
            if (nx === undefined || !/[%％个個人名家位元万萬亿億件次只条條座台辆輛吨噸米度岁歲分秒号號年月日天周週届屆倍层層]/.test(nx)) {
              min = m.value;
              p = q;
              // 八点二十, 十一点五十: minutes said with 十 are a clock's (a decimal is read digit by digit: 八点二五).
              if (!m.arabic && t.slice(bareHour, q).includes('十')) tensMinutes = true;
            }
          }
        }
      }
      // 一时半刻, 三点半: a bare Chinese hour is an idiom or a count unless a part of the day or a date comes first.
      // (零点 is midnight; 十二点之后 is a time, as are hours before 之前/之后/以前/以后/左右.)
      // Minutes in words only clocks use (六点半, 两点一刻) and what is done at a time (8点的闹钟, 9点提醒我:
      // clockTimes.ts) make a bare hour a time, except after a verb of change (下跌3点: index points).
      const afterChangeVerb = '涨漲跌升降了达達收破逾超过過报報回高低近约約'.includes(t[i - 1] ?? '\uffff');
      const follower = !afterChangeVerb && (clockFollowerAt(t, p, i) || clockPrecederAt(t, i));
      // 十点到十一点半: a bare hour that begins a range whose other end is a clock time.
      const rangeToClock = (t[p] === '到' || t[p] === '至') && !afterChangeVerb && !('从從'.includes(t[i - 1] ?? '\uffff') && '涨漲跌升降'.includes(t[i - 2] ?? '\uffff')) && this.rangeEndIsClock(p + 1, h.value);
      // The hour is the whole request (十点, 十点。): a time.
      const wholeText = i === 0 && !(t[i] === '一' && bareHour === i + 2) && /^[\s。？！?!.]*$/.test(t.slice(p));
      const chineseOk = h.value === 0 || '分整钟鐘半刻'.includes(t[p - 1]) || follower || rangeToClock || tensMinutes || wholeText || /^(?:之前|之后|以前|以后|左右)/.test(t.slice(p, p + 2)) ||
        (t[p] === '前' && !'提面途景进進后後夕'.includes(t[p + 1] ?? '\uffff') && !afterChangeVerb);
      if (!tod && !lenient && !h.arabic && !chineseOk) return undefined;
      if (!tod && p === bareHour) {
        // A bare 3点 is usually "three points" (三点意见); accept only Arabic hours with 时, or with a clear time follow-up.
        const unitCh = unit;
        const nx = t[p];
        const breakAfter = nx === undefined || /[\s，。、；！？,.;!?]/.test(nx) || (lenient && h.arabic && (nx === '的' || nx === '起')) || follower ||
          /^(?:左右|之前|之后|之间|以前|以后|前|后|到|至)/.test(t.slice(p, p + 2));
        // A bare Arabic hour before a break (13点。) is a time, but not after a verb of change (下跌15点: index
        // points); a bare Chinese one (三点。) is usually "three points".
        const afterChange = h.arabic && afterChangeVerb;
        const afterPreposition = h.arabic && '于於在从從'.includes(t[i - 1] ?? '\uffff');
        const isTimeContext = afterChange ? false : afterPreposition ? true :
          (unitCh === '时' || unitCh === '時') && h.arabic
            ? t[p] !== '间' && t[p] !== '期' && t[p] !== '代' && t[p] !== '候'
            : (lenient && (breakAfter || nx === '和')) || ((h.arabic || chineseOk) && breakAfter);
        if (!isTimeContext) return undefined;
      }
      if (unit === '时' && t[p] === '间') return undefined;
      // 三点钟方向: a bearing, not a time.
      if (t.startsWith('方向', p) || t.startsWith('方位', p)) return undefined;
    }
    let hour = h.value;
    if (explicitPm !== undefined) {
      if (explicitPm && hour < 12) hour += 12;
      if (!explicitPm && hour === 12) hour = 0;
    } else hour = shiftHour(hour, tod);
    // T24 only for the full hour (晚上12点); 半夜12点半 is 00:30.
    if (hour === 24 && (min ?? 0) !== 0) hour = 0;
    if (minutesBefore !== undefined) {
      const total = (hour * 60 + 1440 - minutesBefore) % 1440;
      hour = Math.floor(total / 60);
      min = total % 60;
    }
    let value = pad2(hour);
    if (min !== undefined) value += ':' + pad2(min);
    if (sec !== undefined) value += ':' + pad2(sec);
    return { end: p, value };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Durations

  /**
   * 三年, 两个多小时, 五天, 多日, 3个月, 半年, 一个半小时, 3至5年, 约3年, 十余年, 8天20小时; and N年前 / N天后
   * (a DATE relative to the DCT). Returns the end, or 0.
   */
  private duration(i: number): number {
    const t = this.text;
    // 第二年, 前一天, 每三年, 头三年: ordinals, relative counts and frequencies are not durations.
    if (i > 0 && '第前每头頭首'.includes(t[i - 1])) return 0;
    // 四周 is usually "all around" (四周峰峦); as four weeks it comes with 为期 or 内/后/时间.
    if (t[i] === '四' && (t[i + 1] === '周' || t[i + 1] === '週') && t[i - 1] !== '期' && !'内內后後以时時左前'.includes(t[i + 2] ?? '\uffff')) return 0;
    let p = i;
    let mod: Mod | undefined;
    // 再过五分钟, 再过一天: an offset forward from the DCT (clockOffsets.ts).
    const forward = FORWARD_PREFIXES.some((w) => t.startsWith(w, i));
    if (forward) p += 2;
    for (const [w, m] of forward ? NONE : DURATION_PREFIXES_BY_FIRST.get(t.charCodeAt(p)) ?? NONE) {
      if (t.startsWith(w, p)) {
        mod = m;
        p += w.length;
        break;
      }
    }
    const comps: Component[] = [];
    let first: DurationPart | undefined;
    let q = p;
    for (;;) {
      let r = q;
      if (comps.length > 0 && (t[r] === '又' || t[r] === '零')) r++;
      const c = this.durationPart(r, comps.length > 0);
      if (!c) break;
      if (comps.length > 0) {
        // Compound durations go from larger to smaller units (8天20小时, 一年又一个月); with 又 in any order
        // (两天又一个月), but never the same unit twice.
        if (c.max !== undefined || c.comps.some((x) => x.amount === 'X')) break;
        if (t[q] === '又') {
          if (c.comps.some((x) => comps.some((y) => rank(x) === rank(y)))) break;
        } else if (rank(c.comps[0]) <= rank(comps[comps.length - 1])) break;
      }
      first ??= c;
      if (c.mod && !mod) mod = c.mod;
      for (const item of c.comps) comps.push(item);
      q = c.end;
      if (c.max !== undefined || c.comps.some((x) => x.amount === 'X')) break;
    }
    if (!first) return 0;
    // 5年前 / 三天后 / 二十多年前 / 约十年前: a date (a time, for hours and minutes) relative to the DCT; ages are not.
    if (comps.every((c) => c.amount !== 'X') && first.max === undefined && !/[岁歲]|周年|週年/.test(t.slice(p, q))) {
      const rel = this.relativeAgo(q, comps, forward);
      if (rel) {
        // 两天后的早上八点, 三天之后的下午: a day offset with its time of day is one TIME on that day.
        const onDay = !rel.time && !mod ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(rel.timex) : null;
        if (onDay) {
          const ts = t[rel.end] === '的' ? rel.end + 1 : rel.end;
          const day: DayRef = { y: +onDay[1], m: +onDay[2], d: +onDay[3] };
          const tm = this.word(ts, TOD_WORDS) ? this.time(ts, day, true) : undefined;
          if (tm && tm.timex.includes('T')) {
            this.emit(i, tm.end, 'TIME', tm.timex);
            if (/T\d/.test(tm.timex)) this.lastTime = { end: tm.end, day, tod: tm.tod };
            return tm.end;
          }
        }
        this.emit(i, rel.end, rel.time ? 'TIME' : 'DATE', rel.timex, mod ? 'approx' : undefined);
        return rel.end;
      }
    }
    // Postposed 以上 / 以下 / 左右.
    let end = q;
    if (!mod) {
      for (const [w, m] of DURATION_SUFFIXES_BY_FIRST.get(t.charCodeAt(end)) ?? NONE) {
        if (t.startsWith(w, end)) {
          mod = m;
          end += w.length;
          break;
        }
      }
    }
    const extra: Partial<RawSpan> = {};
    if (forward) return 0; // 再过几天: vague, not labelled
    if (first.max !== undefined && typeof first.comps[0].amount === 'number') {
      extra.value = first.comps[0].amount;
      extra.valueMax = first.max;
      extra.unit = (first.comps[0].time ? 'T' : '') + first.comps[0].unit;
    }
    comps.sort((a, b) => rank(a) - rank(b));
    this.emit(i, end, 'DURATION', durationTimex(comps), mod, extra);
    return end;
  }

  /** One amount + unit of a duration (半 may add a second component: 三年半 → 3Y 6M). */
  private durationPart(i: number, compound = false): DurationPart | undefined {
    const t = this.text;
    let p = i;
    let amount: number | 'X';
    let mod: Mod | undefined;
    let half = false;
    let pairMax: number | undefined;
    if (t[p] === '半') {
      half = true;
      amount = 0;
      p++;
    } else if ('多数几數幾'.includes(t[p] ?? '\uffff') && p < t.length && !(t[p] === '多' && t[p - 1] === '许')) {
      amount = 'X';
      p++;
      if (t[p] === '十' || t[p] === '百') p++; // 数十年, 几百年: a vague count.
    } else {
      const n = this.num(p, true);
      if (!n) return undefined;
      amount = n.value;
      const digits = !n.arabic && n.digitsOnly && n.length === 2 ? [...t.slice(p, n.end)].map((c) => (c === '零' ? 0 : '〇一二三四五六七八九'.indexOf(c))) : undefined;
      if (digits && digits[0] > 0 && (digits[1] === digits[0] + 1 || (digits[0] === 3 && digits[1] === 5))) pairMax = digits[1];
      p = this.skipSpace(n.end);
      // 3至5年, 3-5年, 三到五年
      if ('至到-—－~～–'.includes(t[p] ?? '\uffff') && p < t.length) {
        const b = this.num(this.skipSpace(p + 1), true);
        if (b && b.value > n.value && !(n.length === 4 && n.arabic)) {
          let r = this.skipSpace(b.end);
          const cl = t[r] === '个' || t[r] === '個';
          if (cl) r++;
          const u = this.unit(r, true);
          const f = u?.factor ?? 1;
          if (u) return { comps: [{ amount: amount * f, unit: u.unit, time: u.time }], end: u.end, max: b.value * f };
        }
      }
      // 十几年, 二十多天, 三十余年
      if (t[p] === '多' || t[p] === '余' || t[p] === '餘' || (!n.arabic && (t[p] === '几' || t[p] === '幾'))) {
        mod = 'more_than';
        p++;
      }
    }
    let classifier = false;
    if (t[p] === '个' || t[p] === '個') {
      classifier = true;
      p++;
    }
    if (!half && t[p] === '半' && amount !== 'X') {
      half = true; // 一个半小时
      p++;
    }
    if (t[p] === '多' && !mod) {
      mod = 'more_than'; // 两个多小时
      p++;
    }
    let u = this.unit(p, classifier || amount === 'X' || half || mod !== undefined);
    // Inside a compound, 时 and 分 are hours and minutes: 8天20时, 3小时20分.
    if (!u && compound && (t[p] === '时' || t[p] === '時')) u = { unit: 'H', time: true, end: p + 1 };
    if (!u && compound && t[p] === '分') u = { unit: 'M', time: true, end: p + 1 };
    if (!u) return undefined;
    // 一刻钟, 三刻钟: quarter-hours, counted in minutes (半刻钟 and 几刻钟 are left alone)
    const factor = u.factor ?? 1;
    if (factor !== 1 && (half || typeof amount !== 'number')) return undefined;
    p = u.end;
    if ((t[p] === '多' || t[p] === '余') && !mod && amount !== 'X' && !half) {
      mod = 'more_than'; // 两年多
      p++;
    }
    if (t[p] === '半' && !half && amount !== 'X') {
      half = true; // 三年半
      p++;
    }
    const comps: Component[] = [];
    if (half) {
      if (amount === 'X') return undefined;
      const whole = amount;
      if (whole > 0) comps.push({ amount: whole, unit: u.unit, time: u.time });
      // The half in the next smaller unit when exact: 半年 → P6M, 半小时 → PT30M, 半天 → PT12H.
      if (u.unit === 'Y' && !u.time) comps.push({ amount: 6, unit: 'M', time: false });
      else if (u.unit === 'H') comps.push({ amount: 30, unit: 'M', time: true });
      else if (u.unit === 'M' && u.time) comps.push({ amount: 30, unit: 'S', time: true });
      else if (u.unit === 'D') comps.push({ amount: 12, unit: 'H', time: true });
      else {
        comps.length = 0;
        comps.push({ amount: whole + 0.5, unit: u.unit, time: u.time }); // 半个月 → P0.5M
      }
    } else comps.push({ amount: typeof amount === 'number' ? amount * factor : amount, unit: u.unit, time: u.time });
    // 三四年, 七八天: two consecutive Chinese digits are "three or four", a range.
    if (!half && typeof amount === 'number' && pairMax !== undefined) {
      const low = Math.floor(amount / 10);
      return { comps: [{ amount: low * factor, unit: u.unit, time: u.time }], end: p, mod, max: pairMax * factor };
    }
    return { comps, end: p, mod };
  }

  /**
   * A duration unit at i; `loose` allows 月 and 日 (after 个, 多, 半, a range). `factor`: how many of `unit` one of it
   * is (一刻钟 is 15 minutes).
   */
  private unit(i: number, loose: boolean): { unit: string; time: boolean; end: number; factor?: number } | undefined {
    const t = this.text;
    if (t[i] === '刻' && (t[i + 1] === '钟' || t[i + 1] === '鐘')) return { unit: 'M', time: true, end: i + 2, factor: 15 };
    for (const [w, unit, time] of DURATION_UNITS_BY_FIRST.get(t.charCodeAt(i)) ?? NONE) {
      if (!t.startsWith(w, i)) continue;
      const end = i + w.length;
      const nx = t[end];
      if (w === '年' && (nx === '级' || nx === '級' || nx === '代' || nx === '龄' || nx === '度' || nx === '份' || nx === '薪' || nx === '会' || nx === '报' || nx === '鉴' || nx === '货' || nx === '画')) return undefined;
      if ((w === '周' || w === '週') && (nx === '年' || nx === '岁' || nx === '歲' || nx === '边' || nx === '围')) return undefined;
      // 一个周日, 这周末: a weekday, not a number of weeks.
      // (未来一周天气: 天 starts 天气, the weather.)
      const weather = nx === '天' && (t[end + 1] === '气' || t[end + 1] === '氣');
      if ((w === '周' || w === '週' || w === '星期') && !weather && (nx === '日' || nx === '天' || nx === '末' || (loose && nx !== undefined && '一二三四五六'.includes(nx)))) return undefined;
      if (w === '日' && !loose) return undefined;
      if (w === '秒' && nx === '钟') continue;
      return { unit, time, end };
    }
    if (loose && (t[i] === '月')) return { unit: 'M', time: false, end: i + 1 };
    return undefined;
  }

  /**
   * N年前, 三天后, 两个月以前, 半年后, 3小时前: the date or time that many units before / after the DCT, at the unit's
   * granularity (clockOffsets.ts). Returns the end and value, or undefined when no offset word follows.
   */
  private relativeAgo(i: number, comps: Component[], forward = false): { end: number; timex: string; time: boolean } | undefined {
    const t = this.text;
    let dir = 0;
    let end = i;
    for (const [w, d] of OFFSET_WORDS) {
      if (t.startsWith(w, i)) {
        dir = d;
        end = i + w.length;
        break;
      }
    }
    // 再过五分钟 (后): forward, with or without an offset word after it.
    if (forward) {
      if (dir < 0) return undefined;
      if (dir === 0) end = i;
      dir = 1;
    }
    if (dir === 0) return undefined;
    // 5年前后 means "around"; 三天后来, 两年后果 are other words.
    const nx = end > i ? t[end] ?? '' : '';
    if (nx !== '' && (dir < 0 ? '后後来者面期台续景列往夕' : '来來者面期台续續景列往果悔勤盾援代备備方门門排遗遺卫衛').includes(nx)) return undefined;
    // One unit, or years and months (一年半前 → 18 months).
    let amount: number;
    let unit: OffsetUnit;
    if (comps.length === 1) {
      const c = comps[0];
      amount = c.amount as number;
      unit = c.time ? (c.unit === 'H' ? 'H' : c.unit === 'M' ? 'MIN' : 'S') : (c.unit as OffsetUnit);
      // 半个月前 → 15 days; 0.5 of another unit has no exact granularity.
      if (!Number.isInteger(amount)) {
        if (unit === 'M' && Number.isInteger(amount * 30)) {
          amount *= 30;
          unit = 'D';
        } else return undefined;
      }
    } else if (comps.every((c) => !c.time && (c.unit === 'Y' || c.unit === 'M'))) {
      amount = comps.reduce((n, c) => n + (c.amount as number) * (c.unit === 'Y' ? 12 : 1), 0);
      unit = 'M';
      if (!Number.isInteger(amount)) return undefined;
    } else {
      // 一个半小时后, 2小时18分钟以后: clock units at the finest granularity written (clockOffsets.ts).
      const clock = comps.every((c) => c.time) ? clockOffsetOf(comps.map((c) => ({ amount: c.amount as number, unit: c.unit }))) : undefined;
      if (!clock) return undefined;
      amount = clock.amount;
      unit = clock.unit;
    }
    const time = unit === 'H' || unit === 'MIN' || unit === 'S';
    return { end, timex: offsetTimex(this.dct, this.dctClock, dir * amount, unit), time };
  }
}

interface Component {
  amount: number | 'X';
  unit: string;
  time: boolean;
}

interface DurationPart {
  comps: Component[];
  end: number;
  /** Upper bound of a range (3至5年). */
  max?: number;
  mod?: Mod;
}

/** A 12-hour reading shifted by the part of the day: 下午3点 → 15, 晚上8点 → 20, 深夜11点 → 23, 凌晨12点 → 0. */
function shiftHour(hour: number, tod: TodInfo | undefined): number {
  if (!tod) return hour;
  if (tod.pm === 'yes' && hour < 12) return hour + 12;
  // 晚上12点: the end of that day (T24), as 24时.
  if (tod.pm === 'yes' && tod.code === 'EV' && hour === 12) return 24;
  // 午夜12点: midnight, the end of that day (T24), as 晚上12点.
  if (tod.pm === 'midnight' && hour === 12) return 24;
  if ((tod.pm === 'night' || tod.pm === 'midnight') && hour >= 6 && hour < 12) return hour + 12;
  if (tod.pm === 'night' && hour === 12) return 0;
  if (tod.pm === 'noon' && hour < 6) return hour + 12;
  if (tod.code === 'NI' && tod.pm === 'no' && hour === 12) return 0;
  return hour;
}

/**
 * Whether a relative-date word at i is really the tail of another word: 基本月租费 (本月), 光明日报 (明日),
 * 目前年龄 (前年), 登上月球 (上月), 当日本 (当日).
 */
function insideWord(t: string, i: number, w: string): boolean {
  const prev = t[i - 1] ?? '';
  const next = t[i + w.length] ?? '';
  if (w[0] === '本' && prev !== '' && '基成资資根日版样樣课課剧劇账賬书書原文脚腳血老范範读讀绘繪蓝藍副刊'.includes(prev)) return true;
  if (w[0] === '明' && prev !== '' && '光文聪聰说說证證黎透清鲜鮮英简簡表申声聲阐闡查标標发發神开開高分鸣鳴'.includes(prev)) return true;
  if (w === '前年' && prev !== '' && '目提之以空史当當'.includes(prev)) return true;
  if (w.endsWith('年') && next !== '' && '龄齡纪紀级級限份'.includes(next)) return true;
  if (w === '上月' && next === '球') return true;
  // 马上一年半: 马上 is "at once".
  if (w[0] === '上' && (prev === '马' || prev === '馬')) return true;
  // 这次日本…, 本次年会: 次 counts occasions there.
  if (w[0] === '次' && ((prev !== '' && '这這本此上下每首多再一两兩几幾该該那其'.includes(prev)) || next === '本' || next === '会' || next === '會')) return true;
  if ((w === '当日' || w === '當日') && next === '本') return true;
  return false;
}

function rank(c: Component): number {
  return ['Y', 'M', 'W', 'D', 'TH', 'TM', 'TS'].indexOf((c.time ? 'T' : '') + c.unit);
}

/** P[nY][nM][nW][nD][T[nH][nM][nS]]; an unknown amount is X (多日 → PXD). */
function durationTimex(comps: Component[]): string {
  let date = '';
  let time = '';
  for (const c of comps) {
    const s = (c.amount === 'X' ? 'X' : String(c.amount)) + c.unit;
    if (c.time) time += s;
    else date += s;
  }
  return 'P' + date + (time ? 'T' + time : '');
}

/**
 * Recognises DATE, TIME and DURATION spans (UTF-16 offsets) with TIMEX3 values. Relative expressions are resolved
 * against `dct` (YYYY-MM-DD); without one, the parts that would need it are written as X (XXXX-06-18).
 */
export function recogniseDates(text: string, dct: string | undefined): RawSpan[] {
  const scanner = new DateScanner(text, dct);
  scanner.run();
  return joinRanges(text, scanner.spans());
}

/**
 * What the date scanner carries from one stretch of text to the next: the day, year and month named last (for 当天,
 * 次日, 同年, 当月), the last date's end with its year and month (for 6月1日至30日), and where scanning resumes.
 * Offsets are UTF-16 positions in the whole text.
 */
export interface DateScanState {
  lastDay?: DayRef;
  last?: { end: number; y?: number | null; m?: number | null };
  lastYear?: number;
  lastMonth?: { y: number; m: number };
  /** The last clock time with its day (a clock listed after it keeps the day). */
  lastTime?: { end: number; day: DayRef; tod?: TodInfo };
  /** The last weekday of a named week (下周一), for a weekday that ends a range begun by it (下周一至周五). */
  lastWeek?: { end: number; off: number };
  /** Where the scan resumes: the stretch's start, or later when an expression of the stretch before ran past it. */
  next: number;
}

/**
 * The DATE, TIME and DURATION spans that start in [from, to) of `text`, as scanned (ranges not joined), scanning on
 * from `state` (what the scan of text[0, from) left), and the state for the text after `to`. Scanning [0, a), [a, b),
 * [b, n) this way, each from the state the previous one returned, and joining the ranges of all of them
 * (core/dateRanges.ts joinRanges) gives exactly recogniseDates(text, dct): the language server re-scans only the
 * paragraphs an edit touched.
 */
export function recogniseDatesIn(
  text: string,
  dct: string | undefined,
  from: number,
  to: number,
  state?: DateScanState,
): { spans: RawSpan[]; state: DateScanState } {
  const scanner = new DateScanner(text, dct);
  if (state) scanner.restore(state);
  const next = scanner.run(Math.max(from, state?.next ?? from), to);
  return { spans: scanner.spans(), state: scanner.state(next) };
}
