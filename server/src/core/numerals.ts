// Numerals as written in Chinese news: Arabic (half- and full-width, with thousands separators and decimals),
// Chinese (一百二十三点五, 两千三百万, 二〇二三, financial 壹贰叁), and mixtures (3.5亿, 1200万).

const DIGITS: Record<string, number> = {
  '零': 0, '〇': 0, '○': 0, 'Ｏ': 0, '０': 0,
  '一': 1, '壹': 1, '幺': 1,
  '二': 2, '贰': 2, '貳': 2, '两': 2, '兩': 2,
  '三': 3, '叁': 3, '參': 3,
  '四': 4, '肆': 4,
  '五': 5, '伍': 5,
  '六': 6, '陆': 6, '陸': 6,
  '七': 7, '柒': 7,
  '八': 8, '捌': 8,
  '九': 9, '玖': 9,
};

/** Units below 万 (multiply the digit before them). */
const SMALL_UNITS: Record<string, number> = {
  '十': 10, '拾': 10, '什': 10,
  '百': 100, '佰': 100,
  '千': 1000, '仟': 1000,
};

/** Section units (multiply everything before them in their section). */
const BIG_UNITS: Record<string, number> = {
  '万': 1e4, '萬': 1e4,
  '亿': 1e8, '億': 1e8,
  '兆': 1e12,
};

/** Characters that can be part of a numeral (Arabic, full-width, Chinese digits, units, point). */
export function isNumeralChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return true;
  return ch in DIGITS || ch in SMALL_UNITS || ch in BIG_UNITS || ch === '点' || ch === '點';
}

export function isArabicDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

export function isChineseDigit(ch: string): boolean {
  return ch in DIGITS;
}

export function chineseUnitValue(ch: string): number | undefined {
  return SMALL_UNITS[ch] ?? BIG_UNITS[ch];
}

/** Folds full-width digits, the full-width point and full-width comma to ASCII. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 0x30);
    else if (ch === '．') out += '.';
    else if (ch === '，') out += ',';
    else out += ch;
  }
  return out;
}

/**
 * Parses a whole numeral string, or returns undefined when it is not one.
 * Accepts "1,200", "3.5", "１２", "3.5亿", "1200万", "两千三百万", "一百二十三点五", "二〇二三", "十五", "1.2万亿".
 */
export function parseNumeral(input: string): number | undefined {
  const s = toHalfWidth(input).replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
  if (s.length === 0) return undefined;
  // Leading Arabic part (possibly followed by Chinese multipliers: 3.5亿, 1.2万亿).
  const m = /^(\d+(?:\.\d+)?)(.*)$/.exec(s);
  if (m) {
    let value = Number(m[1]);
    const rest = m[2];
    if (rest === '') return value;
    let product = 1;
    for (const ch of rest) {
      const u = BIG_UNITS[ch] ?? SMALL_UNITS[ch];
      if (u === undefined) return undefined;
      product *= u;
    }
    return roundFloat(value * product);
  }
  return parseChinese(s);
}

function parseChinese(s: string): number | undefined {
  const pointAt = s.search(/[点點]/);
  if (pointAt >= 0) {
    const intPart = pointAt === 0 ? 0 : parseChinese(s.slice(0, pointAt));
    const frac = s.slice(pointAt + 1);
    if (intPart === undefined || frac.length === 0) return undefined;
    let digits = '';
    for (const ch of frac) {
      const d = DIGITS[ch] ?? (isArabicDigit(ch) ? Number(toHalfWidth(ch)) : undefined);
      if (d === undefined) return undefined;
      digits += String(d);
    }
    return roundFloat(intPart + Number('0.' + digits));
  }
  // A plain digit sequence with no units: 二〇二三 → 2023 (years, codes).
  let allDigits = true;
  for (const ch of s) if (!(ch in DIGITS) || ch === '两') allDigits = false;
  if (allDigits && s.length > 1) {
    let v = 0;
    for (const ch of s) v = v * 10 + DIGITS[ch];
    return v;
  }
  let total = 0; // completed sections (亿, 万)
  let lastBig = 0; // the big unit applied last to total
  let section = 0; // current section below 万
  let digit: number | undefined;
  let lastUnit = 0;
  let zeroSinceUnit = false;
  let sawAny = false;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (DIGITS[ch] === 0) zeroSinceUnit = true;
      digit = DIGITS[ch];
      sawAny = true;
    } else if (ch in SMALL_UNITS) {
      const u = SMALL_UNITS[ch];
      section += (digit ?? 1) * u; // 十五 → 15
      digit = undefined;
      lastUnit = u;
      zeroSinceUnit = false;
      sawAny = true;
    } else if (ch in BIG_UNITS) {
      if (!sawAny) return undefined;
      const u = BIG_UNITS[ch];
      const sectionValue = section + (digit ?? 0);
      if (total === 0 || u > lastBig) total = (total + sectionValue) * u; // 三万亿, 一亿
      else total += sectionValue * u; // 一亿五千万
      lastBig = u;
      section = 0;
      digit = undefined;
      lastUnit = u;
      zeroSinceUnit = false;
    } else {
      return undefined;
    }
  }
  if (!sawAny) return undefined;
  if (digit !== undefined) {
    // 两万五 → 25000, 一千二 → 1200, 三百五 → 350: a trailing digit right after a unit is one order below it;
    // after a 零 (一百零五) it is units.
    if (!zeroSinceUnit && lastUnit >= 100) section += digit * (lastUnit / 10);
    else section += digit;
  }
  return roundFloat(total + section);
}

/** Removes binary floating-point noise from products such as 3.3 × 1e8. */
export function roundFloat(v: number): number {
  return Number(v.toPrecision(15));
}
