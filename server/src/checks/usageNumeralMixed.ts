// usage-numeral-mixed (GB/T 15835-2011 4.1, 5.1): one kind of figure (percentages, amounts of money) written in
// Arabic digits in one place and in Chinese numerals in another; the form used less often is flagged (on a tie, the
// Chinese one: the standard prefers Arabic digits for counting and measuring). Estimates written with neighbouring
// numbers (二三十万元), 几/数/多/余 (数百万元), 成 and 百分之百 are Chinese by rule and not counted; round sums of money
// in words (两万元, 一百万元) and quoted speech are not counted either.
import { figures, Figure } from './figureValues';
import { defineRule, RawFinding } from './types';

type Kind = 'percentages' | 'amounts of money';
const KIND_ZH: Record<Kind, string> = { percentages: '百分数', 'amounts of money': '金额' };

export const usageNumeralMixed = defineRule({
  id: 'usage-numeral-mixed',
  defaultSeverity: 'info',
  description: 'Percentages or amounts of money written in Arabic digits in one place and in Chinese numerals in another (15% and 百分之二十); the less used form is flagged. Estimates (二三十万元, 数百万元), round sums in words (两万元) and quoted speech are not counted.',
  descriptionZh: '同一类数字（百分数、金额）在文中既用阿拉伯数字又用汉字数字（15% 与 百分之二十），提示较少使用的写法。概数（二三十万元、数百万元）、整数金额（两万元）和引语不计。',
  check(context) {
    const { text } = context;
    const byKind = new Map<Kind, { arabic: Figure[]; chinese: Figure[] }>();
    const all = figures(context);
    for (const f of all) {
      const kind: Kind | undefined = f.label === 'PERCENT' && f.unit !== 'pp' ? 'percentages' : f.label === 'MONEY' ? 'amounts of money' : undefined;
      if (!kind) continue;
      if (kind === 'percentages' && !/^百分之|[%％]$/.test(f.text)) continue; // 成, 折, 千分之 are forms of their own
      const form = /[0-9０-９]/.test(f.text) ? 'arabic' : isChineseNumeral(f.text, kind) ? 'chinese' : undefined;
      if (!form || (form === 'chinese' && inQuotation(text, f.start))) continue;
      const entry = byKind.get(kind) ?? { arabic: [], chinese: [] };
      byKind.set(kind, entry);
      entry[form].push(f);
    }
    const out: RawFinding[] = [];
    for (const [kind, { arabic, chinese }] of byKind) {
      if (!arabic.length || !chinese.length) continue;
      const [minority, majority, minorityForm] = arabic.length < chinese.length ? [arabic, chinese, 'Arabic digits'] : [chinese, arabic, 'Chinese numerals'];
      const other = majority[0];
      const otherText = text.slice(other.start, other.end);
      for (const f of minority) {
        const s = text.slice(f.start, f.end);
        out.push({
          start: f.start,
          end: f.end,
          message: `'${s}' is written in ${minorityForm}; this article writes ${kind} as '${otherText}' (${majority.length} of ${majority.length + minority.length})`,
          messageZh: `“${s}”用${minorityForm === 'Arabic digits' ? '阿拉伯数字' : '汉字数字'}书写；本文${KIND_ZH[kind]}多写作“${otherText}”（${majority.length + minority.length}处中的${majority.length}处）`,
          related: [{ start: other.start, end: other.end, message: `written '${otherText}' here`, messageZh: `此处写作“${otherText}”` }],
        });
      }
    }
    return out;
  },
});

/**
 * A figure in Chinese numerals that the standard does not require in Chinese: no estimate (几, 数, 多, 二三十), no
 * idiom (百分之百); an amount of money only when precise — two digits or more (二百七十万, 一亿一千七百万): round
 * sums in words (两万元, 一百万元, 十元, 近百元) read as words in running text.
 */
function isChineseNumeral(s: string, kind: Kind): boolean {
  if (!/[〇零一二两三四五六七八九十百千万亿]/.test(s)) return false;
  if (/[几数多余来成半近约]|百分之百|[一二两三四五六七八九][一二两三四五六七八九]/.test(s)) return false;
  if (kind === 'amounts of money' && (s.match(/[一二两三四五六七八九]/g) ?? []).length < 2) return false;
  return true;
}

/** Inside “…” or 「…」 on the same line: quoted speech and slogans keep the speaker's words. */
function inQuotation(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const before = text.slice(lineStart, at);
  const open = (before.match(/[“「『]/g) ?? []).length;
  const close = (before.match(/[”」』]/g) ?? []).length;
  return open > close;
}
