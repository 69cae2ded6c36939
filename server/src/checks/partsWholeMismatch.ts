// parts-whole-mismatch: parts that add up to more than their whole, a total that differs from its listed parts,
// shares of one whole summing past 100%, all within one sentence.
//   总产量500万吨，其中早稻120万吨、中稻300万吨、晚稻100万吨        (520万吨 > 500万吨)
//   分别投资3000万元、5000万元和4000万元，共计1.1亿元                 (the parts give 1.2亿元; fix: the right total)
//   第一产业占12%，第二产业占48%，第三产业占45%                        (105%)
// Parts after 其中/包括 need not exhaust the whole (其中早稻…、中稻… is fine below the whole). Rates of parts
// (轻工业增长10%，重工业增长15%) and changes (比上年增加…) are never summed. Rounding as written is allowed.
import { Figure, figures, high, low, numberEdit, sameKind } from './figureValues';
import { defineRule, RawFinding } from './types';

const CHANGE = /(?:增长|增加|提高|上升|上涨|增|涨|升|下降|降低|减少|下滑|下跌|回落|降|减|跌|扩大|缩小|比|超过|多出|少|多|净增|新增|累计|相当于|是|为[^，,。；;]{0,6}的|人均|平均|每)[了为达到至约近]*$/;
const PARTS_AFTER = /^[，,\s]*(?:其中|包括|包含|含|内含)[：:]?/;
const TOTAL_WORD = /(?:共计|合计|总计|总共|一共|总额为?|总数为?|共)(?:为|达|达到|是|有)?$/;

export const partsWholeMismatch = defineRule({
  id: 'parts-whole-mismatch',
  defaultSeverity: 'warning',
  description: 'Figures of one sentence that do not add up: parts after 其中/包括 that exceed their whole, a total after 共计/合计/总计 that differs from the parts listed (分别…), shares of one whole (占…%) summing past 100% (up to 110%: further past, the shares are of different wholes or answers with several choices). Parts need not exhaust the whole; rates of parts are never summed; rounding as written is allowed.',
  descriptionZh: '同一句中数字加总不符：“其中/包括”后的分项之和超过总数，“共计/合计/总计”的总数与所列分项（分别……）之和不等，同一总体的占比（占……%）之和超过100%（至110%为止；超出更多时多为不同总体或多选调查）。分项不必穷尽总数；各分项的增速不相加；允许按所写位数四舍五入。',
  check(context) {
    const { text } = context;
    const out: RawFinding[] = [];
    const bySentence = new Map<number, Figure[]>();
    for (const f of figures(context)) bySentence.set(f.sentence, [...(bySentence.get(f.sentence) ?? []), f]);
    for (const list of bySentence.values()) {
      const amounts = list.filter((f) => isAmount(f) && !isChange(text, f));
      partsExceedingWhole(text, amounts, out);
      totalsNotMatching(text, list, amounts, out);
      sharesPast100(text, list, out);
    }
    return out;
  },
});

/** An amount that can be a part or a whole: money, a quantity, a count with a unit; no modifier, no multiple. */
function isAmount(f: Figure): boolean {
  if (f.mod) return false;
  if (f.label === 'CARDINAL') return !!f.unit && f.unit !== '倍' && f.unit !== '番';
  return f.label === 'MONEY' || f.label === 'QUANTITY';
}

/** A figure that states a change, a comparison or a ratio rather than a part (增加50万台, 比上年多…, 人均…). */
function isChange(text: string, f: Figure): boolean {
  const clauseStart = Math.max(lastIndexOfAny(text, '，,：:、', f.start) + 1, f.start - 8);
  const clause = text.slice(clauseStart, f.start);
  // 每人交30元, 人均…: an amount per head is not a part of the total
  return CHANGE.test(clause) || /每|人均|平均|单价/.test(clause) || /^(?:以上|左右|多|余|以下|之多)/.test(text.slice(f.end, f.end + 2));
}

function lastIndexOfAny(text: string, chars: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (chars.includes(text[i])) return i;
  return -1;
}

