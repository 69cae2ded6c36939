// Public holidays and festivals, Chinese and international, as the date scanner reads them: 国庆节, 春节期间,
// 母亲节, 端午, 五一假期 … Each has a rule (a fixed Gregorian day, the nth weekday of a month, a lunar day, or a solar
// term); the scanner resolves the rule against the year written or the DCT (README "Dates and times").
//
// Short forms that are also other words (国庆路, 五一广场, 八一队, 中秋月饼) count only in a date context: a year
// before them, or after them a holiday word (期间, 假期), a time word (前后, 当天, 晚上) or punctuation.

export type HolidayRule =
  | { kind: 'fixed'; m: number; d: number }
  /** The nth (1-based) weekday (0 = Sunday) of month m. */
  | { kind: 'nth'; m: number; weekday: number; n: number }
  /** A lunar month and day; 'last' is the last day of the twelfth month (除夕). */
  | { kind: 'lunar'; m: number; d: number | 'last' }
  | { kind: 'term'; term: string };

export interface Holiday {
  rule: HolidayRule;
  /** The statutory days off that 期间/假期/长假/黄金周 refer to, counted from the holiday's day. */
  periodDays?: number;
  /** A short form that is also another word: needs a date context. */
  short?: boolean;
  /** A number that names the holiday only with a period word after it (十一黄金周, 十一期间; 十一人 is eleven). */
  periodOnly?: boolean;
}

const fixed = (m: number, d: number, extra: Partial<Holiday> = {}): Holiday => ({ rule: { kind: 'fixed', m, d }, ...extra });
const lunar = (m: number, d: number | 'last', extra: Partial<Holiday> = {}): Holiday => ({ rule: { kind: 'lunar', m, d }, ...extra });
const nth = (m: number, weekday: number, n: number): Holiday => ({ rule: { kind: 'nth', m, weekday, n } });

/** Names (simplified and traditional) → holiday. */
export const HOLIDAYS: Record<string, Holiday> = {
  元旦: fixed(1, 1), 元旦节: fixed(1, 1),
  情人节: fixed(2, 14), 情人節: fixed(2, 14),
  三八妇女节: fixed(3, 8), 三八婦女節: fixed(3, 8), 妇女节: fixed(3, 8), 婦女節: fixed(3, 8), 国际妇女节: fixed(3, 8),
  植树节: fixed(3, 12), 植樹節: fixed(3, 12), 消费者权益日: fixed(3, 15), 愚人节: fixed(4, 1), 愚人節: fixed(4, 1),
  世界读书日: fixed(4, 23), 护士节: fixed(5, 12),
  五一国际劳动节: fixed(5, 1, { periodDays: 5 }), 国际劳动节: fixed(5, 1, { periodDays: 5 }),
  五一劳动节: fixed(5, 1, { periodDays: 5 }), 劳动节: fixed(5, 1, { periodDays: 5 }), 勞動節: fixed(5, 1, { periodDays: 5 }),
  五一: fixed(5, 1, { periodDays: 5, short: true }),
  五四青年节: fixed(5, 4), 青年节: fixed(5, 4), 青年節: fixed(5, 4),
  六一儿童节: fixed(6, 1), 国际儿童节: fixed(6, 1), 儿童节: fixed(6, 1), 兒童節: fixed(6, 1), 六一: fixed(6, 1, { short: true }),
  七一建党节: fixed(7, 1), 建党节: fixed(7, 1), 七一: fixed(7, 1, { short: true }),
  八一建军节: fixed(8, 1), 建军节: fixed(8, 1), 建軍節: fixed(8, 1), 八一: fixed(8, 1, { short: true }),
  教师节: fixed(9, 10), 教師節: fixed(9, 10),
  国庆节: fixed(10, 1, { periodDays: 7 }), 國慶節: fixed(10, 1, { periodDays: 7 }), 国庆: fixed(10, 1, { periodDays: 7, short: true }),
  十一: fixed(10, 1, { periodDays: 7, short: true, periodOnly: true }),
  國慶: fixed(10, 1, { periodDays: 7, short: true }),
  万圣节: fixed(10, 31), 萬聖節: fixed(10, 31), 光棍节: fixed(11, 11), 双十一: fixed(11, 11), 雙十一: fixed(11, 11),
  双11: fixed(11, 11), 双十二: fixed(12, 12), 双12: fixed(12, 12), 国家公祭日: fixed(12, 13),
  平安夜: fixed(12, 24), 圣诞节: fixed(12, 25), 聖誕節: fixed(12, 25), 圣诞: fixed(12, 25, { short: true }),
  母亲节: nth(5, 0, 2), 母親節: nth(5, 0, 2), 父亲节: nth(6, 0, 3), 父親節: nth(6, 0, 3), 感恩节: nth(11, 4, 4),
  感恩節: nth(11, 4, 4),
  春节: lunar(1, 1, { periodDays: 7 }), 春節: lunar(1, 1, { periodDays: 7 }), 大年初一: lunar(1, 1),
  除夕: lunar(12, 'last'), 大年三十: lunar(12, 'last'), 大年夜: lunar(12, 'last'),
  小年: lunar(12, 23, { short: true }),
  元宵节: lunar(1, 15), 元宵節: lunar(1, 15), 元宵: lunar(1, 15, { short: true }),
  龙抬头: lunar(2, 2, { short: true }), 龍抬頭: lunar(2, 2, { short: true }),
  端午节: lunar(5, 5), 端午節: lunar(5, 5), 端午: lunar(5, 5, { short: true }),
  七夕节: lunar(7, 7), 七夕節: lunar(7, 7), 七夕: lunar(7, 7, { short: true }),
  中元节: lunar(7, 15), 中元節: lunar(7, 15),
  中秋节: lunar(8, 15), 中秋節: lunar(8, 15), 中秋: lunar(8, 15, { short: true }),
  重阳节: lunar(9, 9), 重陽節: lunar(9, 9), 重阳: lunar(9, 9, { short: true }),
  腊八节: lunar(12, 8), 臘八節: lunar(12, 8), 腊八: lunar(12, 8, { short: true }),
  清明节: { rule: { kind: 'term', term: '清明' } }, 清明節: { rule: { kind: 'term', term: '清明' } },
};

