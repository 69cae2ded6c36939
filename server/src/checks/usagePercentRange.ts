// usage-percent-range (GB/T 15835-2011 5.1.7): a percentage range keeps the sign on both ends — 15%～30%, not
// 15～30%. Fix: the missing sign.
import { defineRule, RawFinding } from './types';

const RANGE = /(?<![0-9.%A-Za-z/\-])([0-9]+(?:\.[0-9]+)?)(\s*)(～|~|—|–|-|至|到)(\s*)([0-9]+(?:\.[0-9]+)?)\s*%/g;

export const usagePercentRange = defineRule({
  id: 'usage-percent-range',
  defaultSeverity: 'info',
  description: 'A percentage range with the sign on one end only (20～30%); GB/T 15835-2011 writes 20%～30%. Quick fix: add the sign.',
  descriptionZh: '百分数范围只在一端写了百分号（20～30%）；按 GB/T 15835-2011 应写作 20%～30%。快速修复：补上百分号。',
  check({ text, half }) {
    const out: RawFinding[] = [];
    for (const m of half.matchAll(RANGE)) {
      const before = half.slice(Math.max(0, m.index - 4), m.index);
      if (/[从由自]/.test(before)) continue; // 从20至30%: a change (and a figure the reader completes)
      const end = m.index + m[0].length;
      const s = text.slice(m.index, end);
      const sign = text[end - 1]; // % or ％, as written
      const at = m.index + m[1].length;
      const fixed = s.slice(0, m[1].length) + sign + s.slice(m[1].length);
      out.push({
        start: m.index,
        end,
        message: `Write the percent sign on both ends of a range: '${fixed}', not '${s}'`,
        messageZh: `百分数范围两端都应写百分号：“${fixed}”，而非“${s}”`,
        fixes: [{ title: `Change to ${fixed}`, titleZh: `改为${fixed}`, edits: [{ start: at, end: at, newText: sign }] }],
      });
    }
    return out;
  },
});
