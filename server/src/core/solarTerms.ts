// The 24 solar terms (二十四节气) as dates: 夏至, 2023年立秋, 冬至前后, 白露节气 → the Gregorian day of that term in the
// year written, else the DCT's year (days from lunarCalendar.ts).
//
// Several terms are also common words (清明 "clear", 小雪 "light snow", 白露 "dew", 雨水 "rain"): those count only
// with a year before them or 节气 / a time word after them. The others also count before punctuation, but not inside
// names (张立春是…, 夏至未至).
import { SOLAR_TERMS } from './lunarCalendar';
import { dateContextAt } from './holidays';

const AMBIGUOUS = new Set(['清明', '雨水', '小雪', '大雪', '白露', '小满', '谷雨', '大暑', '小暑', '大寒', '小寒']);
const TERMS = new Set<string>(SOLAR_TERMS);
const PERIOD_WORDS = ['节气', '節氣', '期间', '期間'];

export { SOLAR_TERMS };

/** The solar term named at i (with 节气 / 期间 after it), or undefined; `afterYear`: a year was written before. */
export function matchSolarTerm(text: string, i: number, afterYear: boolean): { end: number; term: string } | undefined {
  const w = text.slice(i, i + 2);
  if (!TERMS.has(w)) return undefined;
  let end = i + 2;
  let marked = false;
  for (const p of PERIOD_WORDS) {
    if (text.startsWith(p, end)) {
      end += p.length;
      marked = true;
      break;
    }
  }
  if (afterYear || marked) return { end, term: w };
  // A name before it (张立春): a CJK character glued in front with no date context after.
  return dateContextAt(text, end, AMBIGUOUS.has(w) ? 'strong' : 'weak') ? { end, term: w } : undefined;
}
