// "Diagnose": what an editor or annotator must fix before publishing — malformed figures, impossible dates, weekdays
// that do not match their date, ranges written backwards, entity names written two ways, mixed date formats.
// Pure core: text + analyze() result in, findings out (code-point offsets). No VS Code, no protocol.
// Stored tags that no longer match their text are reported by the tagging code, not here.
import { OffsetMap } from './offsets';
import { parseNumeral } from './numerals';
import type { AnalysisResult, Span } from './types';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

export interface RelatedFinding {
  start: number;
  end: number;
  message: string;
  messageZh: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Code points into the text, end exclusive. */
  start: number;
  end: number;
  message: string;
  messageZh: string;
  related?: RelatedFinding[];
}

export interface RuleInfo {
  id: RuleId;
  defaultSeverity: Severity;
  description: string;
  descriptionZh: string;
}

export const RULES = [
  {
    id: 'figure-malformed',
    defaultSeverity: 'error',
    description: 'A number written wrongly: two decimal points (3.5.2亿), bad digit grouping (1,20,000), full- and half-width digits mixed in one number, 百分之 together with %, Chinese and Arabic digits mixed (二0二三, 3千5百).',
    descriptionZh: '数字写法错误：两个小数点（3.5.2亿）、千分位错误（1,20,000）、同一数字中全角半角数字混用、“百分之”与“%”并用、汉字与阿拉伯数字混用（二0二三、3千5百）。',
  },
  {
    id: 'date-invalid',
    defaultSeverity: 'error',
    description: 'A date that does not exist (2月30日, 13月5日, 2023-02-29). Lunar dates (农历) are not checked.',
    descriptionZh: '不存在的日期（2月30日、13月5日、2023-02-29）。农历日期不检查。',
  },
  {
    id: 'date-weekday-mismatch',
    defaultSeverity: 'error',
    description: 'A weekday written next to a date that falls on another day (2023年6月18日（星期三） — a Sunday). Without a written year, the year comes from a document date given for the file (setting, --dct, header, file name); a date guessed from the text is not trusted.',
    descriptionZh: '日期后标注的星期与实际不符（2023年6月18日（星期三）实为星期日）。未写年份时，仅在文档日期来自设置、--dct、文件头或文件名时使用其年份；从正文推测的日期不采用。',
  },
  {
    id: 'range-reversed',
    defaultSeverity: 'warning',
    description: 'A range written from the larger to the smaller value (30%—20%, 50至30万元); ranges after 从/由 (changes over time) are not flagged.',
    descriptionZh: '范围的起止写反（30%—20%、50至30万元）；“从/由……至……”表示变化，不提示。',
  },
  {
    id: 'entity-width-variant',
    defaultSeverity: 'warning',
    description: 'An entity name written with full-width characters in one place and half-width in another (ＩＢＭ / IBM).',
    descriptionZh: '同一名称在文中全角、半角两种写法（ＩＢＭ / IBM）。',
  },
  {
    id: 'entity-script-variant',
    defaultSeverity: 'warning',
    description: 'An entity name written in traditional characters in one place and simplified in another (張偉 / 张伟).',
    descriptionZh: '同一名称在文中繁体、简体两种写法（張偉 / 张伟）。',
  },
  {
    id: 'entity-space-variant',
    defaultSeverity: 'warning',
    description: 'An entity name written with a space inside in one place and without in another (李 明 / 李明). Typeset bylines ((记者 李 明)) are allowed by the guidelines and not flagged.',
    descriptionZh: '同一名称在文中有空格、无空格两种写法（李 明 / 李明）。按标注规范，署名（（记者 李 明））中的空格不提示。',
  },
  {
    id: 'entity-bracket-variant',
    defaultSeverity: 'warning',
    description: 'A company name with full-width brackets in one place and half-width in another (（苏州） / (苏州)).',
    descriptionZh: '同一名称中的括号全角、半角混用（（苏州） / (苏州)）。',
  },
  {
    id: 'date-format-mixed',
    defaultSeverity: 'info',
    description: 'Full dates written in more than one format in one document (2023年6月18日 and 2023-06-18); the less used format is flagged. Metadata header lines are ignored.',
    descriptionZh: '同一文档中完整日期有多种写法（2023年6月18日 与 2023-06-18），提示较少使用的写法。文件头元数据行不计。',
  },
] as const satisfies readonly { id: string; defaultSeverity: Severity; description: string; descriptionZh: string }[];

