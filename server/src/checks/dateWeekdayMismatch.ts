// date-weekday-mismatch: a weekday written next to a date that falls on another day.
import type { Span } from '../core/types';
import { isValidDate, writtenDates } from './dateScan';
import { defineRule, RawFinding } from './types';

const WEEKDAYS_ZH = '日一二三四五六';
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const dateWeekdayMismatch = defineRule({
  id: 'date-weekday-mismatch',
  defaultSeverity: 'error',
  description: 'A weekday written next to a date that falls on another day (2023年6月18日（星期三） — a Sunday). Without a written year, the year comes from a document date given for the file (setting, --dct, header, file name); a date guessed from the text is not trusted.',
  descriptionZh: '日期后标注的星期与实际不符（2023年6月18日（星期三）实为星期日）。未写年份时，仅在文档日期来自设置、--dct、文件头或文件名时使用其年份；从正文推测的日期不采用。',
  check(context) {
    const { half, analysis, map } = context;
    const out: RawFinding[] = [];
    for (const date of writtenDates(context)) {
      const { start, end, month, day } = date;
      if (day === undefined || !isValidDate(date)) continue;
      const w = /^\s*[(（]?\s*(?:星期|周|礼拜|禮拜)([一二三四五六日天])\s*[)）]?/.exec(half.slice(end, end + 12));
      if (!w) continue;
      let year = date.year;
      let fromAnalysis = false;
      if (year === undefined) {
        // only a document date given for the file (setting, header, file name) is trusted to supply the year
        if (analysis.dct.source === 'text' || analysis.dct.source === 'none') continue;
        year = resolvedYear(analysis.spans, map.toCodePoint(start), map.toCodePoint(end), month, day);
        fromAnalysis = true;
        if (year === undefined) continue;
      }
      const actual = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
      const written = w[1] === '天' ? 0 : WEEKDAYS_ZH.indexOf(w[1]);
      if (actual === written) continue;
      const wStart = end + w[0].search(/星期|周|礼拜|禮拜/);
      const wEnd = wStart + (w[0].includes('星期') || w[0].includes('礼拜') || w[0].includes('禮拜') ? 3 : 2);
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const note = fromAnalysis ? ` (year ${year} from the document date)` : '';
      const noteZh = fromAnalysis ? `（年份${year}取自文档日期）` : '';
      out.push({
        start,
        end: end + w[0].length,
        message: `${iso} is a ${WEEKDAYS_EN[actual]}, not a ${WEEKDAYS_EN[written]}${note}`,
        messageZh: `${iso}是星期${WEEKDAYS_ZH[actual]}，不是星期${WEEKDAYS_ZH[written]}${noteZh}`,
        related: [{ start: wStart, end: wEnd, message: `written weekday: ${WEEKDAYS_EN[written]}`, messageZh: `文中所写：星期${WEEKDAYS_ZH[written]}` }],
      });
    }
    return out;
  },
});

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
