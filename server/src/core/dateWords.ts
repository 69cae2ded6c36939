// The words of the date scanner (dates.ts): relative years, months, quarters, weeks and days, narrative references,
// parts of the day with their TIMEX3 codes, weekdays, seasons, era names, vague references, duration units. Tables
// only; the scanner builds its look-up structures from them.
import { COLLOQUIAL_DAYS, DATE_IDIOMS } from './spokenDates';

export const REL_YEAR: Record<string, number> = {
  今年: 0, 本年: 0, 去年: -1, 上年: -1, 上一年: -1, 下一年: 1, 前年: -2, 大前年: -3, 明年: 1, 来年: 1, 後年: 2, 后年: 2, 大后年: 3,
};
export const REL_MONTH: Record<string, number> = {
  本月: 0, 这个月: 0, 這個月: 0, 上月: -1, 上个月: -1, 上個月: -1, 下月: 1, 下个月: 1, 下個月: 1,
  上一个月: -1, 上一個月: -1, 下一个月: 1, 下一個月: 1, 上上个月: -2, 上上個月: -2, 上上月: -2, 下下个月: 2, 下下個月: 2, 下下月: 2,
};
export const REL_CENTURY: Record<string, number> = { 本世纪: 0, 本世紀: 0, 上世纪: -1, 上世紀: -1, 上个世纪: -1, 上個世紀: -1, 上一世纪: -1 };
export const REL_QUARTER: Record<string, number> = {
  本季度: 0, 本季: 0, 这个季度: 0, 這個季度: 0, 这一季度: 0, 当季: 0, 上季度: -1, 上个季度: -1, 上個季度: -1, 上一季度: -1,
  上一个季度: -1, 下季度: 1, 下个季度: 1, 下個季度: 1, 下一季度: 1, 下一个季度: 1,
};
export const REL_WEEK: Record<string, number> = (() => {
  const table: Record<string, number> = {};
  const which: [string, number][] = [['本', 0], ['这', 0], ['這', 0], ['这个', 0], ['這個', 0], ['上', -1], ['上个', -1],
    ['上個', -1], ['上上', -2], ['上上个', -2], ['上上個', -2], ['上上上', -3], ['下', 1], ['下个', 1], ['下個', 1], ['下下', 2], ['下下下', 3],
    ['下下个', 2], ['下下個', 2], ['上一个', -1], ['上一個', -1], ['下一个', 1], ['下一個', 1]];
  for (const [w, off] of which) {
    for (const unit of ['周', '週', '星期', '礼拜', '禮拜']) {
      // 上个周 is unusual but written; 本礼拜 / 这个星期 are fine; 上礼拜 too.
      table[w + unit] = off;
    }
  }
  return table;
})();
/** Day words: offset from the DCT, or 'anaphoric' for 当天/当日 (the last day mentioned, else the DCT). */
export const REL_DAY: Record<string, number | 'anaphoric'> = {
  今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 大前天: -3, 明天: 1, 明日: 1, 后天: 2, 後天: 2, 大后天: 3,
  当天: 'anaphoric', 当日: 'anaphoric', 當天: 'anaphoric', 當日: 'anaphoric',
  ...COLLOQUIAL_DAYS,
};
/**
 * Narrative references to the date named last in the text (次日 = the day after it), not to the DCT; with no
 * earlier date their value is unknown (X).
 */
export const NARRATIVE: Record<string, ['D' | 'M' | 'Y', number]> = {
  次日: ['D', 1], 翌日: ['D', 1], 第二天: ['D', 1], 同日: ['D', 0], 同一天: ['D', 0], 前一天: ['D', -1],
  同月: ['M', 0], 当月: ['M', 0], 當月: ['M', 0], 次月: ['M', 1], 翌月: ['M', 1],
  同年: ['Y', 0], 次年: ['Y', 1], 翌年: ['Y', 1], 第二年: ['Y', 1], 前一年: ['Y', -1],
};
/**
 * A day word fused with a part of the day: one TIME span. 当晚 / 当夜 are anaphoric, as 当天: the day named last,
 * else the DCT's.
 */
export const REL_DAY_TOD: Record<string, [number | 'anaphoric', string]> = {
  今晨: [0, 'MO'], 今早: [0, 'MO'], 今晚: [0, 'EV'], 今夜: [0, 'NI'], 昨晚: [-1, 'EV'], 昨夜: [-1, 'NI'],
  昨晨: [-1, 'MO'], 明早: [1, 'MO'], 明晨: [1, 'MO'], 明晚: [1, 'EV'],
  当晚: ['anaphoric', 'EV'], 當晚: ['anaphoric', 'EV'], 当夜: ['anaphoric', 'NI'], 當夜: ['anaphoric', 'NI'],
};
/**
 * How a 12-hour clock reading is shifted within a part of the day: yes (afternoon, evening: +12), no, night (6–11 →
 * +12, 12 → 0), noon (1–5 → +12), midnight (午夜: 12 → 24, the end of that day as 晚上12点; otherwise as night).
 */
