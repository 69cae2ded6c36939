// Bare numbers (no unit, no classifier) are CARDINAL, as in OntoNotes (12,580; 三百零五; 贰佰零捌; 7.6万; 负350), and
// fractions are CARDINAL with their value (三分之二 → 0.6667, 3/4 → 0.75). This module decides, from the few
// characters around a numeral, whether a bare number is a figure at all: numbers that are part of a name, code or
// model (5G, G20, PM2.5, 737客机, “996”, 985高校), phone, ID, serial, account, post-code and room numbers, and numbers
// that belong to a date, time or duration (2023年, 9:30, 3个月) are not. See the README's conventions.
import type { NumeralMatch } from './numerals';

/** Characters after a number that make it part of a date, time or duration (handled by the date recogniser). */
const DATE_AFTER = new Set('年月日号時时点點分秒天周週岁歲旬载載世季刻钟鐘个個'.split(''));
/** Characters after a number that make it a measure we do not normalise (300度, 80万方, 10多里, 15万字) or a list
 * marker (1、 2） 3．): no bare CARDINAL. */
const MEASURE_OR_MARKER_AFTER = new Set('度方里字、）)+＋'.split(''));

/** Words right after a number that make the number a name, a code or an address (4号线, 18路, 502室, 985高校). */
const NAME_AFTER = [
  '室', '路', '线', '線', '楼', '樓', '栋', '棟', '幢', '单元', '病房', '房间', '号房', '会议室', '包厢', '车厢',
  '站台', '热线', '專線', '专线', '高校', '院校', '工程', '客机', '飞机', '机型', '型', '系列', '次列车',
  '航班', '赛季', '年度', '财年', '学年', '款', '版', '牌', '队', '中队', '大队', '支队', '分队', '强',
];
const NAME_AFTER_INDEX = new Map<string, string[]>();
for (const w of NAME_AFTER) NAME_AFTER_INDEX.set(w[0], [...(NAME_AFTER_INDEX.get(w[0]) ?? []), w]);

/** Words before a number (connectors 为/是/：/spaces in between) that make it a code or identifier. */
const CODE_BEFORE = [
  '电话', '热线', '号码', '编号', '代码', '工号', '邮编', '账号', '帐号', '卡号', '单号', '编码', '证号', '批号', '车号',
  '型号', '房号', '代号', '密码', '尾号', '学号', '序号', '拨打', '致电', '手机', '座机', '传真', '邮政编码', '门牌',
  '微信', '网址', '版本', '文号', '案号', '订单', '专线', '群号', 'QQ群',
];
const CODE_BEFORE_BY_LAST = new Map<string, string[]>();
for (const w of CODE_BEFORE) CODE_BEFORE_BY_LAST.set(w[w.length - 1], [...(CODE_BEFORE_BY_LAST.get(w[w.length - 1]) ?? []), w]);
const CONNECTORS = new Set(['为', '是', '：', ':', ' ', '\u3000', '號']);

/** Characters that may introduce a negative amount written with an ASCII hyphen (为-2.3亿, not 歼-20). */
const MINUS_AFTER = new Set('为是达至到由从降减约近超在：:（(，,、 '.split(''));

const OPEN_QUOTES = new Set(['“', '‘', '「', '『', '"', '\'']);
const CLOSE_QUOTES = new Set(['”', '’', '」', '』', '"', '\'']);
const OPEN_BRACKETS = new Set(['（', '(', '〔', '[', '【', '［']);
const CLOSE_BRACKETS = new Set(['）', ')', '〕', ']', '】', '］']);
/** Characters joining numbers into dates, times, versions and codes (2024/05/20, 9:30, 0571-8765, 1.5.2). */
const JOINERS = new Set(['-', '－', '/', '／', ':', '：', '∶', '.', '．', '·', '_', '—', '~', '～', '至', '到']);