export type RuleId = (typeof RULES)[number]['id'];
export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

export interface CheckOptions {
  /** Per-rule severity or 'off'; rules not named keep their default severity. Unknown ids are ignored. */
  rules?: Partial<Record<string, RuleSetting>>;
}

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}

/** Findings for one document, sorted by position. `analysis` is analyze(text)'s result (entities, resolved dates). */
export function checkDocument(text: string, analysis: AnalysisResult, options: CheckOptions = {}): Finding[] {
  const severity = (id: RuleId): RuleSetting => {
    const s = options.rules?.[id];
    return s === 'off' || s === 'error' || s === 'warning' || s === 'info' ? s : RULES.find((r) => r.id === id)!.defaultSeverity;
  };
  const on = (id: RuleId) => severity(id) !== 'off';
  const map = new OffsetMap(text);
  const half = foldWidth(text);
  const raw: RawFinding[] = [];
  if (on('figure-malformed')) raw.push(...malformedFigures(text, half));
  if (on('date-invalid') || on('date-weekday-mismatch')) raw.push(...dateChecks(text, half, analysis, map));
  if (on('range-reversed')) raw.push(...reversedRanges(half));
  if (on('entity-width-variant') || on('entity-script-variant') || on('entity-space-variant') || on('entity-bracket-variant')) {
    raw.push(...entityVariants(text, analysis.spans));
  }
  if (on('date-format-mixed')) raw.push(...mixedDateFormats(half));
  const findings: Finding[] = [];
  for (const f of dropNested(raw)) {
    const s = severity(f.rule);
    if (s === 'off') continue;
    const finding: Finding = {
      rule: f.rule,
      severity: s,
      start: map.toCodePoint(f.start),
      end: map.toCodePoint(f.end),
      message: f.message,
      messageZh: f.messageZh,
    };
    if (f.related?.length) {
      finding.related = f.related.map((r) => ({ ...r, start: map.toCodePoint(r.start), end: map.toCodePoint(r.end) }));
    }
    findings.push(finding);
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
}

/** A finding in UTF-16 offsets, as the checks produce it. */
type RawFinding = Omit<Finding, 'severity' | 'start' | 'end' | 'related'> & {
  start: number;
  end: number;
  related?: RelatedFinding[];
};

/** Drops a finding lying inside another finding of the same rule (李 明 inside 李 明亮), and exact duplicates. */
function dropNested(findings: RawFinding[]): RawFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawFinding[] = [];
  const lastEnd = new Map<string, number>();
  for (const f of sorted) {
    const end = lastEnd.get(f.rule) ?? -1;
    if (f.end <= end) continue;
    out.push(f);
    lastEnd.set(f.rule, Math.max(end, f.end));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Width folding: the same length as the input (every folded character is one UTF-16 unit), so offsets carry over.

/** Full-width ASCII (digits, letters, ％．－／（）～ …) and the ideographic space folded to ASCII, one unit for one. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

const isFullDigit = (c: number) => c >= 0xff10 && c <= 0xff19;
const isHalfDigit = (c: number) => c >= 0x30 && c <= 0x39;

// ---------------------------------------------------------------------------------------------------------------
// figure-malformed

const ZH_DIGITS = '〇零一二三四五六七八九';

function malformedFigures(text: string, half: string): RawFinding[] {
  const out: RawFinding[] = [];
  const add = (start: number, end: number, message: string, messageZh: string) =>
    out.push({ rule: 'figure-malformed', start, end, message, messageZh });

  // Two or more decimal points in an amount: 3.5.2亿, 1.2.5%.
  for (const m of half.matchAll(/(?<![0-9.A-Za-z])[0-9]+(?:\.[0-9]+){2,}(?=\s*(?:[万亿%]|元|美元|倍|个百分点))/g)) {
    add(m.index, m.index + m[0].length, `'${text.slice(m.index, m.index + m[0].length)}' has more than one decimal point`, `“${text.slice(m.index, m.index + m[0].length)}”含有多个小数点`);
  }

  // Digit grouping: after the first comma every group has three digits (1,20,000 and 3,500,00 are wrong).
  for (const m of half.matchAll(/(?<![0-9.,A-Za-z])[0-9]+(?:,[0-9]+)+(?![0-9])/g)) {
    if (text.slice(m.index, m.index + m[0].length).includes('，')) continue; // a full-width comma is a clause comma
    const groups = m[0].split(',');
    const later = groups.slice(1);
    const wellGrouped = later.every((g) => g.length === 3) && groups[0].length <= 3;
    if (wellGrouped || !later.some((g) => g.length === 3)) continue; // 1,2,3 and 2008,2009 are lists
    add(m.index, m.index + m[0].length, `'${m[0]}' is grouped wrongly: thousands separators go every three digits`, `“${text.slice(m.index, m.index + m[0].length)}”千分位分隔错误：应每三位一个逗号`);
  }

  // Full- and half-width digits in one number: ２0２3.
  for (const m of text.matchAll(/[0-9０-９]+(?:[.．,][0-9０-９]+)*/g)) {
    let full = false;
    let halfW = false;
    for (let i = 0; i < m[0].length; i++) {
      const c = m[0].charCodeAt(i);
      if (isFullDigit(c)) full = true;
      else if (isHalfDigit(c)) halfW = true;
    }
    if (full && halfW) {
      add(m.index, m.index + m[0].length, `'${m[0]}' mixes full-width and half-width digits`, `“${m[0]}”全角与半角数字混用`);
    }
  }

  // 百分之 together with a percent sign: 百分之15%.
  for (const m of half.matchAll(/百分之\s*[0-9.〇零一二三四五六七八九十百千万两点]+\s*%/g)) {
    const s = text.slice(m.index, m.index + m[0].length);
    add(m.index, m.index + m[0].length, `'${s}' says "percent" twice (百分之 and %)`, `“${s}”中“百分之”与“%”重复`);
  }

  // Chinese and Arabic digits in one number: 二0二三年, 2〇23, 3千5百万. Only a digit of one kind between digits of the
  // other is taken as one number (and Arabic digits between Chinese ones only as 0s or before 年): in 1小时零10分钟,
  // 53118四川, 69三个 or 周五119一位 the two merely touch.
  for (const m of half.matchAll(/(?<![A-Za-z\-])(?:[一二三四五六七八九〇]0{1,3}[〇零一二三四五六七八九]|[一二三四五六七八九〇][0-9]{1,3}[〇零一二三四五六七八九](?=年)|[0-9](?:[〇零]{1,3}|[一二三四五六七八九])[0-9]|[0-9][十百千][0-9])/g)) {
    let a = m.index;
    let b = m.index + m[0].length;
    while (a > 0 && /[0-9〇零一二三四五六七八九十百千]/.test(half[a - 1])) a--;
    while (b < half.length && /[0-9〇零一二三四五六七八九十百千万亿]/.test(half[b])) b++;
    const s = text.slice(a, b);
    add(a, b, `'${s}' mixes Chinese and Arabic digits in one number`, `“${s}”同一数字中汉字数字与阿拉伯数字混用`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// date-invalid and date-weekday-mismatch

const WEEKDAYS_ZH = '日一二三四五六';
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 1–99 from "12", "十二", "三十一", "二〇二三" (years); undefined otherwise. */
function readNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (/^[0-9]+$/.test(s)) return Number(s);
  if (/^[〇零一二三四五六七八九]{4}$/.test(s)) return Number([...s].map((c) => ZH_DIGITS.indexOf(c) === 1 ? 0 : Math.max(0, ZH_DIGITS.indexOf(c) - 1)).join(''));
  const v = parseNumeral(s);
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

const ZH_MONTH = '十[一二]?|[一二三四五六七八九]';
const ZH_DAY = '三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]';
const CJK_DATE = new RegExp(
  `(?<![0-9〇零一二三四五六七八九十百千万第])(?:([0-9]{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*)?([0-9]{1,2}|${ZH_MONTH})\\s*月(?:\\s*([0-9]{1,2}|${ZH_DAY})\\s*([日号]))?`,
  'g',
);
const NUMERIC_DATE = /(?<![0-9.\-/])((?:19|20)[0-9]{2})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9]|\.[0-9])/g;

