// range-reversed: a range written from the larger value to the smaller (30%—20%, 50至30万元).
import { defineRule, RawFinding } from './types';

const MULTIPLIER: Record<string, number> = { '': 1, 百: 1e2, 千: 1e3, 万: 1e4, 亿: 1e8 };
const RANGE = /(?<![0-9.\-/负])([0-9]+(?:\.[0-9]+)?)\s*([万亿千百]?)\s*(%?)\s*(—|–|-|~|至|到)\s*([0-9]+(?:\.[0-9]+)?)\s*([万亿千百]?)\s*(%|个百分点|美元|元|人|个|倍|天|年|岁|吨|公里|米|家|项|次)?/g;

export const rangeReversed = defineRule({
  id: 'range-reversed',
  defaultSeverity: 'warning',
  description: 'A range written from the larger to the smaller value (30%—20%, 50至30万元); ranges after 从/由 (changes over time) are not flagged.',
  descriptionZh: '范围的起止写反（30%—20%、50至30万元）；“从/由……至……”表示变化，不提示。',
  check({ half }) {
    const out: RawFinding[] = [];
    for (const m of half.matchAll(RANGE)) {
      const [, n1, m1, p1, connector, n2, m2, unit] = m;
      if (!unit && !m2) continue; // a bare 3-1 is a score or a serial number
      if (/[0-9]/.test(half[m.index + m[0].length] ?? '')) continue; // 1米70到1米80: a compound measure, not n1–n2
      if (unit === '年' && (half[m.index + m[0].length] === '前' || m2)) continue; // 70-20万年(前): ages count back in time
      if (p1 && unit !== '%') continue;
      const before = half.slice(Math.max(0, m.index - 4), m.index);
      if (/[从由自]|(?:^|[^0-9])-$/.test(before)) continue; // 从30%降至20%: a change, not a range
      if ((connector === '-' || connector === '—' || connector === '–') && /[0-9]/.test(half[m.index - 1] ?? '')) continue;
      const v1 = Number(n1) * MULTIPLIER[m1 || m2];
      let v2 = Number(n2) * MULTIPLIER[m2];
      if (unit === '年' && n1.length === 4 && n2.length <= 2) v2 = Math.floor(Number(n1) / 100) * 100 + Number(n2); // 1998—99年
      if (!(v1 > v2)) continue;
      const end = m.index + m[0].length;
      const s = half.slice(m.index, end);
      out.push({
        start: m.index,
        end,
        message: `The range '${s}' runs from the larger value to the smaller; write the smaller value first`,
        messageZh: `范围“${s}”起止写反：应先写较小的数`,
      });
    }
    return out;
  },
});
