// The window a DURATION stands for when the text anchors it at the document date (README "Dates and times"): 最近三天,
// 近一个月, 过去一周 reach back from the DCT; 未来两天, 接下来两个小时, 今后三年, 后两天 and 十分钟之内 reach forward. The
// span stays the DURATION (三天 `P3D`, the adverb not labelled, as the guidelines have it); this is its TimeML anchoring
// (beginPoint / endPoint), computed from the words around it, for the hover and for scorers that ask for instants
// (FST Time NLU's [DCT − 3 days, DCT]). It only reads the text.
import { daysInMonth } from './calendarDays';

/** Words right before a duration that anchor it at the DCT, and the direction. */
const BEFORE: [string, -1 | 1][] = [
  ['过去的', -1], ['過去的', -1], ['最近的', -1], ['最近', -1], ['过去', -1], ['過去', -1], ['近', -1],
  ['接下来的', 1], ['接下來的', 1], ['接下来', 1], ['接下來', 1], ['未来的', 1], ['未來的', 1], ['未来', 1], ['未來', 1],
  ['今后', 1], ['今後', 1], ['往后', 1], ['往後', 1], ['后', 1], ['後', 1],
];
/** Words right after a duration that make it a window from the DCT on (十分钟之内, 一小时内). */
const AFTER_WITHIN = ['之内', '之內', '以内', '以內', '内', '內'];

/**
 * The window [start, end] (ISO 8601 date-times, to the second) that the DURATION `timex` spanning [start, end) of
 * `text` stands for, anchored at the DCT, or undefined when no anchoring word is written, the duration is not a
 * definite amount, or there is no DCT. A DCT without a clock is read as its midnight.
 */
export function durationWindow(text: string, start: number, end: number, timex: string, dct: string | undefined): [string, string] | undefined {
  if (!dct || !/^\d{4}-\d{2}-\d{2}/.test(dct)) return undefined;
  const dir = anchorDirection(text, start, end);
  if (!dir) return undefined;
  const parts = durationParts(timex);
  if (!parts) return undefined;
  const ref = new Date(`${dct.length === 10 ? `${dct}T00:00:00` : dct.length === 16 ? `${dct}:00` : dct.slice(0, 19)}Z`);
  if (Number.isNaN(ref.getTime())) return undefined;
  const other = shift(ref, parts, dir);
  const iso = (d: Date) => d.toISOString().slice(0, 19);
  return dir < 0 ? [iso(other), iso(ref)] : [iso(ref), iso(other)];
}

/** -1 (back from the DCT), 1 (forward), or 0 when nothing anchors the duration at [start, end). */
export function anchorDirection(text: string, start: number, end: number): -1 | 1 | 0 {
  for (const [w, dir] of BEFORE) {
    if (start < w.length || !text.startsWith(w, start - w.length)) continue;
    const before = text[start - w.length - 1] ?? '';
    // 后两天 only at the start of a clause (然后, 之后, 最后, 以后 end other words); 近 not inside 附近, 接近, 将近.
    if ((w === '后' || w === '後' || w === '近') && before !== '' && !/[\s，。、；：！？,.;:!?（(「“"我你他她们們的在]/.test(before)) continue;
    return dir;
  }
  for (const w of AFTER_WITHIN) if (text.startsWith(w, end)) return 1;
  return 0;
}

/** The date `parts` away from `ref` in direction dir (months and years keep the day, clamped to the month's end). */
function shift(ref: Date, parts: { months: number; seconds: number }, dir: -1 | 1): Date {
  const d = new Date(ref.getTime());
  if (parts.months) {
    const whole = Math.trunc(parts.months);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + dir * whole);
    d.setUTCDate(Math.min(day, daysInMonth(d.getUTCFullYear(), d.getUTCMonth() + 1)));
    // Half a month is 15 days.
    const frac = parts.months - whole;
    if (frac) d.setUTCDate(d.getUTCDate() + dir * Math.round(frac * 30));
  }
  return new Date(d.getTime() + dir * parts.seconds * 1000);
}

/** A definite ISO 8601 duration as months and seconds (P1Y → 12 months, P1W → 604,800 s), or undefined (PXD). */
export function durationParts(timex: string): { months: number; seconds: number } | undefined {
  const m = /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/.exec(timex);
  if (!m || timex === 'P' || timex.endsWith('T')) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  const months = n(1) * 12 + n(2);
  const seconds = ((n(3) * 7 + n(4)) * 24 + n(5)) * 3600 + n(6) * 60 + n(7);
  return months || seconds ? { months, seconds } : undefined;
}
