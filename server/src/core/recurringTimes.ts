// Recurring times (TIMEX3 SETs: 每天早上八点, 每周一, 工作日, 隔周周六), which are not in our label set (README "Dates and
// times"): the date scanner (dates.ts) finds the date or time inside them and drops it when these say it recurs.
// They only read the text.

/**
 * What may stand between the start of a recurring phrase and the date or time that recurs: 每周三, 每个月的15号, 每一个
 * 周一, 逢周五, 隔周, 每隔一天, 天天, 工作日, 每周二和(周四). (A time listed after a recurring one, 每天早上八点和晚上八点,
 * is the scanner's listing rule.)
 */
const RECURRING_BEFORE = new RegExp(
  '^(?:(?:每|逢)(?:一个|一個|一|个|個)?(?:年|月|周|週|天|日|晚|夜|星期|礼拜|禮拜|工作日|周末|週末)?(?:[一二三四五六日天末]|[0-9]+[日号號])?' +
    '|隔(?:周|週|天|日)|每隔(?:一|两|兩|三)?(?:周|週|天|日)?|天天|工作日' +
    '|(?:每|逢)(?:个|個)?(?:周|週|星期|礼拜|禮拜)[一二三四五六日天](?:[和、及或与與](?:周|週|星期|礼拜|禮拜)?[一二三四五六日天])*[和、及或与與](?:周|週|星期|礼拜|禮拜)?)' +
    '(?:的)?$',
);

/**
 * Whether the span starting at i continues a recurring expression (每日7时, 每周三下午, 每天上午9点, 天天早上, 每个工作日
 * 8点, 工作日每天早上七点): any 每 / 逢 / 隔 / 天天 / 工作日 in the ten characters before may begin it.
 */
export function recurringBefore(t: string, i: number): boolean {
  for (let k = Math.max(0, i - 10); k < i; k++) {
    const c = t[k];
    if (c !== '每' && c !== '逢' && c !== '隔' && !(c === '天' && t[k + 1] === '天') && !(c === '工' && t[k + 1] === '作' && t[k + 2] === '日')) continue;
    if (RECURRING_BEFORE.test(t.slice(k, i))) return true;
  }
  return false;
}

/**
 * Whether the weekday spanning [start, end) begins a run of weekdays (joined by 到 / 和 / 、 …) followed by 每天 /
 * 每周 …, which makes them the days of a recurring time (周一到周五每天早上七点). 本周每天 is still this week. Read from
 * the text alone, so that a scan in pieces decides as the whole one.
 */
export function recurringAfterDays(t: string, start: number, end: number): boolean {
  if (!/^(?:周|週|星期|礼拜|禮拜)[一二三四五六日天1-7]/.test(t.slice(start, start + 3))) return false;
  return WEEKDAYS_THEN_EACH.test(t.slice(end, end + 24));
}
const WEEKDAYS_THEN_EACH =
  /^(?:[到至和、或及与與\-－—~～](?:周|週|星期|礼拜|禮拜)[一二三四五六日天1-7])*(?:每天|每日|每晚|每早|每周|每週|每星期|每礼拜|每個?工作日|每个工作日)/;
