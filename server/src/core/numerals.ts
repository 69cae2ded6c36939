// Numerals as written in Chinese news: Arabic (half- and full-width, with thousands separators, decimals, exponents),
// Chinese (一百二十三点五, 两千三百万, 二〇二三, financial 壹贰叁), mixtures (3.5亿, 1200万, 5万4千6百), approximate
// placeholders (十余万, 一千多万, 二十几万) and adjacent-digit ranges (三四十, 五六).
//
// `scanNumeral` reads one numeral at a position (the longest valid one); `findNumbers` finds the bare numbers in a
// text, including fractions (三分之一, 3/5) and dozens (一打). Both work on UTF-16 offsets and look at each character
// a bounded number of times.

const DIGITS: Record<string, number> = {
  '零': 0, '〇': 0, '○': 0, 'Ｏ': 0,
  '一': 1, '壹': 1, '幺': 1,
  '二': 2, '贰': 2, '貳': 2, '两': 2, '兩': 2, '倆': 2,
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
  '十': 10, '拾': 10,
  '百': 100, '佰': 100,
  '千': 1000, '仟': 1000,
};

/** Section units (multiply everything before them in their section). */
const BIG_UNITS: Record<string, number> = {
  '万': 1e4, '萬': 1e4,
  '亿': 1e8, '億': 1e8,
  '兆': 1e12,
};

/** Digits that are also ordinary word characters (陆地, 队伍, 收拾, 放肆, 零件): never a number on their own. */
const AMBIGUOUS_ALONE = new Set(['陆', '陸', '伍', '拾', '肆', '柒', '捌', '玖', '幺', '零', '〇', '○']);
/** Digits used in positional sequences (二〇二三, 一九九一). */
const PLAIN_SEQUENCE_DIGITS = new Set(['零', '〇', '○', 'Ｏ', '一', '二', '三', '四', '五', '六', '七', '八', '九']);

// Character classes, one lookup per character.
const C_DIGIT = 1; // ASCII or full-width Arabic digit
const C_ZH_DIGIT = 2;
const C_UNIT = 4;
const C_BIG = 8;
const C_POINT = 16;
const C_PLACEHOLDER = 32; // 余 多 几 幾
const CLASS = new Uint8Array(0x10000);
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = C_DIGIT;
for (let c = 0xff10; c <= 0xff19; c++) CLASS[c] = C_DIGIT;
for (const ch of Object.keys(DIGITS)) CLASS[ch.charCodeAt(0)] |= C_ZH_DIGIT;
for (const ch of Object.keys(SMALL_UNITS)) CLASS[ch.charCodeAt(0)] |= C_UNIT;
for (const ch of Object.keys(BIG_UNITS)) CLASS[ch.charCodeAt(0)] |= C_BIG;
for (const ch of ['点', '點']) CLASS[ch.charCodeAt(0)] |= C_POINT;
for (const ch of ['余', '多', '几', '幾']) CLASS[ch.charCodeAt(0)] |= C_PLACEHOLDER;
const C_NUMERAL = C_DIGIT | C_ZH_DIGIT | C_UNIT | C_BIG;

/** Characters that can be part of a numeral (Arabic, full-width, Chinese digits, units, point). */
export function isNumeralChar(ch: string): boolean {
  return (CLASS[ch.charCodeAt(0)] & (C_NUMERAL | C_POINT)) !== 0;
}

export function isArabicDigit(ch: string): boolean {
  return CLASS[ch.charCodeAt(0)] === C_DIGIT;
}

export function isChineseDigit(ch: string): boolean {
  return ch in DIGITS;
}

export function chineseUnitValue(ch: string): number | undefined {
  return SMALL_UNITS[ch] ?? BIG_UNITS[ch];
}

/**
 * The code unit before position `i`, or U+FFFF (a noncharacter: no class, not a digit, letter or mark) at the start
 * of the text. text.charCodeAt(-1) is NaN, and the first NaN (or out-of-bounds read) that reaches a function V8 has
 * optimised deoptimises it; every test of these callers is false for both.
 */
export function codeBefore(text: string, i: number): number {
  return i > 0 ? text.charCodeAt(i - 1) : 0xffff;
}

/** True for a character that can begin a numeral (a digit, a Chinese digit, or a unit such as 十 / 百). */
export function canStartNumeral(code: number): boolean {
  return (CLASS[code] & (C_DIGIT | C_ZH_DIGIT | C_UNIT)) !== 0;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigitCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}