/** Words after a holiday that name its days off (国庆期间 → the holiday's statutory days). */
const PERIOD_WORDS = ['小长假', '黄金周', '長假', '长假', '假期', '期间', '期間', '假日'];

/** Words that may follow a short holiday name or solar term and make it a date. */
const CONTEXT_WORDS = [
  '前后', '前後', '前夕', '当天', '當天', '当日', '那天', '这天', '這天', '之际', '之際', '以来', '以來', '过后', '過後',
  '之后', '之後', '以后', '以後', '之前', '以前', '节气', '節氣', '时节', '時節', '上午', '下午', '晚上', '早上', '凌晨',
  '中午', '夜', '晚', '前', '后', '後', '起', '到', '至', '和', '与', '與', '及',
  // What people say about a holiday's plans (国庆去哪玩, 五一前一天, 中秋回家, 端午我们一起): a day, not a name.
  '前一天', '後一天', '后一天', '的时候', '的時候', '那几天', '那幾天', '放假', '去哪', '出游', '出遊', '旅游', '旅遊',
  '旅行', '回家', '快乐', '快樂', '打算', '准备', '準備', '一起', '去', '回', '我', '你', '他', '她',
];
const PUNCTUATION = '，。、；：！？）」”』,.;:!?) \u3000\n\r\t';

/**
 * Whether a date context follows at j: a context word, or also punctuation / the end (`weak`); `strong` accepts
 * only words of two characters or more (一场大雪后 is snow, 小雪节气前后 the term).
 */
export function dateContextAt(text: string, j: number, mode: 'weak' | 'strong'): boolean {
  if (j >= text.length || PUNCTUATION.includes(text[j])) return mode === 'weak';
  for (const w of CONTEXT_WORDS) if ((mode === 'weak' || w.length > 1) && text.startsWith(w, j)) return true;
  return false;
}

/** Characters that may stand right before a short holiday name (not a surname or another word: 张国庆, 和平八一). */
const BEFORE_SHORT = '在于於至到过過的和与與及从從自是逢迎度欢歡庆慶届屆今明前后後称稱叫为為即';
/** Short names that are numbers (五一, 六一, 七一, 八一: also team and place names) need more than punctuation. */
const NUMBER_NAMES = new Set(['五一', '六一', '七一', '八一']);

/** Whether a short name (国庆, 中秋, 八一 …) between i and end is a date here. */
function shortNameIsDate(text: string, i: number, end: number, name: string): boolean {
  const prev = text[i - 1] ?? '';
  // “七一”: quoted, it names the day.
  if ((prev === '“' || prev === '「' || prev === '"') && '”」"'.includes(text[end] ?? '\uffff')) return true;
  if (/[\u4e00-\u9fff]/.test(prev) && !BEFORE_SHORT.includes(prev)) return false;
  return dateContextAt(text, end, NUMBER_NAMES.has(name) ? 'strong' : 'weak');
}

let index: Map<string, string[]> | undefined;
/** Holiday names by first character, longest first. */
function names(): Map<string, string[]> {
  if (!index) {
    index = new Map();
    for (const k of Object.keys(HOLIDAYS).sort((a, b) => b.length - a.length)) {
      const list = index.get(k[0]) ?? [];
      list.push(k);
      index.set(k[0], list);
    }
  }
  return index;
}

/** The first characters of every holiday name (for the scanner's table of characters that may start a date). */
export const HOLIDAY_NAMES = Object.keys(HOLIDAYS);

/**
 * The holiday named at i, with an optional period word after it (国庆期间, 五一假期): its end, the holiday and whether
 * the period word was read. `afterYear`: a year was written right before (2023年国庆, 去年中秋), which is context
 * enough for a short name.
 */
export function matchHoliday(text: string, i: number, afterYear: boolean): { end: number; holiday: Holiday; period: boolean } | undefined {
  const keys = names().get(text[i]);
  if (!keys) return undefined;
  for (const k of keys) {
    if (!text.startsWith(k, i)) continue;
    const holiday = HOLIDAYS[k];
    let end = i + k.length;
    // 春节联欢晚会, 春节档, 春晚: programmes and seasons, not the day.
    if (k.startsWith('春') && (text.startsWith('联欢', end) || text.startsWith('聯歡', end) || text.startsWith('晚会', end) || text[end] === '档' || text[end] === '檔')) return undefined;
    // 五一节 / 国庆节 written with 节 after a short name is the full name.
    if (holiday.short && (text[end] === '节' || text[end] === '節')) end++;
    let period = false;
    for (const w of PERIOD_WORDS) {
      if (text.startsWith(w, end)) {
        period = true;
        end += w.length;
        break;
      }
    }
    if (holiday.periodOnly && (!period || /[0-9０-９零〇一二三四五六七八九十百千万两第]/.test(text[i - 1] ?? ''))) continue;
    if (holiday.short && !afterYear && !period && text[end - 1] !== '节' && !shortNameIsDate(text, i, end, k)) return undefined;
    // A name inside a longer word: 中秋月饼 is a kind of cake, 元宵 a dumpling unless a date context follows.
    return { end, holiday, period };
  }
  return undefined;
}
