// usage-thousands-separator (GB/T 15835-2011 5.1.3): digit grouping used consistently — numbers of five or more
// digits written with separators in one place (12,000人) and without in another (15000人). Four-digit numbers may
// go ungrouped (the standard allows it) and are not counted as ungrouped. The less used style is flagged.
import { figures } from './figureValues';
import { defineRule, RawFinding } from './types';

export const usageThousandsSeparator = defineRule({
  id: 'usage-thousands-separator',
  defaultSeverity: 'info',
  description: 'Thousands separators used in some numbers and not in others of five or more digits (12,000人 and 15000人); the less used style is flagged. Four-digit numbers may go ungrouped.',
  descriptionZh: '千分位分隔符使用不一致：五位及以上的数字有的分节（12,000人）、有的不分节（15000人），提示较少使用的写法。四位数可不分节。',
  check(context) {
    const { text } = context;
    const grouped: { start: number; end: number }[] = [];
    const plain: { start: number; end: number }[] = [];
    for (const f of figures(context)) {
      if (f.label === 'CARDINAL' && !f.unit) continue; // phone numbers, codes
      if (f.label === 'PERCENT' || f.label === 'ORDINAL') continue;
      for (const m of f.text.matchAll(/[0-9]+(?:,[0-9]{3})+|[0-9]{5,}/g)) {
        const at = { start: f.start + m.index, end: f.start + m.index + m[0].length };
        if (m[0].includes(',')) grouped.push(at);
        else plain.push(at);
      }
    }
    if (!grouped.length || !plain.length) return [];
    const [minority, majority, groupedMinority] = plain.length <= grouped.length ? [plain, grouped, false] : [grouped, plain, true];
    const other = majority[0];
    const otherText = text.slice(other.start, other.end);
    return minority.map((at): RawFinding => {
      const s = text.slice(at.start, at.end);
      return {
        ...at,
        message: groupedMinority ? `'${s}' is written with thousands separators; this text writes large numbers without (${otherText})` : `'${s}' is written without thousands separators; this text groups large numbers (${otherText})`,
        messageZh: groupedMinority ? `“${s}”使用了千分位分隔符；本文大数多不分节（${otherText}）` : `“${s}”未分节；本文大数多用千分位分隔（${otherText}）`,
        related: [{ start: other.start, end: other.end, message: `written '${otherText}' here`, messageZh: `此处写作“${otherText}”` }],
      };
    });
  },
});