/** 其中/包括: the figure right before is the whole; the same kind after it, up to the next 其中, are parts. */
function partsExceedingWhole(text: string, amounts: Figure[], out: RawFinding[]): void {
  for (let i = 0; i < amounts.length; i++) {
    const whole = amounts[i];
    const next = amounts[i + 1];
    if (!next) break;
    const m = PARTS_AFTER.exec(text.slice(whole.end, next.start + 1));
    if (!m || whole.end + m[0].length > next.start) continue;
    const parts: Figure[] = [];
    for (const f of amounts.slice(i + 1)) {
      if (!sameKind(f, whole)) break;
      if (parts.length && /其中|包括|含/.test(text.slice(parts[parts.length - 1].end, f.start))) break; // a breakdown of a part
      parts.push(f);
    }
    if (!parts.length) continue;
    const sum = parts.reduce((s, f) => s + f.value, 0);
    const sumLow = parts.reduce((s, f) => s + low(f), 0);
    if (sumLow <= high(whole) + 1e-9 * whole.value) continue;
    const w = text.slice(whole.start, whole.end);
    const listed = parts.map((f) => text.slice(f.start, f.end)).join(' + ');
    const sumText = formatSum(whole, sum);
    out.push({
      start: whole.start,
      end: whole.end,
      message: parts.length === 1 ? `The part ${listed} is more than its whole ${w}` : `The parts ${listed} add up to ${sumText}, more than their whole ${w}`,
      messageZh: parts.length === 1 ? `分项${listed}大于总数${w}` : `分项${listed}之和为${sumText}，超过总数${w}`,
      related: parts.map((f) => ({ start: f.start, end: f.end, message: `part ${text.slice(f.start, f.end)}`, messageZh: `分项${text.slice(f.start, f.end)}` })),
    });
  }
}

/** 分别 A、B 和 C，共计 T (or 合计T，分别为A、B、C; or A，B，C，总计T): T must be the sum. */
function totalsNotMatching(text: string, list: Figure[], amounts: Figure[], out: RawFinding[]): void {
  for (const total of amounts) {
    const before = text.slice(Math.max(0, total.start - 6), total.start);
    if (!TOTAL_WORD.test(before)) continue;
    let parts: Figure[] = [];
    const kind = amounts.filter((f) => f !== total && sameKind(f, total));
    const listAt = (from: number) => {
      // a list after 分别(为/是/投资…): consecutive figures of the kind joined by 、，和与及
      const start = kind.findIndex((f) => f.start > from);
      if (start < 0) return [];
      const run = [kind[start]];
      for (const f of kind.slice(start + 1)) {
        if (!/^\s*[、，,和与及以及]\s*$/.test(text.slice(run[run.length - 1].end, f.start))) break;
        run.push(f);
      }
      return run;
    };
    const sentenceText = (a: number, b: number) => text.slice(a, b);
    // 分别 counts only with no sentence end between it and the total: looked for within that stretch (a search of
    // the whole text for each total made the check quadratic in a long article)
    const sepBefore = lastBefore(text, '分别', total.start);
    if (sepBefore >= 0 && !/[。！？；!?;\n]/.test(sentenceText(sepBefore, total.start))) {
      parts = listAt(sepBefore); // 分别…，共计T
      if (!parts.length || parts[parts.length - 1].end > total.start || !/^[，,\s]*$/.test(text.slice(parts[parts.length - 1].end, total.start - (TOTAL_WORD.exec(before)?.[0].length ?? 0)))) parts = [];
    } else {
      const sepAfter = firstAfter(text, '分别', total.end);
      if (sepAfter >= 0 && !/[。！？；!?;\n]/.test(sentenceText(total.end, sepAfter)) && /^[，,\s]*(?:[^，,。；;0-9]{0,6})$/.test(text.slice(total.end, sepAfter))) {
        parts = listAt(sepAfter); // 合计T，分别为…
      } else {
        // A，B，C，总计T: every amount of the kind before T in the sentence, none of them a change
        const earlier = kind.filter((f) => f.end <= total.start);
        // (a part larger than the total is not one of its parts: 1306亿元 and 4500亿元 before 总额达19亿元)
        if (earlier.length >= 2 && earlier.length === list.filter((f) => f.end <= total.start && sameKind(f, total)).length && earlier.every((f) => f.value <= total.value)) parts = earlier;
      }
    }
    if (parts.length < 2) continue;
    const sum = parts.reduce((s, f) => s + f.value, 0);
    const slack = parts.reduce((s, f) => s + f.halfUnit, 0) + total.halfUnit + 1e-9 * Math.max(sum, total.value);
    if (Math.abs(sum - total.value) <= slack) continue;
    const t = text.slice(total.start, total.end);
    const listed = parts.map((f) => text.slice(f.start, f.end)).join(' + ');
    const sumText = formatSum(total, sum);
    const finding: RawFinding = {
      start: total.start,
      end: total.end,
      message: `The total ${t} differs from its parts: ${listed} = ${sumText}`,
      messageZh: `总数${t}与分项之和不符：${listed} = ${sumText}`,
      related: parts.map((f) => ({ start: f.start, end: f.end, message: `part ${text.slice(f.start, f.end)}`, messageZh: `分项${text.slice(f.start, f.end)}` })),
    };
    // the right total, when the sum is exact at the total's written precision
    const edit = numberEdit(total, sum);
    if (edit && Math.abs(Number(edit.newText) * total.number!.scale - sum) <= 1e-9 * sum) {
      const fixed = t.slice(0, edit.start - total.start) + edit.newText + t.slice(edit.end - total.start);
      finding.fixes = [{ title: `Change the total to ${fixed}`, titleZh: `将总数改为${fixed}`, edits: [edit] }];
    }
    out.push(finding);
  }
}