function isFullWidthDigitCode(c: number): boolean {
  return c >= 0xff10 && c <= 0xff19;
}
function digitOf(c: number): number {
  return c >= 0xff10 ? c - 0xff10 : c - 0x30;
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

/** Removes binary floating-point noise from products such as 3.3 × 1e8 (integers are left exact). */
export function roundFloat(v: number): number {
  if (Number.isInteger(v)) return v;
  return Number(v.toPrecision(15));
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'num' | 'dig' | 'unit' | 'big' | 'point' | 'more' | 'few';
interface Token {
  kind: TokenKind;
  value: number;
  start: number;
  end: number;
  /** The character, for Chinese tokens. */
  ch?: string;
}

/** Reads an Arabic number at `j` (digits, separators, decimals, exponent, power, k/M suffix); returns its end. */
function readArabic(text: string, j: number, allowDecimal: boolean): { end: number; value: number } | undefined {
  const n = text.length;
  let s = '';
  let k = j;
  const first = text.charCodeAt(k);
  if (isDigitCode(first)) {
    let groupLen = 0;
    let fw = false;
    while (k < n && isDigitCode(text.charCodeAt(k))) {
      if (isFullWidthDigitCode(text.charCodeAt(k))) fw = true;
      s += digitOf(text.charCodeAt(k));
      k++;
      groupLen++;
    }
    // Thousands separators: ",ddd" (full-width "，" only between full-width digits), first group of 1-3 digits.
    if (groupLen <= 3) {
      for (;;) {
        const sep = text[k];
        if (sep !== ',' && sep !== '，') break;
        if (sep === '，' && !fw) break;
        let ok = k + 3 < n + 1;
        for (let t = 1; ok && t <= 3; t++) {
          const c = text.charCodeAt(k + t);
          if (!isDigitCode(c) || (sep === '，' && !isFullWidthDigitCode(c))) ok = false;
        }
        if (!ok || isDigitCode(text.charCodeAt(k + 4))) break;
        for (let t = 1; t <= 3; t++) s += digitOf(text.charCodeAt(k + t));
        k += 4;
      }
    }
  } else if (!((first === 0x2e || first === 0xff0e) && isDigitCode(text.charCodeAt(k + 1)))) {
    return undefined;
  }
  // Decimal part; a dotted chain (2222.2222.22 — versions, codes) is read as separate integers.
  const p = text.charCodeAt(k);
  // The point may be ".", "．" or, in older mainland typesetting, "·" between digits (13·02美元).
  const isPoint = p === 0x2e || p === 0xff0e || (p === 0xb7 && s !== '');
  if (allowDecimal && isPoint && isDigitCode(text.charCodeAt(k + 1))) {
    let t = k + 1;
    let frac = '';
    while (t < n && isDigitCode(text.charCodeAt(t))) frac += digitOf(text.charCodeAt(t++));
    const after = text.charCodeAt(t);
    if (!((after === 0x2e || after === 0xff0e) && isDigitCode(text.charCodeAt(t + 1)))) {
      s += '.' + frac;
      k = t;
    }
  }
  if (s === '') return undefined;
  let value = Number(s.startsWith('.') ? '0' + s : s);
  // Exponent: 2e5, 12.32e+14, 2.7890e－1.
  const e = text.charCodeAt(k);
  if (e === 0x65 || e === 0x45) {
    let t = k + 1;
    let sign = '';
    const sc = text.charCodeAt(t);
    if (sc === 0x2b || sc === 0x2d || sc === 0xff0d) {
      sign = sc === 0x2b ? '' : '-';
      t++;
    }
    let exp = '';
    while (t < n && isDigitCode(text.charCodeAt(t))) exp += digitOf(text.charCodeAt(t++));
    if (exp !== '' && !isAsciiLetter(text.charCodeAt(t))) {
      value = Number(s + 'e' + sign + exp);
      k = t;
    }
  }
  // Power: 2^5, 1.1^+23, 2.5^-1, 1.1^--23.
  if (text[k] === '^') {
    let t = k + 1;
    let negative = false;
    while (t < n && (text[t] === '+' || text[t] === '-' || text[t] === '－')) {
      if (text[t] !== '+') negative = !negative;
      t++;
    }
    let exp = '';
    while (t < n && isDigitCode(text.charCodeAt(t))) exp += digitOf(text.charCodeAt(t++));
    if (exp !== '') {
      value = Math.pow(value, negative ? -Number(exp) : Number(exp));
      k = t;
    }
  }
  // Letter multipliers: 40k, 15Ｋ, -2.5 M (one space allowed), not when a word follows (5km, 3D).
  {
    const t = text[k] === ' ' ? k + 1 : k;
    const m = text[t];
    if ((m === 'k' || m === 'K' || m === 'Ｋ' || m === 'M') && !isAsciiLetter(text.charCodeAt(t + 1))) {
      value *= m === 'M' ? 1e6 : 1e3;
      k = t + 1;
    }
  }
  return { end: k, value: roundFloat(value) }; // may be Infinity beyond double range: callers drop it whole

}

/** Reads the numeral tokens starting at `i`, allowing ASCII spaces between tokens. */
function tokenize(text: string, i: number, limit: number): Token[] {
  const toks: Token[] = [];
  let j = i;
  const prevCode = codeBefore(text, i);
  const afterDot = prevCode === 0x2e || prevCode === 0xff0e;
  while (j < limit && toks.length < 64) {
    const c = text.charCodeAt(j);
    const cls = CLASS[c];
    const ch = text[j];
    if (cls & C_DIGIT || ((c === 0x2e || c === 0xff0e) && toks.length === 0 && !afterDot && !isDigitCode(prevCode))) {
      const prev = toks[toks.length - 1];
      if (prev && prev.kind === 'num') break;
      const a = readArabic(text, j, !(afterDot && toks.length === 0));
      if (!a || a.end > limit) break;
      toks.push({ kind: 'num', value: a.value, start: j, end: a.end });
      j = a.end;
    } else if (cls & C_ZH_DIGIT) {
      toks.push({ kind: 'dig', value: DIGITS[ch], start: j, end: j + 1, ch });
      j++;
    } else if (cls & C_UNIT) {
      toks.push({ kind: 'unit', value: SMALL_UNITS[ch], start: j, end: j + 1, ch });
      j++;
    } else if (cls & C_BIG) {
      toks.push({ kind: 'big', value: BIG_UNITS[ch], start: j, end: j + 1, ch });
      j++;
    } else if (cls & C_POINT) {
      toks.push({ kind: 'point', value: 0, start: j, end: j + 1, ch });
      j++;
    } else if (cls & C_PLACEHOLDER && toks.length > 0) {
      toks.push({ kind: ch === '几' || ch === '幾' ? 'few' : 'more', value: 0, start: j, end: j + 1, ch });
      j++;
    } else if (ch === '半' && toks.length === 0 && CLASS[text.charCodeAt(j + 1)] & C_UNIT) {
      toks.push({ kind: 'dig', value: 0.5, start: j, end: j + 1, ch });
      j++;
    } else if (ch === ' ' && toks.length > 0) {
      let t = j;
      while (t < limit && text[t] === ' ') t++;
      const nc = text.charCodeAt(t);
      if (t >= limit || !(CLASS[nc] & (C_NUMERAL | C_POINT | C_PLACEHOLDER))) break;
      j = t;
    } else {
      break;
    }
  }
  return toks;
}

export interface NumeralValue {
  value: number;
  /** Upper bound of an adjacent-digit range (三四十 → 30..40). */
  valueMax?: number;
  /** 余/多 before a multiplier (十余万, 一千多万) → 'more'; 几 (二十几万) → 'approx'. */
  approx?: 'more' | 'approx';
}

function isRangePair(a: Token, b: Token): boolean {
  return a.kind === 'dig' && b.kind === 'dig' && a.value >= 1 && b.value === a.value + 1 && Number.isInteger(a.value);
}

/** Evaluates a token list; undefined when it is not a well-formed numeral. */
function evaluate(toks: Token[], strict: boolean): NumeralValue | undefined {
  const n = toks.length;
  if (n === 0) return undefined;
  const last = toks[n - 1];
  if (last.kind === 'point' || last.kind === 'more' || last.kind === 'few') return undefined;
  // All Chinese digits: positional sequences (二〇二三) or a two-digit range (五六).
  if (n >= 2 && toks.every((t) => t.kind === 'dig')) {
    if (strict) {
      if (n === 2 && isRangePair(toks[0], toks[1])) return { value: toks[0].value, valueMax: toks[1].value };
      if (!toks.every((t) => PLAIN_SEQUENCE_DIGITS.has(t.ch!))) return undefined;
      if (n === 2 && toks[0].value !== 0 && toks[1].value !== 0) return undefined;
    } else if (toks.some((t) => t.ch === '两' || t.ch === '兩' || t.ch === '倆' || t.value === 0.5)) {
      return undefined;
    }
    let v = 0;
    for (const t of toks) v = v * 10 + t.value;
    return { value: v };
  }
  if (strict) {
    // An adjacent pair of consecutive digits before a unit (三四十, 十五六): a range.
    for (let p = 0; p + 1 < n && toks[p + 1].kind !== 'point'; p++) {
      if (toks[p].kind === 'point') break;
      if (isRangePair(toks[p], toks[p + 1])) {
        const next = toks[p + 2];
        if (next && next.kind !== 'unit' && next.kind !== 'big') return undefined;
        const lo = evaluatePlain([...toks.slice(0, p + 1), ...toks.slice(p + 2)]);
        const hi = evaluatePlain([...toks.slice(0, p), ...toks.slice(p + 1)]);
        if (!lo || !hi) return undefined;
        return { value: lo.value, valueMax: hi.value, approx: lo.approx };
      }
    }
  }
  return evaluatePlain(toks);
}

function evaluatePlain(toks: Token[]): NumeralValue | undefined {
  const n = toks.length;
  let total = 0;
  let lastBig = 0;
  let section = 0;
  let sectionSmall = Infinity; // smallest small unit used in this section (they must decrease)
  let digit: number | undefined;
  let digitSingleZh = false;
  let lastUnit = 0;
  let zeroSinceUnit = false;
  let any = false;
  let prev: TokenKind | 'start' | 'zero' = 'start';
  let approx: 'more' | 'approx' | undefined;
  let i = 0;
  for (; i < n; i++) {
    const t = toks[i];
    if (t.kind === 'point') break;
    if (t.kind === 'dig' && t.value === 0) {
      // 零: marks a gap (一千零五); several in a row are allowed (一万零零五 is rare but harmless).
      if (prev === 'num') return undefined;
      if (prev === 'dig' && digit !== undefined) return undefined; // 五零 inside a unit numeral
      zeroSinceUnit = true;
      any = true;
      prev = 'zero';
      continue;
    }
    switch (t.kind) {
      case 'num':
      case 'dig':
        if (prev === 'num' || prev === 'dig' || prev === 'few') return undefined;
        if (t.value === 0.5 && i !== 0) return undefined;
        digit = t.value;
        digitSingleZh = t.kind === 'dig';
        any = true;
        break;
      case 'few':
        if (toks[i + 1]?.kind !== 'big' || digit !== undefined) return undefined;
        digit = 0;
        digitSingleZh = false;
        approx = approx ?? 'approx';
        break;
      case 'more':
        if (toks[i + 1]?.kind !== 'big' || prev === 'start') return undefined;
        approx = 'more';
        continue; // keeps `prev`
      case 'unit': {
        const u = t.value;
        if (prev === 'unit') return undefined; // 五十千
        if (u >= sectionSmall) return undefined; // 一十百
        if (digit === undefined && !(prev === 'start' || prev === 'zero')) return undefined; // 一万千
        if (digit !== undefined && digit >= 10 && !Number.isInteger(digit)) return undefined;
        section += (digit ?? 1) * u;
        sectionSmall = u;
        digit = undefined;
        lastUnit = u;
        zeroSinceUnit = false;
        any = true;
        break;
      }
      case 'big': {
        const u = t.value;
        // 万亿 with no digit before it (突破万亿元): a trillion, as 千亿 is a hundred billion
        if (!any && i === 0 && u === 1e4 && toks[1]?.kind === 'big' && toks[1].value === 1e8) {
          digit = 1;
          any = true;
        }
        if (!any) return undefined;
        const sv = section + (digit ?? 0);
        if (prev === 'big') {
          if (u < lastBig) return undefined;
          total *= u; // 万万, 万亿
        } else if (total === 0 || u > lastBig) {
          total = (total + sv) * u; // 三万亿, 一万五千亿
        } else if (u < lastBig) {
          total += sv * u; // 一亿五千万
        } else {
          return undefined; // 一万二万
        }
        lastBig = u;
        section = 0;
        sectionSmall = Infinity;
        digit = undefined;
        lastUnit = u;
        zeroSinceUnit = false;
        break;
      }
    }
    prev = t.kind;
  }
  if (!any) return undefined;
  if (digit !== undefined) {
    // 两万五 → 25000, 一千二 → 1200, 三百五 → 350: one Chinese digit right after a unit is one order below it;
    // after 零 (一百零五) or an Arabic number (3万4000) it is units.
    if (digitSingleZh && !zeroSinceUnit && lastUnit >= 100 && prev === 'dig') section += digit * (lastUnit / 10);
    else section += digit;
  }
  let value = total + section;
  if (i < n) {
    // Fraction digits after 点 (no 两: 一点两小时 is 一 … 两), then optional multipliers (三点五亿).
    let frac = '';
    let k = i + 1;
    for (; k < n && toks[k].kind === 'dig'; k++) {
      const t = toks[k];
      if (t.ch === '两' || t.ch === '兩' || t.ch === '倆' || t.value === 0.5) return undefined;
      frac += String(t.value);
    }
    if (frac === '') return undefined;
    value += Number('0.' + frac);
    for (; k < n; k++) {
      if (toks[k].kind !== 'big' || total !== 0) return undefined;
      value *= toks[k].value;
    }
  }
  return { value: roundFloat(value), approx };
}

/**
 * Parses a whole numeral string, or returns undefined when it is not one.
 * Accepts "1,200", "3.5", "１２", "3.5亿", "1200万", "两千三百万", "一百二十三点五", "二〇二三", "十五", "1.2万亿".
 */
export function parseNumeral(input: string): number | undefined {
  const s = input.trim();
  if (s.length === 0) return undefined;
  let sign = 1;
  let i = 0;
  if (s[0] === '负' || s[0] === '負' || s[0] === '-' || s[0] === '－') {
    sign = -1;
    i = 1;
  }
  const toks = tokenize(s, i, s.length);
  if (toks.length === 0 || toks[toks.length - 1].end !== s.length) return undefined;
  const v = evaluate(toks, false);
  return v === undefined ? undefined : sign * v.value;
}

export interface NumeralMatch extends NumeralValue {
  /** UTF-16 offsets; `start` includes a sign (负, -). */
  start: number;
  end: number;
  /** True when the numeral is written without any digit (百, 千万): a bare multiplier. */
  bare: boolean;
  /** Number of tokens (1 for 五, 2 for 五十). */
  tokens: number;
  /** The last token's kind and character (千 in 12千, for units such as 千米). */
  lastKind: TokenKind;
  lastChar?: string;
  /** End of the token before the last one (to re-read 12千米 as 12 + 千米). */
  endBeforeLast: number;
}

/**
 * Reads the longest well-formed numeral starting at `i` (a sign, then digits), ending at or before `limit`.
 * `context` says the numeral follows a numeric marker (百分之, 分之), where a lone 肆 or 百 is still a number.
 */
export function scanNumeral(text: string, i: number, limit = text.length, context = false): NumeralMatch | undefined {
  let sign = 1;
  let j = i;
  const c0 = text[i];
  if (c0 === '负' || c0 === '負') {
    sign = -1;
    j = i + 1;
  } else if (c0 === '-' || c0 === '－') {
    const prev = codeBefore(text, i);
    if (isDigitCode(prev) || isAsciiLetter(prev) || prev === 0x2d || prev === 0xff0d) return undefined; // - or －
    sign = -1;
    j = i + 1;
  }
  if (sign === -1) {
    const nc = text.charCodeAt(j);
    if (!(CLASS[nc] & (C_DIGIT | C_ZH_DIGIT | C_UNIT)) && !((nc === 0x2e || nc === 0xff0e) && isDigitCode(text.charCodeAt(j + 1)))) return undefined;
  }
  const toks = tokenize(text, j, limit);
  for (let k = toks.length; k >= 1; k--) {
    const part = k === toks.length ? toks : toks.slice(0, k);
    const v = evaluate(part, true);
    if (!v) continue;
    if (k === 1 && !context) {
      const t = part[0];
      if (t.ch && AMBIGUOUS_ALONE.has(t.ch)) return undefined; // 陆地, 队伍, 收拾
      if (t.kind === 'unit' && t.value >= 100) return undefined; // 百姓, 千里
    }
    const bare = part.every((t) => t.kind === 'unit' || t.kind === 'big');
    const lastTok = part[k - 1];
    return {
      start: i,
      end: lastTok.end,
      value: sign * v.value,
      valueMax: v.valueMax === undefined ? undefined : sign * v.valueMax,
      approx: v.approx,
      bare,
      tokens: k,
      lastKind: lastTok.kind,
      lastChar: lastTok.ch,
      endBeforeLast: k >= 2 ? part[k - 2].end : i,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Words that contain numeral characters but are not numbers.

const NOT_NUMBERS = [
  '一切', '一看', '一些', '一起', '一直', '一旦', '一般', '一样', '一模一样', '一定', '一致', '一同', '一向', '一律',
  '一再', '一边', '一面', '一方面', '一带一路', '一味', '一贯', '一体', '一心', '一举', '一番', '一下', '一齐', '一并',
  '一概', '一经', '一连', '一时', '一阵', '一流', '一线', '一手', '一度', '一行', '一道', '一生', '一家人', '一体化',
  '统一', '万一', '唯一', '逐一', '单一', '同一', '专一', '划一', '如一', '之一', '一一',
  '十分', '万分', '百般', '万万', '千万别', '千万不', '千万要', '千万记', '十足', '四川', '两两', '三三两两',
  '一成不变', '一波三折', '七折八扣', '三五成群', '三位一体', '千家万户', '百家争鸣', '三番五次', '三番两次',
  '五花八门', '七上八下', '乱七八糟', '一五一十', '接二连三', '数一数二', '独一无二', '一干二净', '三令五申',
  '第一时间', '危机四伏', '说三道四', '一国两制', '两岸三地', '千方百计', '百里挑一', '十全十美', '万无一失', '九牛一毛', '一石二鸟',
  '一举两得', '三心二意', '四面八方', '五湖四海', '千篇一律', '一本正经', '千军万马', '千辛万苦', '百花齐放',
  '一刀切', '一把手', '二把手', '一揽子', '一系列', '一部分', '一大批', '一定程度',
  '八面来风', '八面玲珑', '第三方', '第一夫人', '第一书记', '第一责任人', '十一五', '十二五', '十三五', '十四五', '十五五',
];

/** For each character, the words containing it and where. */
const NOT_NUMBER_INDEX = new Map<string, { word: string; at: number }[]>();
for (const word of NOT_NUMBERS) {
  for (let at = 0; at < word.length; at++) {
    if (!isNumeralChar(word[at])) continue;
    const list = NOT_NUMBER_INDEX.get(word[at]) ?? [];
    list.push({ word, at });
    NOT_NUMBER_INDEX.set(word[at], list);
  }
}

/**
 * If the numeral character at `i` belongs to a word that is not a number (一切, 统一, 十分, 四川), the end of that
 * word; otherwise -1.
 */
export function notNumberWordEnd(text: string, i: number): number {
  const list = NOT_NUMBER_INDEX.get(text[i]);
  if (!list) return -1;
  let end = -1;
  for (const { word, at } of list) {
    const s = i - at;
    if (s >= 0 && text.startsWith(word, s) && s + word.length > end) end = s + word.length;
  }
  return end;
}

/** True when position `i` continues an ASCII token (URL, code, model name: A2021, %28, B12, x=3). */
export function insideAsciiToken(text: string, i: number): boolean {
  const p = codeBefore(text, i);
  if (p === 0x2f || p === 0xff0f) return !isDigitCode(text.charCodeAt(i - 2)); // /path/12 but not 2023/06
  return isAsciiLetter(p) || p === 0x25 || p === 0x3d || p === 0x5f || p === 0x26 || p === 0x23 || p === 0x3f;
}

/** Skips spaces, then matches `word` allowing spaces between its characters; returns the end or -1. */
export function matchSpaced(text: string, i: number, word: string): number {
  let j = i;
  while (text[j] === ' ') j++;
  for (let k = 0; k < word.length; k++) {
    if (k > 0) while (text[j] === ' ') j++;
    if (text[j] !== word[k]) return -1;
    j++;
  }
  return j;
}

const FRACTION_MARK = ['分之'];

export interface FoundNumber {
  start: number;
  end: number;
  value: number;
  valueMax?: number;
}

/** Reads "A 分之 B" after a numeral A ending at `end`: B / A. */
function readChineseFraction(text: string, denominator: NumeralMatch): { end: number; value: number } | undefined {
  for (const mark of FRACTION_MARK) {
    const afterMark = matchSpaced(text, denominator.end, mark);
    if (afterMark < 0) continue;
    let j = afterMark;
    while (text[j] === ' ') j++;
    const num = scanNumeral(text, j, text.length, true);
    if (!num || denominator.value === 0) return undefined;
    return { end: num.end, value: num.value / denominator.value };
  }
  return undefined;
}

/** Reads "A/B" (not a date such as 2023/06/18) after a numeral A. */
function readSlashFraction(text: string, numerator: NumeralMatch): { end: number; value: number } | undefined {
  const s = text[numerator.end];
  if ((s !== '/' && s !== '／') || numerator.tokens !== 1 || numerator.lastKind !== 'num') return undefined;
  const before = text[numerator.start - 1];
  if (before === '/' || before === '／') return undefined;
  const den = scanNumeral(text, numerator.end + 1);
  if (!den || den.lastKind !== 'num' || den.tokens !== 1 || den.value === 0) return undefined;
  const after = text[den.end];
  if (after === '/' || after === '／') return undefined;
  return { end: den.end, value: numerator.value / den.value };
}

/**
 * Finds the bare numbers in a text: integers, decimals, Chinese and mixed numerals, fractions (三分之一, 3/5,
 * 一又二分之一, 1 3/5), exponents (2e5, 2^5) and dozens (一打). Offsets are UTF-16, end exclusive. Numbers inside
 * ASCII tokens (URLs, codes such as A2021) and words such as 一切, 统一, 十分, 四川 are skipped; 百分之 / 千分之
 * are markers, not numbers (the number after them is found).
 */
export function findNumbers(text: string): FoundNumber[] {
  const out: FoundNumber[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c];
    const signed =
      ((c === 0x2d || c === 0xff0d || c === 0x8d1f || c === 0x8ca0) && i + 1 < n) ||
      ((c === 0x2e || c === 0xff0e) && isDigitCode(text.charCodeAt(i + 1))) ||
      (c === 0x534a && (CLASS[text.charCodeAt(i + 1)] & C_UNIT) !== 0); // 半百
    if (!(cls & (C_DIGIT | C_ZH_DIGIT | C_UNIT)) && !signed) {
      i++;
      continue;
    }
    if (cls & C_DIGIT && insideAsciiToken(text, i)) {
      while (i < n && (isDigitCode(text.charCodeAt(i)) || isAsciiLetter(text.charCodeAt(i)))) i++;
      continue;
    }
    const wordEnd = notNumberWordEnd(text, i);
    if (wordEnd > i) {
      i = wordEnd;
      continue;
    }
    const m = scanNumeral(text, i);
    if (!m) {
      i++;
      continue;
    }
    // 百分之 / 千分之 / 万分之 with nothing before: a percent marker, not a number.
    if (m.bare && matchSpaced(text, m.end, '分之') >= 0) {
      i = matchSpaced(text, m.end, '分之');
      continue;
    }
    let end = m.end;
    let value = m.value;
    const frac = readChineseFraction(text, m) ?? readSlashFraction(text, m);
    if (frac) {
      end = frac.end;
      value = frac.value;
    } else {
      // Mixed numbers: 一又二分之一, 3又一千分之23, 1 3/5.
      let j = matchSpaced(text, m.end, '又');
      let sep = j >= 0;
      if (!sep && text[m.end] === ' ' && m.lastKind === 'num') {
        j = m.end + 1;
        sep = true;
      }
      if (sep) {
        while (text[j] === ' ') j++;
        const d = scanNumeral(text, j);
        const f = d ? (readChineseFraction(text, d) ?? (text[m.end] === ' ' ? readSlashFraction(text, d) : undefined)) : undefined;
        if (f) {
          end = f.end;
          value = m.value < 0 ? m.value - f.value : m.value + f.value;
        }
      }
      if (end === m.end && text[end] === '打') {
        end++;
        value *= 12;
      }
    }
    const found: FoundNumber = { start: m.start, end, value: roundFloat(value) };
    if (end === m.end && m.valueMax !== undefined) found.valueMax = m.valueMax;
    if (Number.isFinite(found.value)) out.push(found); // beyond double range: no value to give
    i = end;
  }
  return out;
}
