// change-rate-mismatch: a stated rate of change that contradicts the stated start and end values in one sentence.
//   从80万元增至120万元，增长40%   (the figures give 50%)      由8万元增加到36万元，增长了4.5倍 (net increase: 3.5倍)
//   营收120万元，比上年的80万元增长40%                          营收为120亿元，去年同期为100亿元，同比增长25%
// 增长了N倍 / 增加N倍 is read as the net increase (end = start × (N + 1)); 增长到/增至N倍 and 是…的N倍 as the multiple;
// 翻N番 as ×2^N; 个百分点 as the difference of two percentages; an amount (增加40万元) as the difference.
// Rounding as written is allowed on every figure (28.1% for 28.125%; 80万 stands for 79.5万–80.5万); 约/近/超过/
// 不到 widen the rate accordingly. Annual averages (年均/平均每年) are not simple rates and are never checked.
import { Figure, figures, formatLike, high, low, numberEdit, sameKind } from './figureValues';
import { parseNumeral } from '../core/numerals';
import { defineRule, RawFinding } from './types';

const UP = '增长|增加|提高|上升|上涨|增|涨|升|攀升|扩大|增幅|涨幅|增速|增长率|提升|增产|增收';
const DOWN = '下降|降低|减少|下滑|下跌|回落|降|减|跌|缩小|降幅|跌幅|减幅|下降率|缩减|减产|减收';
/** A change word right before a rate: group 1 the word, group 2 到/至 (the multiple reading), group 3 what follows. */
const CHANGE_BEFORE = new RegExp(`(${UP}|${DOWN})(到|至)?((?:了|为|达|达到|是|高达|约|近|接近|将近|超过|逾|不到|不足|仅|只有|大约)*)$`);
const DOWN_WORD = new RegExp(`^(?:${DOWN})$`);
/** From-to: 从/由 before the start value; a change verb with 到/至/为 between the two values. */
const FROM_BEFORE = /[从由](?:[^，,。；;0-9０-９]{0,10})$/;
const TO_BETWEEN = new RegExp(`^[^，,。；;0-9０-９]{0,6}?(?:${UP}|${DOWN}|达到|达|变为|变成)(?:到|至|为)[^，,。；;]{0,10}$`);
const PREVIOUS_BEFORE = /(?:去年|上年|前年|上一年|上月|上个月|上季度|上一季度|上期|同期)(?:同期)?(?:的|为|是|仅为|只有|仅|达|达到|实现)?$/;
const AVERAGE = /(?:年均|平均|每年|年增长|年递增|年复合)$/;

type Reading = 'relative' | 'points' | 'net-multiple' | 'multiple' | 'amount';

interface Rate {
  start: number;
  end: number;
  text: string;
  /** In the units the reading uses (fraction, percentage points as fraction, times, the value's own units). */
  value: number;
  halfUnit: number;
  down: boolean;
  reading: Reading;
  approx: 'exact' | 'about' | 'nearly' | 'more' | 'less';
  figure?: Figure;
  /** Where the change word starts. */
  wordStart: number;
}