function dateChecks(text: string, half: string, analysis: AnalysisResult, map: OffsetMap): RawFinding[] {
  const out: RawFinding[] = [];
  const check = (start: number, end: number, year: number | undefined, month: number, day: number | undefined) => {
    const s = text.slice(start, end);
    if (month < 1 || month > 12) {
      out.push({ rule: 'date-invalid', start, end, message: `'${s}': there is no month ${month}`, messageZh: `“${s}”：不存在${month}月` });
      return false;
    }
    if (day === undefined) return true;
    if (day < 1 || day > daysInMonth(year, month)) {
      const why = day >= 1 && day <= 31 && month === 2 && day === 29 ? ` (${year} is not a leap year)` : '';
      const whyZh = why ? `（${year}年不是闰年）` : '';
      out.push({
        rule: 'date-invalid', start, end,
        message: `'${s}': month ${month} has no day ${day}${why}`,
        messageZh: `“${s}”：${month}月没有${day}日${whyZh}`,
      });
      return false;
    }
    return true;
  };

  for (const m of half.matchAll(CJK_DATE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isLunar(half, start)) continue;
    const year = readNumber(m[1]);
    const month = readNumber(m[2]);
    const day = readNumber(m[3]);
    if (month === undefined) continue;
    if (m[3] === undefined && m[1] === undefined) continue; // 13月 on its own may be a count
    if (m[4] === '号' && day !== undefined && day > 31) continue; // 3月40号 is a document number
    if (!check(start, end, year, month, day) || day === undefined) continue;
    weekday(start, end, year, month, day);
  }
  for (const m of half.matchAll(NUMERIC_DATE)) {
    const start = m.index;
    const end = start + m[0].length;
    const year = Number(m[1]);
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (!check(start, end, year, month, day)) continue;
    weekday(start, end, year, month, day);
  }
  return out;

  function weekday(start: number, end: number, year: number | undefined, month: number, day: number) {
    const w = /^\s*[(（]?\s*(?:星期|周|礼拜|禮拜)([一二三四五六日天])\s*[)）]?/.exec(half.slice(end, end + 12));
    if (!w) return;
    let fromAnalysis = false;
    if (year === undefined) {
      // only a document date given for the file (setting, header, file name) is trusted to supply the year
      if (analysis.dct.source === 'text' || analysis.dct.source === 'none') return;
      year = resolvedYear(analysis.spans, map.toCodePoint(start), map.toCodePoint(end), month, day);
      fromAnalysis = true;
      if (year === undefined) return;
    }
    const actual = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    const written = w[1] === '天' ? 0 : WEEKDAYS_ZH.indexOf(w[1]);
    if (actual === written) return;
    const wStart = end + w[0].search(/星期|周|礼拜|禮拜/);
    const wEnd = wStart + (w[0].includes('星期') || w[0].includes('礼拜') || w[0].includes('禮拜') ? 3 : 2);
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const note = fromAnalysis ? ` (year ${year} from the document date)` : '';
    const noteZh = fromAnalysis ? `（年份${year}取自文档日期）` : '';
    out.push({
      rule: 'date-weekday-mismatch',
      start,
      end: end + w[0].length,
      message: `${iso} is a ${WEEKDAYS_EN[actual]}, not a ${WEEKDAYS_EN[written]}${note}`,
      messageZh: `${iso}是星期${WEEKDAYS_ZH[actual]}，不是星期${WEEKDAYS_ZH[written]}${noteZh}`,
      related: [{ start: wStart, end: wEnd, message: `written weekday: ${WEEKDAYS_EN[written]}`, messageZh: `文中所写：星期${WEEKDAYS_ZH[written]}` }],
    });
  }
}

