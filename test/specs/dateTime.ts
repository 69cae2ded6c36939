// Runs Microsoft Recognizers-Text's Chinese DateTimeModel spec (264 cases) through our date recogniser and through
// @microsoft/recognizers-text-suite, with the same comparison for both, and prints the pass rates.
//
//   npm run specs:datetime [-- --verbose]
//
// The spec's shapes differ from ours (see README "Dates and times"); an adapter translates OUR output into the
// spec's shapes, generically (no input is special-cased):
//   - a DATE directly followed by a TIME is one "datetime" result (the TIME's timex already carries the day);
//   - two dates/times joined by 到/至/-/~ (optionally 从 … , or 和 … 之间) are one range
//     "(start,end,duration)"; so are our ISO intervals (1995/1997, 2023-01/2023-05), decades and half years;
//   - our start/duration intervals (2021-W01/P2W, 2020-01-01/P10D, 2021-09/P4M) are "(start,start+duration,duration)";
//   - a TIME whose clock is unknown (2小时前 → 2018-08-30TXX:XX) is the spec's "datetime" with the day as its timex;
//   - our modifiers map to the spec's: before → before, after → after, on_or_before → until,
//     on_or_after / since_start → since; modifiers the spec has no value for (approx: 大约十点 is a plain time;
//     more_than, less_than …) are dropped.
// A case passes when the results match one to one: same start, end (inclusive), text (NFKC), type, modifier, and a
// non-empty set of timex values that are all among the spec's values, where an X in the spec's timex stands for
// any character (the spec leaves years it does not resolve as XXXX; our guidelines resolve them from the DCT).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recogniseDates } from '../../server/src/core/dates';
import type { RawSpan } from '../../server/src/core/types';

interface SpecResult {
  Text: string;
  TypeName: string;
  Start: number;
  End: number;
  Resolution?: { values?: { timex?: string; Mod?: string; type?: string }[] };
}
interface SpecCase {
  Input: string;
  Context?: { ReferenceDateTime?: string };
  NotSupported?: string;
  Results: SpecResult[];
}

/** One result in the spec's shape. */
interface Result {
  start: number;
  /** Inclusive, as in the spec. */
  end: number;
  text: string;
  type: string;
  mod: string;
  timex: string[];
}

const repoRoot = path.resolve(__dirname, '..', '..');
const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const specFile = path.join(shared, 'data/specs/recognizers-text-zh/Specs/DateTime/Chinese/DateTimeModel.json');

// ---------------------------------------------------------------------------------------------------------------
// Comparison (the same for both systems)

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** A duration's length as [months, seconds] (P6M = P0.5Y, PT30M = PT0.5H); undefined when it is not one. */
function durationLength(timex: string): [number, number] | undefined {
  const m = /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/.exec(timex);
  if (!m || timex === 'P' || timex.endsWith('T')) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return [n(1) * 12 + n(2), ((n(3) * 7 + n(4)) * 24 + n(5)) * 3600 + n(6) * 60 + n(7)];
}

function timexMatches(expected: string, actual: string): boolean {
  const de = durationLength(expected);
  const da = durationLength(actual);
  if (de && da) return Math.abs(de[0] - da[0]) < 1e-9 && Math.abs(de[1] - da[1]) < 1e-6;
  if (expected.length !== actual.length) return false;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] !== actual[i] && expected[i] !== 'X') return false;
  }
  return true;
}

function expectedResults(c: SpecCase): Result[] {
  return c.Results.map((r) => {
    const values = r.Resolution?.values ?? [];
    return {
      start: r.Start,
      end: r.End,
      text: r.Text,
      type: r.TypeName.replace(/^datetimeV2\./, ''),
      mod: values.find((v) => v.Mod)?.Mod ?? '',
      timex: [...new Set(values.map((v) => v.timex ?? ''))],
    };
  });
}