export const changeRateMismatch = defineRule({
  id: 'change-rate-mismatch',
  defaultSeverity: 'warning',
  description: 'A rate of change that contradicts the start and end values given in the same sentence (从80万元增至120万元，增长40% — the figures give 50%); also 比上年的…增长, 同比/环比 with both values, 个百分点, 增长了N倍 (read as the net increase), 翻番. Rounding as written is allowed; annual averages are not checked.',
  descriptionZh: '同一句中的增减幅度与所给起止数值矛盾（从80万元增至120万元，增长40%——按数据应为50%）；也检查“比上年的……增长”、给出两期数值的同比/环比、个百分点、“增长了N倍”（按净增计算）和翻番。允许按所写位数四舍五入；年均增速不检查。',
  check(context) {
    const { text } = context;
    const all = figures(context);
    const out: RawFinding[] = [];
    const bySentence = new Map<number, Figure[]>();
    for (const f of all) bySentence.set(f.sentence, [...(bySentence.get(f.sentence) ?? []), f]);
    for (const list of bySentence.values()) {
      const rates = findRates(text, list);
      const used = new Set<Rate>();
      const pairs: [Figure, Figure, Rate][] = [];
      // 从/由 A 增至 B, the rate right after B's clause or right before 从/由
      for (let i = 0; i < list.length; i++) {
        const a = list[i];
        if (!isEndpoint(a)) continue;
        const fromAt = text.slice(Math.max(0, a.start - 12), a.start).search(FROM_BEFORE);
        if (fromAt < 0) continue;
        const from = Math.max(0, a.start - 12) + fromAt;
        if (/分别/.test(text.slice(Math.max(0, from - 4), from))) continue;
        const b = list.slice(i + 1).find((x) => x.start >= a.end && isEndpoint(x));
        if (!b || !sameKind(a, b) || !TO_BETWEEN.test(text.slice(a.end, b.start))) continue;
        const after = rates.find((r) => r.start >= b.end && !used.has(r) && /^[，,\s]*(?:同比|环比|共|累计|总共|一共|净)?$/.test(text.slice(b.end, r.wordStart)));
        const before = rates.find((r) => r.end <= from && /^[，,\s]*$/.test(text.slice(r.end, from)));
        const rate = after ?? before;
        if (rate) {
          used.add(rate);
          pairs.push([a, b, rate]);
        }
      }
      // B，比(上年的)A 增长 R
      for (const rate of rates) {
        if (used.has(rate)) continue;
        const a = list.filter((x) => x.end <= rate.wordStart && isEndpoint(x)).pop();
        if (!a || !/^\s*$/.test(text.slice(a.end, rate.wordStart))) continue;
        const biAt = text.slice(Math.max(0, a.start - 10), a.start).search(/比[^，,。；;0-9]{0,8}$/);
        if (biAt < 0) continue;
        const bi = Math.max(0, a.start - 10) + biAt;
        const b = list.filter((x) => x.end <= bi && isEndpoint(x) && sameKind(x, a)).pop();
        if (!b || list.some((x) => x.start >= b.end && x.end <= a.start && sameKind(x, a) && x !== a)) continue;
        used.add(rate);
        pairs.push([a, b, rate]);
      }
      // 同比/环比 with both values: exactly two values of one kind, one marked as the earlier period
      for (const rate of rates) {
        if (used.has(rate) || !/(?:同比|环比)$/.test(text.slice(Math.max(0, rate.wordStart - 2), rate.wordStart))) continue;
        const values = list.filter((x) => isEndpoint(x) && x !== rate.figure && !rates.some((r) => r.figure === x));
        const kinds = values.filter((x) => (rate.reading === 'amount' ? sameKind(x, rate.figure!) : true));
        if (kinds.length !== 2 || !sameKind(kinds[0], kinds[1])) continue;
        const previous = kinds.filter((x) => PREVIOUS_BEFORE.test(text.slice(Math.max(0, x.start - 8), x.start)));
        if (previous.length !== 1) continue;
        const a = previous[0];
        const b = kinds.find((x) => x !== a)!;
        used.add(rate);
        pairs.push([a, b, rate]);
      }
      for (const [a, b, rate] of pairs) {
        const finding = compare(text, a, b, rate);
        if (finding) out.push(finding);
      }
    }
    return out;
  },
});

/** A start or end value: an amount, a quantity, a count with a unit, or a percentage (not a multiple, not a range). */
function isEndpoint(f: Figure): boolean {
  if (f.label === 'PERCENT') return f.unit !== 'pp' && !f.mod;
  if (f.mod) return false;
  if (f.label === 'CARDINAL') return !!f.unit && f.unit !== '倍' && f.unit !== '番';
  return f.label === 'MONEY' || f.label === 'QUANTITY';
}

/** Rates in one sentence: a percentage, a multiple, 翻N番 or an amount right after a change word. */
function findRates(text: string, list: Figure[]): Rate[] {
  const rates: Rate[] = [];
  for (const f of list) {
    const windowStart = Math.max(0, f.start - 12);
    const m = CHANGE_BEFORE.exec(text.slice(windowStart, f.start));
    if (!m) continue;
    const wordStart = windowStart + m.index;
    if (AVERAGE.test(text.slice(Math.max(0, wordStart - 4), wordStart))) continue;
    if (/分别/.test(text.slice(Math.max(0, wordStart - 4), wordStart + m[0].length))) continue;
    const down = DOWN_WORD.test(m[1]);
    const to = !!m[2];
    const approx = approxOf(m[3] ?? '', f, text);
    let reading: Reading;
    let value = f.value;
    let halfUnit = f.halfUnit;
    if (f.label === 'PERCENT' && f.unit === 'pp') reading = 'points';
    else if (f.label === 'PERCENT') {
      if (to) continue; // 提高到45%: an end value, not a rate
      reading = 'relative';
    } else if (f.label === 'CARDINAL' && f.unit === '倍') {
      if (down) continue; // 下降N倍 has no arithmetic reading
      reading = to ? 'multiple' : 'net-multiple';
    } else if (isEndpoint(f)) {
      if (to) continue;
      reading = 'amount';
    } else continue;
    rates.push({ start: f.start - (approx === 'exact' ? 0 : approxWordLength(m[3] ?? '')), end: f.end, text: f.text, value, halfUnit, down, reading, approx, figure: f, wordStart });
  }
  // 翻番, 翻了一番, 翻两番: ×2^N
  if (list.length) {
    const s0 = list[0].start;
    const sentenceStart = Math.max(0, text.lastIndexOf('。', s0) + 1);
    let sentenceEnd = text.slice(list[list.length - 1].end).search(/[。！？；!?;\n]/);
    sentenceEnd = sentenceEnd < 0 ? text.length : list[list.length - 1].end + sentenceEnd;
    for (const m of text.slice(sentenceStart, sentenceEnd + 8).matchAll(/翻(?:了)?([一二两三四五0-9])?番/g)) {
      const start = sentenceStart + m.index;
      const n = m[1] === undefined ? 1 : /[0-9]/.test(m[1]) ? Number(m[1]) : parseNumeral(m[1] === '两' ? '二' : m[1]) ?? 1;
      rates.push({ start, end: start + m[0].length, text: m[0], value: 2 ** n, halfUnit: 0, down: false, reading: 'multiple', approx: 'exact', wordStart: start });
    }
  }
  return rates.sort((a, b) => a.start - b.start);
}

