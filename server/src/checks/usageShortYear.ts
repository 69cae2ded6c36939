// usage-short-year (GB/T 15835-2011 5.2.1): a year is written in full — 2023年, not 23年 — in a text that writes
// full years elsewhere. Only two-digit years in a date (23年5月, 23年底, 98年上半年) are flagged: 23年 alone is
// usually a duration.
import { defineRule, RawFinding } from './types';

const SHORT = /(?<![0-9.\-/第近连续过去这多余了])([0-9]{2})年(?=[0-9]{1,2}月|底|初|末|年底|年初|上半年|下半年|春节|春季|夏季|秋季|冬季)/g;
const FULL = /(?<![0-9])(?:19|20)[0-9]{2}年/;

export const usageShortYear = defineRule({
  id: 'usage-short-year',
  defaultSeverity: 'info',
  description: 'A year written with two digits (23年5月, 98年底) in a text that writes full years (2023年); GB/T 15835-2011 writes years in full. Durations (工作了23年) are not flagged.',
  descriptionZh: '年份写成两位（23年5月、98年底），而文中其他地方写完整年份（2023年）；按 GB/T 15835-2011 年份应写全。表示时长的“23年”不提示。',
  check({ text, half }) {
    const full = FULL.exec(half);
    if (!full) return [];
    const out: RawFinding[] = [];
    for (const m of half.matchAll(SHORT)) {
      const s = text.slice(m.index, m.index + m[0].length);
      const example = full[0];
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        message: `The year '${s}' is written with two digits; this text writes full years (${example})`,
        messageZh: `年份“${s}”只写了两位；本文其他地方写完整年份（${example}）`,
      });
    }
    return out;
  },
});