/** The sum written like the whole (1.2亿元 for 120000000 CNY when the whole is written in 亿元). */
function formatSum(like: Figure, sum: number): string {
  if (!like.number) return String(sum);
  const n = sum / like.number.scale;
  const s = Number.isInteger(n) ? String(n) : String(Number(n.toFixed(Math.max(like.number.decimals, 4))));
  const t = like.text;
  return t.slice(0, like.number.start - like.start) + s + t.slice(like.number.end - like.start);
}

/** 占X%, 占Y%, 占Z% of one whole (the same words after 占), or 分别占X%、Y%和Z%: more than 100% in all. */
function sharesPast100(text: string, list: Figure[], out: RawFinding[]): void {
  const groups = new Map<string, Figure[]>();
  let listed: Figure[] = [];
  for (const f of list) {
    if (f.label !== 'PERCENT' || f.unit === 'pp') continue;
    const before = text.slice(Math.max(0, f.start - 12), f.start);
    const m = /占(?:了)?([^，,。；;、0-9%]{0,8}?)(?:的)?(?:比重|比例|份额)?(?:为|达|达到|约|近|只有|仅)?$/.exec(before);
    const inList = /分别/.test(text.slice(Math.max(0, f.start - 14), f.start)) || (listed.length > 0 && /^\s*[、，,和与及]\s*$/.test(text.slice(listed[listed.length - 1].end, f.start)));
    if (m && !inList) {
      const key = m[1].replace(/的$/, '');
      groups.set(key, [...(groups.get(key) ?? []), f]);
      continue;
    }
    // 分别占X%、Y%和Z%, 比重分别为X%、Y%
    const last = listed[listed.length - 1];
    if (/(?:分别占|占比分别为|比重分别为|比例分别为|分别占[^，,。；;0-9]{0,8}的?)$/.test(before)) listed = [f];
    else if (last && /^\s*[、，,和与及]\s*$/.test(text.slice(last.end, f.start))) listed.push(f);
    else {
      flushList(listed);
      listed = [];
    }
  }
  flushList(listed);
  for (const shares of groups.values()) report(shares);

  function flushList(shares: Figure[]) {
    if (shares.length >= 2) report(shares);
  }
  function report(shares: Figure[]) {
    if (shares.length < 2) return;
    // A slip makes the shares of one whole overshoot by a few points; far past 100% (survey answers that allow several
    // choices, shares of different wholes: 城市占76%，农村占40%) they are not parts of one whole. Up to 110% is checked.
    const total = shares.reduce((s, x) => s + x.value, 0);
    if (total > 1.1 + shares.reduce((s, x) => s + x.halfUnit, 0)) return;
    let sumLow = 0;
    for (let i = 0; i < shares.length; i++) {
      const f = shares[i];
      const more = f.mod === 'more_than' || f.mod === 'equal_or_more' || /^以上/.test(text.slice(f.end, f.end + 2));
      sumLow += f.mod && !more ? low(f) - 0.05 * f.value : low(f);
      if (sumLow <= 1 + 1e-9) continue;
      const upTo = shares.slice(0, i + 1);
      const sum = upTo.reduce((s, x) => s + x.value, 0);
      out.push({
        start: f.start,
        end: f.end,
        message: `Shares of one whole add up to ${Number((sum * 100).toFixed(4))}%: ${upTo.map((x) => text.slice(x.start, x.end)).join(' + ')}`,
        messageZh: `同一总体的占比之和为${Number((sum * 100).toFixed(4))}%：${upTo.map((x) => text.slice(x.start, x.end)).join(' + ')}`,
        related: upTo.slice(0, -1).map((x) => ({ start: x.start, end: x.end, message: `share ${text.slice(x.start, x.end)}`, messageZh: `占比${text.slice(x.start, x.end)}` })),
      });
      return;
    }
  }
}

/** Characters that end the stretch a 分别 and its total must share. */
const STRETCH_ENDS = new Set([...'。！？；!?;\n'].map((c) => c.charCodeAt(0)));

/**
 * text.lastIndexOf(word, at) when the occurrence has no STRETCH_ENDS character between it and `at` (else -1, or an
 * earlier occurrence the caller then rejects): only the stretch after the last such character is searched.
 */
function lastBefore(text: string, word: string, at: number): number {
  let from = Math.min(at, text.length);
  while (from > 0 && !STRETCH_ENDS.has(text.charCodeAt(from - 1))) from--;
  const found = text.slice(from, at + word.length).lastIndexOf(word);
  return found < 0 || from + found > at ? -1 : from + found;
}

/** text.indexOf(word, at) when no STRETCH_ENDS character lies between `at` and it (else -1): a bounded search. */
function firstAfter(text: string, word: string, at: number): number {
  let to = at;
  while (to < text.length && !STRETCH_ENDS.has(text.charCodeAt(to))) to++;
  const found = text.slice(at, to).indexOf(word);
  return found < 0 ? -1 : at + found;
}