function approxOf(before: string, f: Figure, text: string): Rate['approx'] {
  // a modifier inside the span (近60%, 约33%) counts as written before the number
  const words = before + (/^[^0-9０-９一二两三四五六七八九十百千万〇零]*/.exec(f.text)?.[0] ?? '');
  const after = text.slice(f.end, f.end + 2);
  if (/(?:超过|逾)$/.test(words) || f.mod === 'more_than' || f.mod === 'equal_or_more' || /^(?:多|以上)/.test(after)) return 'more';
  if (/(?:不到|不足)$/.test(words) || f.mod === 'less_than' && !/近$/.test(words) || /^以下/.test(after)) return 'less';
  if (/(?:近|接近|将近)$/.test(words)) return 'nearly';
  if (/(?:约|大约)$/.test(words) || f.mod === 'approx' || /^左右/.test(after)) return 'about';
  return 'exact';
}

/** Length of a modifier word written outside the figure span (超过, 不到 …), so the finding covers it. */
function approxWordLength(words: string): number {
  const m = /(?:超过|逾|不到|不足|接近|将近|近|大约|约)$/.exec(words);
  return m ? m[0].length : 0;
}

/** The value the figures give under the rate's reading, as a [low, point, high] interval. */
function expected(a: Figure, b: Figure, rate: Rate): [number, number, number] | undefined {
  const [aLo, aHi, bLo, bHi] = [low(a), high(a), low(b), high(b)];
  if (aLo <= 0 || a.value <= 0) return undefined;
  switch (rate.reading) {
    case 'relative':
      return rate.down ? [1 - bHi / aLo, 1 - b.value / a.value, 1 - bLo / aHi] : [bLo / aHi - 1, b.value / a.value - 1, bHi / aLo - 1];
    case 'points':
      if (a.label !== 'PERCENT' || b.label !== 'PERCENT') return undefined;
      return rate.down ? [aLo - bHi, a.value - b.value, aHi - bLo] : [bLo - aHi, b.value - a.value, bHi - aLo];
    case 'net-multiple':
      return [bLo / aHi - 1, b.value / a.value - 1, bHi / aLo - 1];
    case 'multiple':
      return [bLo / aHi, b.value / a.value, bHi / aLo];
    case 'amount':
      if (!rate.figure || !sameKind(rate.figure, a)) return undefined;
      return rate.down ? [aLo - bHi, a.value - b.value, aHi - bLo] : [bLo - aHi, b.value - a.value, bHi - aLo];
  }
}

function consistent(lo: number, hi: number, rate: Rate): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(rate.value));
  const r = rate.value;
  const h = rate.halfUnit;
  switch (rate.approx) {
    case 'exact':
      return hi >= r - h - eps && lo <= r + h + eps;
    case 'about':
      return hi >= r - Math.max(2 * h, 0.05 * r) - eps && lo <= r + Math.max(2 * h, 0.05 * r) + eps;
    case 'nearly':
      return hi >= r - Math.max(2 * h, 0.1 * r) - eps && lo <= r + h + eps;
    case 'more':
      return hi >= r - h - eps;
    case 'less':
      return lo <= r + h + eps;
  }
}