/** After a Chinese-character numeral with no unit, these may follow (punctuation or a function word). */
const CHINESE_BARE_NEXT = new Set('，。；！？、,.;!?）)」”』’\r\n 的了和与及或'.split(''));
/** Financial (anti-fraud) numeral characters: a numeral using them is unambiguous. */
const FINANCIAL = new Set('壹贰貳叁參肆伍陆陸柒捌玖拾佰仟'.split(''));

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}
function isIdeograph(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

function nameAfter(text: string, at: number): boolean {
  const list = NAME_AFTER_INDEX.get(text[at]);
  return list !== undefined && list.some((w) => text.startsWith(w, at));
}

function codeWordBefore(text: string, start: number): boolean {
  let k = start;
  for (let skipped = 0; skipped < 2 && k > 0 && CONNECTORS.has(text[k - 1]); skipped++) k--;
  const list = CODE_BEFORE_BY_LAST.get(text[k - 1]);
  return list !== undefined && list.some((w) => k >= w.length && text.startsWith(w, k - w.length));
}

/**
 * True when the numeral `m` (ending at `end`, after any 余/多 placeholder) with no unit after it is a bare number to
 * label CARDINAL. `modified` says a modifier such as 约 / 近 / 超 is written before it.
 */
export function isBareCardinal(text: string, m: NumeralMatch, end: number, modified: boolean): boolean {
  if (m.valueMax !== undefined) return false; // 三四, 五六: a range needs its unit
  if (m.bare && !modified) return false; // 百万, 千万 alone are slogans or words (百万大军)
  if (!Number.isFinite(m.value)) return false;
  const next = text[end];
  const nextCode = text.charCodeAt(end);
  const prev = text[m.start - 1];
  if (DATE_AFTER.has(next) || MEASURE_OR_MARKER_AFTER.has(next)) return false;
  if (prev === '+' || prev === '＋') return false;
  // The hundredths after seconds or minutes (12秒85, 3分20) belong to a time.
  if ((prev === '秒' || prev === '分') && (isDigit(text.charCodeAt(m.start - 2)) || canStartChinese(text, m.start - 2))) return false;
  if (prev === '、' && (isDigit(text.charCodeAt(m.start - 2)) || canStartChinese(text, m.start - 2))) return false; // 6、7两月 // 1＋2 (a conjecture's name), formulas
  // An enumerator: 1．衣着, 6·增加 (a point or dot not followed by a digit).
  if ((next === '．' || next === '.' || next === '·') && !isDigit(text.charCodeAt(end + 1))) return false;
  if (m.approx === 'approx') return false; // 十几万: no value to give without its unit
  if (nameAfter(text, end)) return false;
  if (CLOSE_BRACKETS.has(next) && OPEN_BRACKETS.has(prev)) return false; // （600519）, 〔2023〕
  if (CLOSE_QUOTES.has(next)) {
    // A short quoted name: “996”, “双11”, “1688”.
    for (let k = m.start - 1; k >= 0 && k >= m.start - 4; k--) if (OPEN_QUOTES.has(text[k])) return false;
  }
  if (codeWordBefore(text, m.start)) return false;
  // Joined to another number: dates, times, phone numbers, versions, codes (2024/05/20, 0571-8765, GB 2760-2014).
  if (JOINERS.has(next) && (isDigit(text.charCodeAt(end + 1)) || canStartChinese(text, end + 1))) return false;
  if (JOINERS.has(prev) && isAsciiAlnum(text.charCodeAt(m.start - 2))) return false;
  // Scores and ratios (3比1, 5∶0, 1:1) are not amounts: the numbers on either side of 比 or a colon.
  if (next === '比' && isDigit(text.charCodeAt(end + 1))) return false;
  if ((prev === '比' || prev === '∶') && isDigit(text.charCodeAt(m.start - 2))) return false;

  let arabic = false;
  let chineseUnit = false;
  let financial = false;
  for (let k = m.start; k < m.end; k++) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) arabic = true;
    else if ('十拾百佰千仟万萬亿億兆'.includes(text[k])) chineseUnit = true;
    if (FINANCIAL.has(text[k])) financial = true;
  }
  if (arabic) {
    const first = text[m.start];
    if (!isDigit(text.charCodeAt(m.start)) && first !== '-' && first !== '－' && first !== '负' && first !== '負' && first !== '.' && first !== '．') {
      return false; // 百30.593: a name's character read as a unit
    }
    if (isAsciiAlnum(nextCode) || nextCode === 0x2b /* + */) return false; // 5G, 3D, 8AT, 7nm, 2.0T
    // A number spaced from a Latin word is part of a model or version name (骁龙8 Gen 3, iPhone 15, Windows 11).
    if (next === ' ' && isAsciiLetter(text.charCodeAt(end + 1))) return false;
    if (prev === ' ' && isAsciiLetter(text.charCodeAt(m.start - 2))) return false;
    const sign = text[m.start];
    if ((sign === '-' || sign === '－') && m.start > 0 && isIdeograph(text.charCodeAt(m.start - 1)) && !MINUS_AFTER.has(prev)) {
      return false; // 歼-20, 运-20: model names
    }
    // Long plain digit runs are identifiers (phone, ID, account, serial, tracking numbers).
    let digits = 0;
    let plain = true;
    for (let k = m.start; k < m.end; k++) {
      const c = text.charCodeAt(k);
      if (isDigit(c)) digits++;
      else if (k > m.start || (text[k] !== '-' && text[k] !== '－' && text[k] !== '负' && text[k] !== '負')) plain = false;
    }
    if (plain && digits >= 7) return false;
    return true;
  }
  // Chinese-character numerals: only well-formed numbers with a unit (三百零五, 一万二千, 贰佰零捌), never a lone digit
  // or a digit sequence (一, 三号, 二〇二三), and, unless written in financial characters, only before punctuation
  // or a function word (so that names such as 十八大, 七十二变 stay out).
  if (!chineseUnit || m.tokens < 2) return false;
  if (financial && m.tokens >= 3) return true; // 贰佰零捌, 叁拾陆 (not 红壹佰, a brand)
  if (Math.abs(m.value) < 100) return false; // 十六, 十四 (dates in a list), 七十二变
  return end >= text.length || CHINESE_BARE_NEXT.has(next) || text.startsWith('左右', end) || text.startsWith('以上', end) || text.startsWith('以下', end);
}

function canStartChinese(text: string, i: number): boolean {
  return '零〇一二三四五六七八九十两'.includes(text[i] ?? '\u0000');
}

/** A fraction's value as news writes it: four significant digits (三分之二 → 0.6667, 十万分之三 → 0.00003). */
export function fractionValue(numerator: number, denominator: number): number {
  return Number((numerator / denominator).toPrecision(4));
}
