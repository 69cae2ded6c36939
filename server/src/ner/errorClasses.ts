// Sorts entity errors (a gold span missed or a predicted span that is wrong) into the failure classes seen on
// modern news (issue #11): modern districts, new areas, development zones, companies, line breaks inside names,
// government bodies, villages and communities, multi-region names, bylines, foreign clubs, names with ·, names in
// Latin script, two names written together. The class comes from the span's own text and a few characters around it.
import { LabelledRange } from './scoring';
import { FOREIGN_CLUBS, MULTI_REGIONS, SURNAMES } from './gazetteer';

export const ERROR_CLASSES = [
  'line-break', 'two-names', 'byline', 'dot-name', 'latin-name', 'foreign-club', 'multi-region', 'dev-zone', 'new-area',
  'district', 'village', 'government', 'bracket-company', 'company', 'other-PER', 'other-LOC', 'other-ORG',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

const SINGLE_SURNAMES = new Set(SURNAMES.filter((s) => s.length === 1));
const COMPOUND_SURNAMES = new Set(SURNAMES.filter((s) => s.length === 2));
const CLUBS = new Set(FOREIGN_CLUBS);
const REGIONS = new Set(MULTI_REGIONS);

/** True for four Han characters that read as two two-character names (陈静刘洋), not one compound-surname name. */
export function looksLikeTwoNames(name: string): boolean {
  const c = [...name];
  return c.length === 4 && /^\p{Script=Han}{4}$/u.test(name) && SINGLE_SURNAMES.has(c[0]) && SINGLE_SURNAMES.has(c[2]) && !COMPOUND_SURNAMES.has(c[0] + c[1]);
}

/** The failure class of a span `cps[start, end)` labelled `label` (code points). */
export function errorClass(cps: readonly string[], r: LabelledRange): ErrorClass {
  const t = cps.slice(r.start, r.end).join('');
  const before = cps.slice(Math.max(0, r.start - 6), r.start).join('');
  const after = cps.slice(r.end, r.end + 3).join('');
  if (/[\n\r]/.test(t)) return 'line-break';
  if (r.label === 'PER' && looksLikeTwoNames(t)) return 'two-names';
  if (r.label === 'PER' && (/(记者|通讯员|编辑|摄影|文\/|图\/|[（(])[ 　]*$/.test(before) || /^[ 　]*摄/.test(after) || /[ 　]/.test(t))) return 'byline';
  if (/[·•‧・]/.test(t)) return 'dot-name';
  if (/[A-Za-zＡ-Ｚａ-ｚ]/.test(t)) return 'latin-name';
  if (CLUBS.has(t)) return 'foreign-club';
  if (REGIONS.has(t)) return 'multi-region';
  if (/(园区|高新区|经开区|开发区|科技城|自贸区|保税区|管委会)$/.test(t)) return 'dev-zone';
  if (/新区$/.test(t)) return 'new-area';
  if (r.label !== 'ORG' && /区$/.test(t)) return 'district';
  if (/(村|社区|乡|镇|街道|嘎查)$/.test(t)) return 'village';
  if (/[（(].+[)）]/.test(t) && r.label === 'ORG') return 'bracket-company';
  if (r.label === 'ORG' && /(局|委|厅|部|政府|法院|检察院|办公室|办|署|委员会|人大|政协|海关|区委|市委|县委|党委|支队|大队|派出所)$/.test(t)) return 'government';
  if (r.label === 'ORG' && /(公司|集团|股份|科技|机械|新能源|银行|控股|汽车|医药|电子|电器|地产|证券|保险|能源|网络|传媒|食品|药业|实业|重工)$/.test(t)) return 'company';
  return `other-${r.label}` as ErrorClass;
}

/** Errors per class: gold spans missed (fn) and predicted spans not in gold (fp). */
export class ErrorCounter {
  readonly fn = new Map<ErrorClass, number>(ERROR_CLASSES.map((c) => [c, 0]));
  readonly fp = new Map<ErrorClass, number>(ERROR_CLASSES.map((c) => [c, 0]));

  add(text: string, gold: readonly LabelledRange[], predicted: readonly LabelledRange[]): void {
    const cps = [...text];
    const key = (r: LabelledRange) => `${r.start}:${r.end}:${r.label}`;
    const g = new Set(gold.map(key));
    const p = new Set(predicted.map(key));
    for (const r of gold) if (!p.has(key(r))) this.bump(this.fn, errorClass(cps, r));
    for (const r of predicted) if (!g.has(key(r))) this.bump(this.fp, errorClass(cps, r));
  }

  private bump(m: Map<ErrorClass, number>, c: ErrorClass): void {
    m.set(c, (m.get(c) ?? 0) + 1);
  }

  total(): number {
    let n = 0;
    for (const c of ERROR_CLASSES) n += this.fn.get(c)! + this.fp.get(c)!;
    return n;
  }
}
