// date-format-mixed: full dates written in more than one format in one document; the less used format is flagged.
import { NUMERIC_DATE, WrittenDate } from './dateScan';
import { defineRule } from './types';

type DateFormat = WrittenDate['format'];
const FORMAT_NAMES: Record<DateFormat, string> = { cjk: 'YYYY年M月D日', iso: 'YYYY-MM-DD', slash: 'YYYY/M/D', dot: 'YYYY.M.D' };

/** Lines at the top that are metadata (`日期：2023-06-18`), as the document-date header reader accepts them. */
function headerEnd(half: string): number {
  let pos = 0;
  let end = 0;
  for (let line = 0; line < 5 && pos < half.length; line++) {
    let nl = half.indexOf('\n', pos);
    if (nl < 0) nl = half.length;
    if (/^\s*[#%/;*-]*\s*[A-Za-z\u4e00-\u9fff ]{2,20}?\s*:/.test(half.slice(pos, nl))) end = nl;
    pos = nl + 1;
  }
  return end;
}

export const dateFormatMixed = defineRule({
  id: 'date-format-mixed',
  defaultSeverity: 'info',
  description: 'Full dates written in more than one format in one document (2023年6月18日 and 2023-06-18); the less used format is flagged. Metadata header lines are ignored.',
  descriptionZh: '同一文档中完整日期有多种写法（2023年6月18日 与 2023-06-18），提示较少使用的写法。文件头元数据行不计。',
  check({ half }) {
    const skip = headerEnd(half);
    const found: { start: number; end: number; format: DateFormat }[] = [];
    for (const m of half.matchAll(/(?<![0-9])(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*[日号]/g)) found.push({ start: m.index, end: m.index + m[0].length, format: 'cjk' });
    for (const m of half.matchAll(NUMERIC_DATE)) found.push({ start: m.index, end: m.index + m[0].length, format: m[2] === '-' ? 'iso' : m[2] === '/' ? 'slash' : 'dot' });
    const body = found.filter((f) => f.start >= skip).sort((a, b) => a.start - b.start);
    const counts = new Map<DateFormat, number>();
    for (const f of body) counts.set(f.format, (counts.get(f.format) ?? 0) + 1);
    if (counts.size < 2) return [];
    let main = body[0].format;
    for (const [format, n] of counts) if (n > counts.get(main)!) main = format;
    const first = body.find((f) => f.format === main)!;
    return body
      .filter((f) => f.format !== main)
      .map((f) => ({
        start: f.start,
        end: f.end,
        message: `Date written as ${FORMAT_NAMES[f.format]}; this document mostly writes ${FORMAT_NAMES[main]}`,
        messageZh: `日期写作 ${FORMAT_NAMES[f.format]}；本文多写作 ${FORMAT_NAMES[main]}`,
        related: [{ start: first.start, end: first.end, message: `written as ${FORMAT_NAMES[main]} here`, messageZh: `此处写作 ${FORMAT_NAMES[main]}` }],
      }));
  },
});