export type TodShift = 'yes' | 'no' | 'night' | 'noon' | 'midnight';
/** Parts of the day: TIMEX3 code and the hour shift for a 12-hour clock reading. */
export const TOD: Record<string, { code: string; pm: TodShift }> = {
  上午: { code: 'MO', pm: 'no' }, 早上: { code: 'MO', pm: 'no' }, 早晨: { code: 'MO', pm: 'no' },
  清晨: { code: 'MO', pm: 'no' }, 早间: { code: 'MO', pm: 'no' }, 早間: { code: 'MO', pm: 'no' },
  中午: { code: 'MI', pm: 'noon' }, 正午: { code: 'MI', pm: 'noon' },
  下午: { code: 'AF', pm: 'yes' }, 午后: { code: 'AF', pm: 'yes' },
  傍晚: { code: 'EV', pm: 'yes' }, 晚上: { code: 'EV', pm: 'yes' }, 晚间: { code: 'EV', pm: 'yes' },
  晚間: { code: 'EV', pm: 'yes' }, 夜间: { code: 'NI', pm: 'night' }, 夜里: { code: 'NI', pm: 'night' },
  深夜: { code: 'NI', pm: 'night' }, 半夜: { code: 'NI', pm: 'night' }, 凌晨: { code: 'NI', pm: 'no' },
  午夜: { code: 'NI', pm: 'midnight' },
  白天: { code: 'DT', pm: 'no' },
};
export type TodInfo = { code: string; pm: TodShift };
/** A clock without a part of the day (its range end stays as written). */
export const NO_TOD: TodInfo = { code: '', pm: 'no' };
/** Single-character parts of the day, accepted only right after a date (7月25日早, 当天晚). */
export const TOD_SHORT: Record<string, { code: string; pm: TodShift }> = {
  早: { code: 'MO', pm: 'no' }, 晚: { code: 'EV', pm: 'yes' }, 夜: { code: 'NI', pm: 'night' },
};
export const WEEKDAY_PREFIXES = ['星期', '礼拜', '禮拜', '周', '週'];
export const WEEKDAY_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
export const SEASONS: Record<string, string> = {
  春季: 'SP', 春天: 'SP', 夏季: 'SU', 夏天: 'SU', 秋季: 'FA', 秋天: 'FA', 冬季: 'WI', 冬天: 'WI',
};
/** Chinese era names and the Gregorian year of their first year (元年): 康熙三年 → 1664, 民国三年 → 1914. */
export const ERAS: Record<string, number> = {
  贞观: 627, 神龙: 705, 开元: 713, 天宝: 742, 洪武: 1368, 永乐: 1403, 嘉靖: 1522, 万历: 1573, 崇祯: 1628,
  顺治: 1644, 康熙: 1662, 雍正: 1723, 乾隆: 1736, 嘉庆: 1796, 道光: 1821, 咸丰: 1851, 同治: 1862, 光绪: 1875,
  宣统: 1909, 民国: 1912, 民國: 1912,
};
/** Vague references (guidelines: 近日 / 近期 / 近年来 → PAST_REF). */
export const PAST_REF_WORDS = ['近年来', '近日', '近期', '近年', '近来', '日前', '最近', '前不久'];
export const SINCE_PREPOSITIONS: Record<string, number> = { 自: 1, 自从: 1, 自從: 1, 從: 1, 从: 1 };
export const APPROX_PREFIXES: Record<string, number> = { 大约: 1, 大約: 1, 约: 1, 約: 1, 大概: 1 };
/** Names that begin with a date word and are not dates. */
export const NOT_DATES = ['今日头条', '今日頭條', '明日之后', '明天系', '午夜场', '午夜場', '午夜凶铃', '午夜凶鈴', ...DATE_IDIOMS];

/** Duration units: TIMEX3 designator and whether it is a time (PT…) unit. */
export const DURATION_UNITS: [string, string, boolean][] = [
  // Ages and anniversaries: 满18岁 → P18Y, 建院60周年 → P60Y.
  ['周岁', 'Y', false], ['週歲', 'Y', false], ['周年', 'Y', false], ['週年', 'Y', false], ['岁', 'Y', false], ['歲', 'Y', false],
  ['个钟头', 'H', true], ['個鐘頭', 'H', true], ['钟头', 'H', true], ['小时', 'H', true], ['小時', 'H', true],
  ['分钟', 'M', true], ['分鐘', 'M', true], ['秒钟', 'S', true], ['秒鐘', 'S', true], ['秒', 'S', true],
  ['个星期', 'W', false], ['個星期', 'W', false], ['星期', 'W', false], ['礼拜', 'W', false], ['周', 'W', false],
  ['週', 'W', false], ['个月', 'M', false], ['個月', 'M', false], ['年', 'Y', false], ['天', 'D', false],
  ['日', 'D', false],
];
