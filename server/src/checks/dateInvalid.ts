// date-invalid: a date that does not exist (2月30日, 13月5日, 2023-02-29).
import { daysInMonth, writtenDates } from './dateScan';
import { defineRule, RawFinding } from './types';

export const dateInvalid = defineRule({
  id: 'date-invalid',
  defaultSeverity: 'error',
  description: 'A date that does not exist (2月30日, 13月5日, 2023-02-29). Lunar dates (农历) are not checked.',
  descriptionZh: '不存在的日期（2月30日、13月5日、2023-02-29）。农历日期不检查。',
  check(context) {
    const out: RawFinding[] = [];
    for (const { start, end, year, month, day } of writtenDates(context)) {
      const s = context.text.slice(start, end);
      if (month < 1 || month > 12) {
        out.push({ start, end, message: `'${s}': there is no month ${month}`, messageZh: `“${s}”：不存在${month}月` });
      } else if (day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
        const why = month === 2 && day === 29 ? ` (${year} is not a leap year)` : '';
        const whyZh = why ? `（${year}年不是闰年）` : '';
        out.push({ start, end, message: `'${s}': month ${month} has no day ${day}${why}`, messageZh: `“${s}”：${month}月没有${day}日${whyZh}` });
      }
    }
    return out;
  },
});