function isLunar(half: string, start: number): boolean {
  return /(农历|阴历|夏历|旧历|農曆|陰曆)[^。，；\n]{0,6}$/.test(half.slice(Math.max(0, start - 10), start));
}

/** The year the date recogniser resolved for a month-day date without a written year (from the document date). */
function resolvedYear(spans: readonly Span[], start: number, end: number, month: number, day: number): number | undefined {
  const md = `-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  for (const s of spans) {
    if (s.label !== 'DATE' || s.end <= start || s.start >= end || !s.timex) continue;
    const m = /^(\d{4})(-\d{2}-\d{2})/.exec(s.timex);
    if (m && m[2] === md) return Number(m[1]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// range-reversed

const MULTIPLIER: Record<string, number> = { '': 1, 百: 1e2, 千: 1e3, 万: 1e4, 亿: 1e8 };
const RANGE = /(?<![0-9.\-/负])([0-9]+(?:\.[0-9]+)?)\s*([万亿千百]?)\s*(%?)\s*(—|–|-|~|至|到)\s*([0-9]+(?:\.[0-9]+)?)\s*([万亿千百]?)\s*(%|个百分点|美元|元|人|个|倍|天|年|岁|吨|公里|米|家|项|次)?/g;

function reversedRanges(half: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of half.matchAll(RANGE)) {
    const [, n1, m1, p1, connector, n2, m2, unit] = m;
    if (!unit && !m2) continue; // a bare 3-1 is a score or a serial number
    if (/[0-9]/.test(half[m.index + m[0].length] ?? '')) continue; // 1米70到1米80: a compound measure, not n1–n2
    if (unit === '年' && (half[m.index + m[0].length] === '前' || m2)) continue; // 70-20万年(前): ages count back in time
    if (p1 && unit !== '%') continue;
    const before = half.slice(Math.max(0, m.index - 4), m.index);
    if (/[从由自]|(?:^|[^0-9])-$/.test(before)) continue; // 从30%降至20%: a change, not a range
    if ((connector === '-' || connector === '—' || connector === '–') && /[0-9]/.test(half[m.index - 1] ?? '')) continue;
    const v1 = Number(n1) * MULTIPLIER[m1 || m2];
    let v2 = Number(n2) * MULTIPLIER[m2];
    if (unit === '年' && n1.length === 4 && n2.length <= 2) v2 = Math.floor(Number(n1) / 100) * 100 + Number(n2); // 1998—99年
    if (!(v1 > v2)) continue;
    const end = m.index + m[0].length;
    const s = half.slice(m.index, end);
    out.push({
      rule: 'range-reversed',
      start: m.index,
      end,
      message: `The range '${s}' runs from the larger value to the smaller; write the smaller value first`,
      messageZh: `范围“${s}”起止写反：应先写较小的数`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// entity-*-variant

/** Traditional → simplified for characters common in names of people, places and companies (one-to-one only). */
const TRAD =
  '國国華华張张陳陈劉刘黃黄趙赵吳吴楊杨東东廣广門门臺台灣湾區区縣县鄉乡鎮镇島岛灣湾嶺岭興兴龍龙鳳凤愛爱麗丽' +
  '偉伟強强軍军輝辉亞亚暉晖靜静會会廠厂銀银鐵铁電电氣气貿贸業业集集團团際际學学醫医藥药農农衛卫環环產产' +
  '開开發发濟济經经營营場场蘇苏滬沪漢汉廈厦門门遼辽寧宁雲云貴贵陝陕魯鲁閩闽贛赣瀋沈葉叶鄭郑謝谢羅罗馮冯' +
  '鄧邓許许蕭萧韓韩薛薛盧卢蔣蒋錢钱孫孙馬马傅傅儀仪紅红軒轩鵬鹏飛飞築筑報报聯联訊讯網网視视數数據据譯译' +
  '證证險险術术設设計计總总蘭兰鳴鸣慶庆齊齐賀贺燕燕劍剑濤涛寶宝潔洁玲玲維维聰聪穎颖嬌娇蓮莲錦锦鋼钢礦矿';

const TRAD_MAP = new Map<string, string>();
/** TRAD_MAP by UTF-16 code: the simplified character's code, or 0. */
const TRAD_CODES = new Uint16Array(0x10000);
for (let i = 0; i + 1 < TRAD.length; i += 2) {
  if (TRAD[i] === TRAD[i + 1]) continue;
  TRAD_MAP.set(TRAD[i], TRAD[i + 1]);
  TRAD_CODES[TRAD.charCodeAt(i)] = TRAD.charCodeAt(i + 1);
}
const isSpaceCode = (c: number) => c === 0x20 || c === 0x3000 || c === 0xa0 || c === 0x09;

type VariantKind = 'entity-bracket-variant' | 'entity-width-variant' | 'entity-script-variant' | 'entity-space-variant';

const isSpace = (ch: string) => ch === ' ' || ch === '\u3000' || ch === '\u00a0' || ch === '\t';
const isCjk = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xf900 && c <= 0xfaff);

function normaliseChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return TRAD_MAP.get(ch) ?? ch;
}

/** The text normalised one unit for one, without spaces between CJK characters; `at[i]` is unit i's original offset. */
function normaliseText(text: string): { norm: string; at: Int32Array } {
  const codes = new Uint16Array(text.length);
  const at = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      let j = i;
      while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
      if (j - i <= 3 && i > 0 && j < text.length && isCjk(text.charCodeAt(i - 1)) && isCjk(text.charCodeAt(j))) {
        i = j - 1;
        continue;
      }
    }
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (TRAD_CODES[c]) c = TRAD_CODES[c];
    at[n] = i;
    codes[n++] = c;
  }
  let norm = '';
  for (let k = 0; k < n; k += 8192) norm += String.fromCharCode(...codes.subarray(k, Math.min(n, k + 8192)));
  return { norm, at };
}

function normaliseName(name: string): string {
  let out = '';
  for (const ch of name) if (!isSpace(ch)) out += [...ch].map(normaliseChar).join('');
  return out;
}

/** Why two spellings of one name differ, the most specific reason first. */
function variantKind(a: string, b: string): VariantKind | undefined {
  const strip = (s: string) => [...s].filter((ch) => !isSpace(ch));
  const x = strip(a);
  const y = strip(b);
  let width = false;
  let script = false;
  let bracket = false;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if ('()（）'.includes(x[i]) && '()（）'.includes(y[i])) bracket = true;
    else if (normaliseChar(x[i]) === normaliseChar(y[i]) && (x[i].charCodeAt(0) >= 0xff01 || y[i].charCodeAt(0) >= 0xff01) && (x[i].charCodeAt(0) < 0x80 || y[i].charCodeAt(0) < 0x80)) width = true;
    else script = true;
  }
  if (bracket) return 'entity-bracket-variant';
  if (width) return 'entity-width-variant';
  if (script) return 'entity-script-variant';
  if (a !== b) return 'entity-space-variant';
  return undefined;
}

const BYLINE_WORDS = /记者|通讯员|编辑|作者|摄影|实习生|撰文|撰稿|記者|通訊員|編輯|(?:^|[\s(（])[文图]\s*[/／:：]/;

/** True when the occurrence is in a typeset byline: a short bracketed or line segment naming a reporter or editor. */
function inByline(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && start - a < 30 && !'\n（(【'.includes(text[a - 1])) a--;
  let b = end;
  while (b < text.length && b - end < 30 && !'\n）)】'.includes(text[b])) b++;
  const segment = text.slice(a, b);
  return segment.length <= 40 && BYLINE_WORDS.test(segment);
}

interface Occurrence {
  start: number;
  end: number;
  surface: string;
}

function entityVariants(text: string, spans: readonly Span[]): RawFinding[] {
  const names = new Set<string>();
  for (const s of spans) {
    if (s.label !== 'PER' && s.label !== 'LOC' && s.label !== 'ORG') continue;
    const key = normaliseName(s.text);
    if ([...key].length >= 2 && /[\u3400-\u9fff\ud800-\udbff]/.test(key)) names.add(key);
  }
  if (names.size === 0) return [];
  const { norm, at } = normaliseText(text);
  // one pass over the text collects where each name's first two units occur; then each name is only compared there
  // (a search per name would be O(names × length): seconds on a 1M-character file)
  const prefix = (str: string, p: number) => str.charCodeAt(p) * 0x10000 + str.charCodeAt(p + 1);
  const byPrefix = new Map<number, number[]>();
  const startsName = new Uint8Array(0x10000);
  for (const key of names) {
    byPrefix.set(prefix(key, 0), []);
    startsName[key.charCodeAt(0)] = 1;
  }
  for (let p = 0; p + 1 < norm.length; p++) if (startsName[norm.charCodeAt(p)]) byPrefix.get(prefix(norm, p))?.push(p);
  const out: RawFinding[] = [];
  for (const key of names) {
    const occurrences: Occurrence[] = [];
    for (const p of byPrefix.get(prefix(key, 0))!) {
      if (!norm.startsWith(key, p)) continue;
      const start = at[p];
      const end = at[p + key.length - 1] + 1;
      const surface = text.slice(start, end);
      if (surface !== key && /\s/.test(surface) && inByline(text, start, end)) continue;
      occurrences.push({ start, end, surface });
    }
    const counts = new Map<string, number>();
    for (const o of occurrences) counts.set(o.surface, (counts.get(o.surface) ?? 0) + 1);
    if (counts.size < 2) continue;
    // the form written most often is the house spelling; on a tie the standard form for simplified-Chinese news
    // (no space, simplified characters, full-width brackets, half-width Latin letters and digits), then the first
    let canonical = occurrences[0].surface;
    for (const [surface, n] of counts) {
      const best = counts.get(canonical)!;
      if (n > best || (n === best && standardness(surface) > standardness(canonical))) canonical = surface;
    }
    const first = occurrences.find((o) => o.surface === canonical)!;
    for (const o of occurrences) {
      if (o.surface === canonical) continue;
      const kind = variantKind(o.surface, canonical);
      if (!kind) continue;
      out.push({
        rule: kind,
        start: o.start,
        end: o.end,
        message: `'${o.surface}' is written '${canonical}' elsewhere in this document (${describeKind(kind)})`,
        messageZh: `“${o.surface}”在本文其他地方写作“${canonical}”（${describeKindZh(kind)}）`,
        related: [{ start: first.start, end: first.end, message: `written '${canonical}' here`, messageZh: `此处写作“${canonical}”` }],
      });
    }
  }
  return out;
}

/** How closely a spelling follows the conventions of simplified-Chinese news (higher is more standard). */
function standardness(surface: string): number {
  let score = 0;
  if (![...surface].some(isSpace)) score++;
  if (![...surface].some((ch) => TRAD_MAP.has(ch))) score++;
  if (!/[()]/.test(surface)) score++;
  if (!/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(surface)) score++;
  return score;
}

function describeKind(kind: VariantKind): string {
  return { 'entity-bracket-variant': 'full-/half-width brackets', 'entity-width-variant': 'full-/half-width characters', 'entity-script-variant': 'traditional/simplified characters', 'entity-space-variant': 'a space inside the name' }[kind];
}
function describeKindZh(kind: VariantKind): string {
  return { 'entity-bracket-variant': '括号全角/半角不一致', 'entity-width-variant': '全角/半角不一致', 'entity-script-variant': '繁体/简体不一致', 'entity-space-variant': '名称中有空格' }[kind];
}

// ---------------------------------------------------------------------------------------------------------------
// date-format-mixed

type DateFormat = 'cjk' | 'iso' | 'slash' | 'dot';
const FORMAT_NAMES: Record<DateFormat, [string, string]> = {
  cjk: ['YYYY年M月D日', 'YYYY年M月D日'],
  iso: ['YYYY-MM-DD', 'YYYY-MM-DD'],
  slash: ['YYYY/M/D', 'YYYY/M/D'],
  dot: ['YYYY.M.D', 'YYYY.M.D'],
};

/** Lines at the top that are metadata (`日期：2023-06-18`), as the document-date header reader accepts them. */
function headerEnd(half: string): number {
  let pos = 0;
  let end = 0;
  for (let line = 0; line < 5 && pos < half.length; line++) {
    let nl = half.indexOf('\n', pos);
    if (nl < 0) nl = half.length;
    if (/^\s*[#%/;*-]*\s*[A-Za-z\u4e00-\u9fff ]{2,20}?\s*:/.test(half.slice(pos, nl))) end = nl;
    pos = nl + 1;
  }
  return end;
}

function mixedDateFormats(half: string): RawFinding[] {
  const skip = headerEnd(half);
  const found: { start: number; end: number; format: DateFormat }[] = [];
  for (const m of half.matchAll(/(?<![0-9])(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*[日号]/g)) found.push({ start: m.index, end: m.index + m[0].length, format: 'cjk' });
  for (const m of half.matchAll(NUMERIC_DATE)) {
    const format: DateFormat = m[2] === '-' ? 'iso' : m[2] === '/' ? 'slash' : 'dot';
    found.push({ start: m.index, end: m.index + m[0].length, format });
  }
  const body = found.filter((f) => f.start >= skip).sort((a, b) => a.start - b.start);
  const counts = new Map<DateFormat, number>();
  for (const f of body) counts.set(f.format, (counts.get(f.format) ?? 0) + 1);
  if (counts.size < 2) return [];
  let main = body[0].format;
  for (const [format, n] of counts) if (n > counts.get(main)!) main = format;
  const first = body.find((f) => f.format === main)!;
  return body
    .filter((f) => f.format !== main)
    .map((f) => ({
      rule: 'date-format-mixed' as const,
      start: f.start,
      end: f.end,
      message: `Date written as ${FORMAT_NAMES[f.format][0]}; this document mostly writes ${FORMAT_NAMES[main][0]}`,
      messageZh: `日期写作 ${FORMAT_NAMES[f.format][1]}；本文多写作 ${FORMAT_NAMES[main][1]}`,
      related: [{ start: first.start, end: first.end, message: `written as ${FORMAT_NAMES[main][0]} here`, messageZh: `此处写作 ${FORMAT_NAMES[main][1]}` }],
    }));
}