/** Why a case failed, or undefined when it passed. */
function compare(expected: Result[], actual: Result[]): string | undefined {
  const left = [...actual];
  for (const e of expected) {
    const k = left.findIndex((a) => a.start === e.start && a.end === e.end);
    if (k < 0) {
      const overlap = left.some((a) => a.start <= e.end && e.start <= a.end);
      return overlap ? `boundary/${e.type}` : `missed/${e.type}`;
    }
    const a = left.splice(k, 1)[0];
    if (norm(a.text) !== norm(e.text)) return `text/${e.type}`;
    if (a.type !== e.type) return `type/${e.type}`;
    if (a.mod !== e.mod) return `mod/${e.type}`;
    if (a.timex.length === 0 || !a.timex.every((t) => e.timex.some((x) => timexMatches(x, t)))) return `timex/${e.type}`;
  }
  if (left.length > 0) return `extra/${left[0].type}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Adapter: our spans → the spec's results

const MOD_TO_SPEC: Record<string, string> = {
  before: 'before', after: 'after', on_or_before: 'until', on_or_after: 'since', since_start: 'since',
};

interface Piece {
  start: number;
  end: number; // exclusive
  timex: string;
  mod?: string;
  label: string;
}

/** The first day of a timex period and its length, for ranges; undefined when it is not a calendar period. */
function period(timex: string): { first: string; unit: 'Y' | 'M' | 'D' | 'T' } | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^([\dX]{4})-([\dX]{2})-([\dX]{2})$/.exec(timex))) return { first: timex, unit: 'D' };
  if ((m = /^([\dX]{4})-([\dX]{2})$/.exec(timex))) return { first: `${m[1]}-${m[2]}-01`, unit: 'M' };
  if ((m = /^([\dX]{4})$/.exec(timex))) return { first: `${m[1]}-01-01`, unit: 'Y' };
  if (/T/.test(timex)) return { first: timex, unit: 'T' };
  return undefined;
}

function diff(a: string, b: string, unit: 'Y' | 'M' | 'D' | 'T'): string {
  const pa = a.split(/[-T:]/).map(Number);
  const pb = b.split(/[-T:]/).map(Number);
  if (pa.some(isNaN) || pb.some(isNaN)) {
    // Unknown years (XXXX): months and days can still be counted within a year.
    if (unit === 'M') return `P${Number(b.slice(5, 7)) - Number(a.slice(5, 7))}M`;
    if (unit === 'D') {
      // A leap year, so that XXXX-02-29 exists.
      const da = Date.UTC(2000, Number(a.slice(5, 7)) - 1, Number(a.slice(8, 10)));
      const db = Date.UTC(2000, Number(b.slice(5, 7)) - 1, Number(b.slice(8, 10)));
      return `P${Math.round((db - da) / 86400000)}D`;
    }
    return 'PXD';
  }
  if (unit === 'Y') return `P${pb[0] - pa[0]}Y`;
  if (unit === 'M') return `P${(pb[0] - pa[0]) * 12 + pb[1] - pa[1]}M`;
  const da = Date.UTC(pa[0], pa[1] - 1, pa[2]);
  const db = Date.UTC(pb[0], pb[1] - 1, pb[2]);
  return `P${Math.round((db - da) / 86400000)}D`;
}

function clockMinutes(t: string): number | undefined {
  const m = /T(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
}

function timeDiff(a: string, b: string): string | undefined {
  const ma = clockMinutes(a);
  const mb = clockMinutes(b);
  if (ma === undefined || mb === undefined) return undefined;
  let d = mb - ma;
  const da = a.split('T')[0];
  const db = b.split('T')[0];
  if (da && db && da !== db && !/X/.test(da + db)) d += (Date.parse(db) - Date.parse(da)) / 60000;
  else if (d < 0) d += 24 * 60;
  const secs = Math.round(d * 60);
  const h = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  const se = secs % 60;
  return 'PT' + (h ? `${h}H` : '') + (mi ? `${mi}M` : '') + (se ? `${se}S` : '');
}

/** A range "(start,end,duration)" from two timex values, when both are calendar periods of the same kind. */
function range(a: string, b: string): string | undefined {
  const pa = period(a);
  const pb = period(b);
  if (!pa || !pb) return undefined;
  if (pa.unit === 'T' || pb.unit === 'T') {
    const d = timeDiff(a, b);
    return d ? `(${a},${b},${d})` : undefined;
  }
  const unit = pa.unit === pb.unit ? pa.unit : 'D';
  return `(${pa.first},${pb.first},${diff(pa.first, pb.first, unit)})`;
}

/** The first day of a period written YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www (ISO week), as a UTC time. */
function firstDay(timex: string): number | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(timex))) {
    const jan4 = Date.UTC(Number(m[1]), 0, 4);
    const monday = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * 86400000);
    return monday + (Number(m[2]) - 1) * 7 * 86400000;
  }
  const p = period(timex);
  if (!p || p.unit === 'T' || /X/.test(p.first)) return undefined;
  const [y, mo, d] = p.first.split('-').map(Number);
  return Date.UTC(y, mo - 1, d);
}

/** Our start/duration intervals (2021-W01/P2W, 2020-01-01/P10D, 2021-09/P4M) as the spec's "(start,end,duration)". */
function startDuration(start: string, duration: string): string | undefined {
  const s = firstDay(start);
  const m = /^P(\d+)([YMWD])$/.exec(duration);
  if (s === undefined || !m) return undefined;
  const n = Number(m[1]);
  const a = new Date(s);
  const b = new Date(s);
  if (m[2] === 'Y') b.setUTCFullYear(b.getUTCFullYear() + n);
  else if (m[2] === 'M') b.setUTCMonth(b.getUTCMonth() + n);
  else b.setUTCDate(b.getUTCDate() + n * (m[2] === 'W' ? 7 : 1));
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return `(${iso(a)},${iso(b)},${duration})`;
}

/** Our single-span timex shapes that the spec writes as ranges. */
function specTimex(timex: string): string {
  let m: RegExpExecArray | null;
  if (timex.includes('/')) {
    const [a, b] = timex.split('/');
    if (b.startsWith('P')) return startDuration(a, b) ?? timex;
    return range(a, b) ?? timex;
  }
  if ((m = /^(\d{3})$/.exec(timex))) {
    const y = Number(m[1]) * 10;
    return `(${y}-01-01,${y + 10}-01-01,P10Y)`;
  }
  if ((m = /^(\d{2})$/.exec(timex))) {
    const y = Number(m[1]) * 100;
    return `(${y}-01-01,${y + 100}-01-01,P100Y)`;
  }
  if ((m = /^([\dX]{4})-H([12])$/.exec(timex))) {
    const y = m[1];
    const next = /X/.test(y) ? 'XXXX' : String(Number(y) + 1);
    return m[2] === '1' ? `(${y}-01-01,${y}-07-01,P6M)` : `(${y}-07-01,${next}-01-01,P6M)`;
  }
  return timex;
}

function typeOf(timex: string, label: string, mod: string, isRange: boolean): string {
  if (label === 'DURATION') return 'duration';
  if (label === 'TIME' && /^[\dX]{4}-[\dX]{2}-[\dX]{2}$/.test(timex)) return mod ? 'datetimerange' : 'datetime';
  const hasTime = /T/.test(timex) && !/^P/.test(timex);
  const hasDay = /\d{4}-\d{2}-\d{2}|X{4}-X{2}-X{2}|[\dX]{4}-[\dX]{2}-[\dX]{2}/.test(timex);
  const partOfDay = /T(MO|MI|AF|EV|NI|DT)$/.test(timex);
  if (hasTime) {
    const base = hasDay ? 'datetime' : 'time';
    return isRange || mod || partOfDay ? base + 'range' : base;
  }
  if (isRange || mod) return 'daterange';
  if (/^[\dX]{4}-[\dX]{2}-[\dX]{2}$/.test(timex) || /-W[\dX]{2}-\d$/.test(timex) || timex === 'PAST_REF') return 'date';
  return 'daterange';
}

const CONNECTORS = ['到', '至', '-', '－', '—', '–', '~', '～'];

export function adaptOurs(text: string, spans: RawSpan[]): Result[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  // 1. DATE + TIME → one piece carrying the TIME's timex.
  const pieces: Piece[] = [];
  for (const s of sorted) {
    const prev = pieces[pieces.length - 1];
    if (prev && s.label === 'TIME' && prev.label === 'DATE' && text.slice(prev.end, s.start).trim() === '' && !prev.mod) {
      prev.end = s.end;
      prev.timex = s.timex ?? '';
      prev.mod = s.mod;
      prev.label = 'TIME';
      continue;
    }
    // A TIME whose clock is unknown (2小时前 → 2018-08-30TXX:XX) is the spec's datetime with the day as timex.
    const timex = s.label === 'TIME' ? (s.timex ?? '').replace(/TXX:XX$/, '') : s.timex ?? '';
    pieces.push({ start: s.start, end: s.end, timex, mod: s.mod, label: s.label });
  }
  // 2. Ranges of two pieces.
  const results: Result[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const a = pieces[i];
    const b = pieces[i + 1];
    if (b && a.label !== 'DURATION' && b.label !== 'DURATION' && !a.mod && !b.mod) {
      const gap = text.slice(a.end, b.start).trim();
      let start = a.start;
      let end = b.end;
      let ok = CONNECTORS.includes(gap);
      if (gap === '和' || gap === '与') {
        const tail = /^\s*(之间|间)/.exec(text.slice(b.end));
        if (tail) {
          ok = true;
          end = b.end + tail[0].length;
        }
      }
      if (ok) {
        if (text[a.start - 1] === '从' || text[a.start - 1] === '從') start--;
        const r = range(a.timex, b.timex);
        if (r) {
          const t = text.slice(start, end);
          results.push({ start, end: end - 1, text: t, type: typeOf(r, a.label, '', true), mod: '', timex: [r] });
          i++;
          continue;
        }
      }
    }
    const timex = a.label === 'DURATION' ? a.timex : specTimex(a.timex);
    const mod = MOD_TO_SPEC[a.mod ?? ''] ?? '';
    const isRange = timex.startsWith('(');
    results.push({
      start: a.start, end: a.end - 1, text: text.slice(a.start, a.end),
      type: typeOf(timex, a.label, mod, isRange), mod, timex: [timex],
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// The library

type Recognize = (query: string, culture: string, options?: number, refDate?: Date) => any[];

function libraryResults(recognize: Recognize, culture: string, c: SpecCase): Result[] {
  const ref = c.Context?.ReferenceDateTime ? new Date(c.Context.ReferenceDateTime) : undefined;
  const found = recognize(c.Input, culture, undefined, ref);
  return found.map((r: any) => {
    const values: any[] = r.resolution?.values ?? [];
    return {
      start: r.start,
      end: r.end,
      text: r.text,
      type: String(r.typeName).replace(/^datetimeV2\./, ''),
      mod: values.find((v) => v.Mod)?.Mod ?? '',
      timex: [...new Set(values.map((v) => String(v.timex ?? '')))],
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------

function main() {
  const verbose = process.argv.includes('--verbose');
  if (!fs.existsSync(specFile)) {
    console.error(`Spec file not found: ${specFile}\nSet NEWS_ANNOTATOR_SHARED to the shared data directory.`);
    process.exit(2);
  }
  const cases: SpecCase[] = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const suite = require('@microsoft/recognizers-text-suite');
  const recognize: Recognize = suite.recognizeDateTime;
  const culture: string = suite.Culture.Chinese;

  let ours = 0;
  let lib = 0;
  const failures = new Map<string, string[]>();
  for (const c of cases) {
    const expected = expectedResults(c);
    const dct = c.Context?.ReferenceDateTime?.slice(0, 10);
    const mine = adaptOurs(c.Input, recogniseDates(c.Input, dct));
    const why = compare(expected, mine);
    if (why === undefined) ours++;
    else {
      const list = failures.get(why) ?? [];
      const show = (rs: Result[]) => rs.map((r) => `${r.text}[${r.start},${r.end}] ${r.type} ${r.timex.join('|')}${r.mod ? ' ' + r.mod : ''}`).join('; ') || '—';
      list.push(`${c.Input}  (DCT ${dct ?? 'none'})\n      expected: ${show(expected)}\n      ours:     ${show(mine)}`);
      failures.set(why, list);
    }
    let theirs: Result[];
    try {
      theirs = libraryResults(recognize, culture, c);
    } catch {
      theirs = [];
      if (expected.length === 0) theirs = [{ start: -1, end: -1, text: '', type: 'error', mod: '', timex: [] }];
    }
    if (compare(expected, theirs) === undefined) lib++;
  }
  const pct = (n: number) => ((100 * n) / cases.length).toFixed(1);
  if (verbose) {
    const classes = [...failures.entries()].sort((a, b) => b[1].length - a[1].length);
    for (const [why, list] of classes) {
      console.log(`\n== ${why} (${list.length})`);
      for (const l of list) console.log('  ' + l);
    }
    console.log('');
  }
  console.log(`DateTimeModel (Chinese), ${cases.length} cases including NotSupported:`);
  console.log(`  ours:                                ${ours}/${cases.length} (${pct(ours)}%)`);
  console.log(`  @microsoft/recognizers-text-suite:   ${lib}/${cases.length} (${pct(lib)}%)`);
}

if (require.main === module) main();
