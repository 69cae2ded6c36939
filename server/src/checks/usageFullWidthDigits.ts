// usage-full-width-digits (GB/T 15835-2011 5.1.2): Arabic digits are written half-width. Fix: the half-width
// number (digits, decimal point and percent sign of the number).
import { defineRule, RawFinding } from './types';

export const usageFullWidthDigits = defineRule({
  id: 'usage-full-width-digits',
  defaultSeverity: 'info',
  description: 'A number written with full-width digits (２０２３年, １２．５％); GB/T 15835-2011 writes Arabic digits half-width. Quick fix: half-width digits.',
  descriptionZh: '数字使用了全角字符（２０２３年、１２．５％）；按 GB/T 15835-2011 阿拉伯数字应使用半角。快速修复：改为半角。',
  check({ text }) {
    const out: RawFinding[] = [];
    for (const m of text.matchAll(/[0-9０-９]*[０-９][0-9０-９]*(?:[.．][0-9０-９]+)?[％%]?/g)) {
      const s = m[0];
      const fixed = s.replace(/[０-９．％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      out.push({
        start: m.index,
        end: m.index + s.length,
        message: `'${s}' is written with full-width digits; write '${fixed}'`,
        messageZh: `“${s}”使用了全角数字，应写作“${fixed}”`,
        fixes: [{ title: `Change to ${fixed}`, titleZh: `改为${fixed}`, edits: [{ start: m.index, end: m.index + s.length, newText: fixed }] }],
      });
    }
    return out;
  },
});