function compare(text: string, a: Figure, b: Figure, rate: Rate): RawFinding | undefined {
  const e = expected(a, b, rate);
  if (!e) return undefined;
  const [lo, point, hi] = e;
  if (consistent(lo, hi, rate)) return undefined;
  // 提高了50% between two percentages may mean the relative change; 提高了15% may mean 15 points (accepted too)
  if (rate.reading === 'relative' && a.label === 'PERCENT' && b.label === 'PERCENT') {
    const points = rate.down ? a.value - b.value : b.value - a.value;
    if (Math.abs(points - rate.value) <= rate.halfUnit + a.halfUnit + b.halfUnit + 1e-9) return undefined;
  }
  const aText = text.slice(a.start, a.end);
  const bText = text.slice(b.start, b.end);
  const written = text.slice(rate.start, rate.end);
  const right = describe(point, rate);
  const related = [
    { start: a.start, end: a.end, message: `start value ${aText}`, messageZh: `起始值${aText}` },
    { start: b.start, end: b.end, message: `end value ${bText}`, messageZh: `结束值${bText}` },
  ];
  let message: string;
  let messageZh: string;
  if (rate.reading === 'net-multiple') {
    message = `'${written}' does not match ${aText} → ${bText}: read as the net increase (增长了N倍 = end is start × (N + 1)), the figures give 增长了${right.plain}倍 (增长到${fmt(point + 1, rate)}倍)`;
    messageZh = `“${written}”与${aText}→${bText}不符：“增长了N倍”按净增计算（结束值 = 起始值 × (N + 1)），按数据应为增长了${right.plain}倍（即增长到${fmt(point + 1, rate)}倍）`;
  } else if (rate.reading === 'multiple') {
    message = `'${written}' does not match ${aText} → ${bText}: read as the multiple (end = start × N), the figures give ${right.plain} times (增长了${fmt(point - 1, rate)}倍 as a net increase)`;
    messageZh = `“${written}”与${aText}→${bText}不符：按倍数计算（结束值 = 起始值 × N），按数据应为${right.plain}倍（按净增计为增长了${fmt(point - 1, rate)}倍）`;
  } else {
    const direction = point < 0 ? (rate.down ? ' (the figures show a rise, not a fall)' : ' (the figures show a fall, not a rise)') : '';
    const directionZh = point < 0 ? (rate.down ? '（数据显示为上升，而非下降）' : '（数据显示为下降，而非增长）') : '';
    message = `'${written}' does not match ${aText} → ${bText}: the figures give ${right.withUnit}${direction}`;
    messageZh = `“${written}”与${aText}→${bText}不符：按数据应为${right.withUnit}${directionZh}`;
  }
  const finding: RawFinding = { start: rate.start, end: rate.end, message, messageZh, related };
  // the right rate as a fix, when the rate is an Arabic number written without 约/超过… and the sign agrees
  if (rate.figure && rate.approx === 'exact' && point > 0) {
    const edit = rate.reading === 'amount' ? numberEdit(rate.figure, point) : rateEdit(rate, point);
    if (edit) finding.fixes = [{ title: `Change to ${text.slice(rate.figure.start, edit.start)}${edit.newText}${text.slice(edit.end, rate.figure.end)}`, titleZh: `改为${text.slice(rate.figure.start, edit.start)}${edit.newText}${text.slice(edit.end, rate.figure.end)}`, edits: [edit] }];
  }
  return finding;
}

/** The rate's number rewritten at the rate's decimals (28.1 for 0.28125 as %, 3.5 for 3.5倍). */
function rateEdit(rate: Rate, point: number) {
  const f = rate.figure!;
  if (!f.number) return undefined;
  const scale = f.number.scale; // % → 0.01, 成 → 0.1, 倍 → 1
  const s = (point / scale).toFixed(f.number.decimals);
  if (Number(s) <= 0) return undefined;
  return { start: f.number.start, end: f.number.end, newText: s };
}

function fmt(value: number, rate: Rate): string {
  const d = rate.figure?.number?.decimals ?? 1;
  return value.toFixed(Math.max(d, 1)).replace(/\.0+$/, '');
}

function describe(point: number, rate: Rate): { plain: string; withUnit: string } {
  const f = rate.figure;
  const decimals = f?.number?.decimals ?? 1;
  switch (rate.reading) {
    case 'relative':
    case 'points': {
      const n = (Math.abs(point) * 100).toFixed(Math.max(decimals, f?.number ? decimals : 1));
      const unit = rate.reading === 'points' ? '个百分点' : '%';
      return { plain: n, withUnit: `${n}${unit}` };
    }
    case 'amount': {
      const s = f ? formatLike(f, Math.abs(point)) : undefined;
      const t = s !== undefined && f?.number ? `${f.text.slice(0, f.number.start - f.start)}${s}${f.text.slice(f.number.end - f.start)}` : String(Math.abs(point));
      return { plain: t, withUnit: t };
    }
    default: {
      const n = fmt(point, rate);
      return { plain: n, withUnit: n };
    }
  }
}
