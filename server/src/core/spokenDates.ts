// Everyday spoken forms of dates and times that news and assistant requests use beside the written ones (README
// "Dates and times"): colloquial day words (明儿, 昨儿个), idioms made of date words that name no date (一天到晚,
// 三天两头), a weekday written with an Arabic digit (周3, 这周4), and the year 两千 read aloud (两千零八年).
// The scanner in dates.ts calls these; they only read the text.

/** Colloquial day words and their offset from the DCT in days (前日 is the written form of 前天). */
export const COLLOQUIAL_DAYS: Record<string, number> = {
  今儿: 0, 今儿个: 0, 明儿: 1, 明儿个: 1, 昨儿: -1, 昨儿个: -1, 前儿: -2, 前儿个: -2, 后儿: 2, 后儿个: 2, 後兒: 2,
  前日: -2,
};

/**
 * Whether the day word w at i is the tail or head of another word: 以前日本, 此前日方; 如今儿子, 今儿童 (儿 begins
 * the next word); a 儿 word right after a closing quote or before an opening one is a quoted word.
 */
export function colloquialDayInsideWord(t: string, i: number, w: string): boolean {
  const prev = t[i - 1] ?? '';
  const next = t[i + w.length] ?? '';
  if (w === '前日') return (prev !== '' && '以之此提目从從先空史当當事节節年'.includes(prev)) || (next !== '' && '本方军軍元圆圓韩韓美欧歐'.includes(next));
  if (!w.includes('儿') && !w.includes('兒')) return false;
  if (prev !== '' && '如而至迄从從”」』"\''.includes(prev)) return true;
  return w.length === 2 && next !== '' && '子童女孙孫媳科歌戏戲化郎“「『'.includes(next);
}

/**
 * Idioms and set phrases written with date words that name no date or duration (一天到晚 "all day long", 三天两头
 * "every so often"): the scanner skips them whole.
 */
export const DATE_IDIOMS = [
  '一天到晚', '三天两头', '三天兩頭', '一年四季', '一年到头', '一年到頭', '一日三餐', '一时半会', '一時半會', '一时半刻',
  '一時半刻', '三年五载', '三年五載', '一年半载', '一年半載', '三天打鱼', '三天打魚', '一日千里', '一日之计', '一日之計',
  '十年树木', '十年樹木', '百年树人', '百年樹人', '千秋万代', '千秋萬代', '一朝一夕', '三更半夜',
];

/**
 * A weekday written with an Arabic digit after its prefix (周3, 星期5, 礼拜1 → 1–7) at i, or undefined: the digit must
 * stand alone (周3天, 周30, 周3次 are not weekdays).
 */
export function arabicWeekdayDigit(t: string, i: number): number | undefined {
  const c = t.charCodeAt(i);
  const digit = c >= 0x31 && c <= 0x37 ? c - 0x30 : c >= 0xff11 && c <= 0xff17 ? c - 0xff10 : 0;
  if (digit === 0) return undefined;
  // What may follow: the end, punctuation or space, a part of the day, or a word that goes with a day (周3的, 周3前).
  const next = t[i + 1] ?? '';
  if (next === '' || /[\s，。、；：！？,.;:!?）)」”』]/.test(next) || '上下中晚早凌傍深夜白的前后後之以开開见見到至和与與及或再'.includes(next)) return digit;
  return undefined;
}

/**
 * The year of a Chinese numeral in the two-thousands read aloud before 年 (两千零八年 → 2008, 二千零一十年 → 2010), or
 * undefined. 两千年 alone is a year only when a part of the year, a month or 的时候 / 那年 / 时 follows (两千年的历史
 * and 两千年前 count years).
 */
export function spokenThousandYear(raw: string, value: number, t: string, afterNian: number): number | undefined {
  if (!/^[两兩二]千/.test(raw) || !Number.isInteger(value) || value < 2000 || value > 2099) return undefined;
  if (value > 2000) return raw.includes('零') || raw.includes('〇') ? value : undefined;
  const rest = t.slice(afterNian, afterNian + 3);
  const rest4 = t.slice(afterNian, afterNian + 4);
  if (/^(?:的时候|的時候|那年|时|時|初|底|末|春|夏|秋|冬|[一二三四五六七八九十\d]+月)/.test(rest) || /^的?(?:最后|最後|第)/.test(rest4)) return value;
  return undefined;
}

