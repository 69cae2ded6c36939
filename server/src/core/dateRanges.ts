// One-expression ranges as one span (README "Dates and times"): two dates or times joined by 至/到/-/—/~ become one
// DATE (TIME when an end has a clock) whose timex is the ISO 8601 interval "start/end" (2023年1月至6月 →
// 2023-01/2023-06; 9月3日22:30至次日凌晨2点 → 2024-09-03T22:30/2024-09-04T02). A 从/自/由 before the first end
// belongs to the span. The scanner has already given the second end what it leaves out (its year, month, day).
// Ends with a modifier (年初至年底), durations, vague references and ends in the wrong order stay separate.
import type { RawSpan } from './types';
import { sameDayIn } from './sameDay';

const CONNECTORS = new Set(['到', '至', '-', '－', '—', '——', '–', '~', '～', '至到']);
const OPENERS = '从從自由';

/** A sortable key of one end (its first instant, as far as written), or undefined when it has none. */
function key(value: string): string | undefined {
  // Unknown parts (XXXX-05-01 without a DCT) compare alike.
  // A part of the day sorts at its first hour (今晚八点30到明天上午, 周五晚上到周日).
  const timex = value.replace(/X/g, '0').replace(/T(MO|MI|AF|EV|NI|DT)$/, (_, code: string) => `T${PART_START[code]}`);
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2})(?::(\d{2}))?)?$/.exec(timex);
  if (m) return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}`;
  const q = /^(\d{4})-(Q[1-4]|H[12])$/.exec(timex);
  if (q) return `${q[1]}-${pad(q[2][0] === 'Q' ? 3 * +q[2][1] - 2 : 6 * +q[2][1] - 5)}-01T00:00`;
  const w = /^(\d{4})-W(\d{2})$/.exec(timex);
  if (w) return `${w[1]}-W${w[2]}`;
  const t = /^T(\d{2})(?::(\d{2}))?$/.exec(timex);
  if (t) return `T${t[1]}:${t[2] ?? '00'}`;
  return undefined;
}
/** The first hour of each part of the day, for ordering the ends of a range. */
const PART_START: Record<string, string> = { NI: '01', MO: '08', DT: '08', MI: '11', AF: '13', EV: '18' };
const pad = (n: number) => (n < 10 ? '0' : '') + n;

/** 从明天开始到下周五, 自6月1日起至10日, 6月1日开始到15日: a start written with 开始/起 before the connector is the range's first end. */
function startWithSince(text: string, s: RawSpan): boolean {
  if (s.mod !== 'since_start' || !s.timex || s.timex.includes('/')) return false;
  return /(?:开始|開始|起)$/.test(text.slice(s.start, s.end));
}

function joinable(s: RawSpan): boolean {
  const t = s.timex;
  return (s.label === 'DATE' || s.label === 'TIME') && !s.mod && !!t && !t.includes('/') && !t.endsWith('REF');
}

/** Joins ranges in `spans` (in text order); returns the new list. */
export function joinRanges(text: string, spans: RawSpan[]): RawSpan[] {
  const out: RawSpan[] = [];
  for (let i = 0; i < spans.length; i++) {
    const a = spans[i];
    const b = spans[i + 1];
    // 明年的今天, 下个月的今天: one day (sameDay.ts).
    if (b && a.label === 'DATE' && b.label === 'DATE' && !a.mod && !b.mod && text.slice(a.end, b.start) === '的' && /^(?:今天|今日)$/.test(text.slice(b.start, b.end))) {
      const day = sameDayIn(a.timex ?? '', b.timex ?? '');
      if (day) {
        out.push({ start: a.start, end: b.end, label: 'DATE', timex: day });
        i++;
        continue;
      }
    }
    if (b && (joinable(a) || startWithSince(text, a)) && joinable(b) && b.start > a.end - 1) {
      const gap = text.slice(a.end, b.start).trim();
      if (CONNECTORS.has(gap)) {
        const ka = key(a.timex!);
        const kb = key(b.timex!);
        // Both ends comparable and in order (a day and a time of day on the same scale).
        const comparable = ka !== undefined && kb !== undefined && ka[0] === kb[0] && ka.length === kb.length;
        if (comparable && ka! < kb!) {
          const start = a.start > 0 && OPENERS.includes(text[a.start - 1]) && text[a.start - 2] !== '来' ? a.start - 1 : a.start;
          const label = a.label === 'TIME' || b.label === 'TIME' ? 'TIME' : 'DATE';
          out.push({ start, end: b.end, label, timex: `${a.timex}/${b.timex}` });
          i++;
          continue;
        }
      }
    }
    // An interval read in one piece (2018到2023, 2019-2021年) after 从 / 自: the preposition belongs to it.
    if (a.timex && a.timex.includes('/') && !a.timex.startsWith('P') && a.start > 0 && OPENERS.includes(text[a.start - 1]) && text[a.start - 2] !== '来') {
      out.push({ ...a, start: a.start - 1 });
    } else out.push(a);
  }
  return out;
}