/** Words after 15号 that make a number with 号 alone a day of the month (15号之前, 3号早上, 20号那天). */
const DAY_NUMBER_CONTEXT = [
  '之前', '以前', '之后', '之後', '以后', '以後', '那天', '当天', '當天', '这天', '這天', '的时候', '的時候', '开始',
  '開始', '上午', '下午', '晚上', '早上', '凌晨', '中午', '傍晚', '夜里', '夜裡', '前后', '前後', '左右',
];

/** Whether the words at j make the number with 号 before it a day of the month. */
export function dayNumberContextAt(t: string, j: number): boolean {
  for (const w of DAY_NUMBER_CONTEXT) if (t.startsWith(w, j)) return true;
  return false;
}

/** Characters after N号 that make it a numbered thing (5号线, 2号楼, 3号选手, 9号台风, 5号电池, 1号文件). */
const NUMBERED_THING = new Set([...
  '线綫楼樓床房室馆館门門口位车車厢廂台桌柜櫃机機码碼院字队隊员員手球井坑道路街巷栋棟单單窗文令种種型款版风風病选選区區座仓倉库庫站厅廳箱包格地场場岛島洞屏轨軌舱艙架盘盤号號元人女男坑锅鍋池电電店铺鋪']);
/** Characters before N号 after which it may stand for a day (start of a clause, a pronoun, a preposition, a verb of arranging). */
const DAY_NUMBER_BEFORE = new Set([...'我你他她它们們在是于於到至从從跟与與就都要还還才再请請让讓说說把等前后後']);
/**
 * What may follow a day number standing alone: a verb or word of plans and schedules (有, 要, 去, 交, 还, 出发, 见 …),
 * a range connector, 的, or the end of a clause — not a name (20号王涛, 10号奥尔特加: players) nor 、/和 (1号、2号和3号机组).
 */
const DAY_NUMBER_AFTER = new Set([...'有要去是开開交还還出回来來见見过過到至的前后後那这這提再都就也我你他她咱请請该該吃办辦发發放考上']);

/**
 * Whether a number with 号 standing alone (not after a month) is a day of the DCT's month, as people say it in a
 * request or a chat (二十号有什么安排, 提醒我十五号交房租, 3号的会取消了, 12号到15号): it must begin a clause or follow a
 * pronoun, preposition or verb (长征五号 and 天宫二号 are names), and what follows must be a word of plans, a range
 * connector, 的 or the end of the clause (5号线, 2号楼, 3号选手, 20号王涛 are numbered things and players).
 * `numStart` is where the number begins, `after` the position after 号.
 */
export function dayNumberAloneAt(t: string, numStart: number, after: number): boolean {
  const prev = t[numStart - 1] ?? '';
  if (prev !== '' && !/[\s，。；：！？,.;:!?（(「“"]/.test(prev) && !DAY_NUMBER_BEFORE.has(prev)) return false;
  const next = t[after] ?? '';
  if (next === '' || /[\s，。；：！？,.;:!?）)」”]/.test(next)) return true;
  if (!DAY_NUMBER_AFTER.has(next)) return false;
  // 3号的会 is a day; 3号的球衣 a numbered thing.
  if (next === '的') return !NUMBERED_THING.has(t[after + 1] ?? '');
  // 上 only as 上午 / 上班 (3号上车 is a carriage).
  if (next === '上') return t[after + 1] === '午' || t[after + 1] === '班';
  return true;
}

/** Words after a two-digit year that make it a year, not a count of years (18年底, 98年的时候, 08年夏天). */
const TWO_DIGIT_YEAR_CONTEXT = [
  '的时候', '的時候', '那年', '那会', '那會', '那阵', '那陣', '底', '初', '末', '春', '夏', '秋', '冬', '上半年', '下半年',
];

/**
 * Whether a two-digit number before 年 (its text `raw`, the position after 年 `afterNian`) is a year: read digit by
 * digit in Chinese (九八年, 一九年 — but 三四年, 七八年 are "three or four years", two consecutive digits), or an
 * Arabic year followed by a part of the year or 的时候 (18年底, 98年的时候).
 */
export function twoDigitYearAt(raw: string, arabic: boolean, t: string, afterNian: number): boolean {
  if (!arabic) {
    const d = [...raw].map((c) => (c === '零' ? 0 : '〇一二三四五六七八九'.indexOf(c)));
    if (d.length !== 2 || d.some((x) => x < 0)) return false;
    // 三五年 is "three to five years".
    return d[1] !== d[0] + 1 && !(d[0] === 3 && d[1] === 5);
  }
  return TWO_DIGIT_YEAR_CONTEXT.some((w) => t.startsWith(w, afterNian));
}
