// Scores our date recogniser (and @microsoft/recognizers-text-suite) on FST Time NLU's Chinese ground truth, read at
// run time from the shared data folder (never copied): groundtruth_utc.jsonl ("dev", 319 cases) and
// groundtruth_utc_test.jsonl ("test", 513 cases; reported as figures only, never case by case, never tuned on).
//
//   npm run specs:fst-time [-- --verbose]        (--verbose lists the failures of the dev file)
//   npm run specs:fst-time -- --part dev         (the dev file alone)
//
// Each case is a query, a reference time and the expected instants: [[start, end?], …] ([] = no time expression).
// Our DATE/TIME spans, and durations anchored at the reference time (最近三天: core/durationWindows.ts), become [start, end]: a calendar value from its first second
// to its last (2025-01-22 → 00:00:00–23:59:59), a clock time one instant (a clock without a day is put on the
// reference day, as FST does), a part of the day FST's hours (上午 08–12, 下午 13–18, 晚上 18–23:59:59, 凌晨 01–05 …),
// FST's hours of the word where they differ from the TIMEX3 part (早上 06–12, 中午 11:30–14:00, 傍晚 17–19 …), an
// interval from its first end to its last. A case passes when the lists match in order, start for start and end
// for end. Scores: cases, starts, ends. Failures are grouped by class, naming the convention where ours differs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recogniseDates } from '../../server/src/core/dates';
import { timexRange } from '../../server/src/core/describe';
import { durationWindow } from '../../server/src/core/durationWindows';
import { referenceDate, rtLabel } from './timexIntervals';

export interface FstCase {
  query: string;
  metadata: string;
  datetime_result: string[][];
}

const repoRoot = path.resolve(__dirname, '..', '..');
// The shared folder beside the checkout (or beside the worktrees' folder, for a worktree under wt/).
const shared = process.env.NEWS_ANNOTATOR_SHARED ??
  [path.resolve(repoRoot, '..', 'shared'), path.resolve(repoRoot, '..', '..', 'shared')].find((d) => fs.existsSync(d)) ??
  path.resolve(repoRoot, '..', 'shared');
const folder = path.join(shared, 'data', 'specs', 'fst-time-nlu-zh');

/** FST's hours for the parts of the day (its convention). */
const PART_HOURS: Record<string, [string, string]> = {
  MO: ['08:00:00', '12:00:00'], MI: ['11:00:00', '13:00:00'], AF: ['13:00:00', '18:00:00'],
  EV: ['18:00:00', '23:59:59'], NI: ['01:00:00', '05:00:00'], DT: ['08:00:00', '18:00:00'],
};

/**
 * FST's hours for the words whose hours differ from their TIMEX3 part of the day (its dev file: 早上 06–12 where
 * 上午 is 08–12, 中午 11:30–14:00, 傍晚 17–19, 深夜 22–02 of the next day …). Our value keeps the TIMEX3 code (TMO,
 * TMI, TEV, TNI); the scorer reads the word in the span, as FST's convention is a property of the word.
 */
const WORD_HOURS: [string, string, string, number][] = [
  ['早上', '06:00:00', '12:00:00', 0], ['早晨', '05:00:00', '10:00:00', 0], ['清晨', '05:00:00', '06:00:00', 0],
  ['中午', '11:30:00', '14:00:00', 0], ['午后', '13:00:00', '15:00:00', 0], ['傍晚', '17:00:00', '19:00:00', 0],
  ['深夜', '22:00:00', '02:00:00', 1], ['夜间', '21:00:00', '23:59:59', 0],
];

function load(file: string): FstCase[] {
  const out: FstCase[] = [];
  for (const line of fs.readFileSync(path.join(folder, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as FstCase);
    } catch {
      // A malformed line in the suite: skipped (counted below).
    }
  }
  return out;
}

export const strip = (s: string) => s.replace(/Z$/, '').replace(/\.\d+$/, '');

/** One end of a clock value on a day: "YYYY-MM-DDTHH:MM:SS" (undefined when the day or clock is unknown). */
function instant(day: string, clock: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const m = /^(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(clock);
  if (!m) return undefined;
  if (m[1] === '24') {
    const d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + 1));
    return `${d.toISOString().slice(0, 10)}T00:${m[2] ?? '00'}:${m[3] ?? '00'}`;
  }
  return `${day}T${m[1]}:${m[2] ?? '00'}:${m[3] ?? '00'}`;
}

/** A TIMEX value as FST's [start, end?]; undefined when it has no fixed time. */
export function toFst(timex: string, refDay: string, text = ''): string[] | undefined {
  // FST reads 最近 / 近期 (our PAST_REF, TimeML's vague past) as the week up to the end of the reference day.
  if (timex === 'PAST_REF' && (text === '最近' || text === '近期') && /^\d{4}-\d{2}-\d{2}$/.test(refDay)) {
    const from = new Date(Date.UTC(+refDay.slice(0, 4), +refDay.slice(5, 7) - 1, +refDay.slice(8, 10) - 7)).toISOString().slice(0, 10);
    return [`${from}T00:00:00`, `${refDay}T23:59:59`];
  }
  const slash = timex.indexOf('/');
  if (slash > 0 && !timex.slice(slash + 1).startsWith('P') && timex.includes('T')) {
    const a = toFst(timex.slice(0, slash), refDay);
    const b = toFst(timex.slice(slash + 1), refDay);
    if (!a || !b) return undefined;
    return [a[0], b[b.length - 1]];
  }
  if (timex.includes('T') && slash < 0) {
    const k = timex.indexOf('T');
    const day = timex.slice(0, k) || refDay;
    const clock = timex.slice(k + 1);
    const part = PART_HOURS[clock];
    const word = part ? WORD_HOURS.find(([w]) => text.endsWith(w)) : undefined;
    if (word && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
      const next = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + word[3])).toISOString().slice(0, 10);
      return [`${day}T${word[1]}`, `${next}T${word[2]}`];
    }
    if (part) {
      const a = instant(day, part[0]);
      const b = instant(day, part[1]);
      return a && b ? [a, b] : undefined;
    }
    const p = instant(day, clock);
    return p ? [p] : undefined;
  }
  const r = timexRange(timex);
  return r ? [`${r.start}T00:00:00`, `${r.end}T23:59:59`] : undefined;
}

export function ours(c: FstCase): (string[] | undefined)[] {
  const dct = strip(c.metadata);
  const refDay = dct.slice(0, 10);
  const out: [number, string[] | undefined][] = [];
  for (const s of recogniseDates(c.query, dct)) {
    if (s.label === 'DATE' || s.label === 'TIME') out.push([s.start, toFst(s.timex ?? '', refDay, c.query.slice(s.start, s.end))]);
    else if (s.label === 'DURATION') {
      // A duration anchored at the reference time (最近三天, 未来两天, 十分钟之内): its window (core/durationWindows.ts).
      const w = durationWindow(c.query, s.start, s.end, s.timex ?? '', dct);
      if (w) out.push([s.start, w]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export type Recognize = (query: string, culture: string, options?: number, refDate?: Date) => any[];
export function library(recognize: Recognize, culture: string, c: FstCase): (string[] | undefined)[] {
  const ref = strip(c.metadata);
  let found: any[];
  try {
    found = recognize(c.query, culture, undefined, referenceDate(ref));
  } catch {
    return [undefined];
  }
  const out: (string[] | undefined)[] = [];
  for (const r of found) {
    const label = rtLabel(String(r.typeName));
    if (label === 'DURATION') continue;
    const v = (r.resolution?.values ?? [])[0] ?? {};
    const iso = (s: string) => (s.includes(' ') ? s.replace(' ', 'T') : /^\d{2}:/.test(s) ? `${ref.slice(0, 10)}T${s}` : `${s}T00:00:00`);
    if (v.value && (v.type === 'date')) out.push([`${v.value}T00:00:00`, `${v.value}T23:59:59`]);
    else if (v.value) out.push([iso(v.value)]);
    else if (v.start && v.end) {
      const end = iso(v.end);
      // Its date ranges end on the day after (exclusive): the last second of the day before.
      const last = v.type === 'daterange' ? new Date(Date.parse(end + 'Z') - 1000).toISOString().slice(0, 19) : end;
      out.push([iso(v.start), last]);
    } else out.push(undefined);
  }
  return out;
}

/** How the instants found match the expected ones (in order): starts right, ends right, the whole case right. */
export function match(exp: string[][], got: (string[] | undefined)[]): { ok: boolean; starts: number; ends: number } {
  let ok = got.length === exp.length;
  let starts = 0;
  let ends = 0;
  for (let i = 0; i < exp.length; i++) {
    const g = got[i];
    const startOk = !!g && g[0] === exp[i][0];
    const endOk = !!g && (exp[i].length === 1 ? g.length === 1 : g[g.length - 1] === exp[i][exp[i].length - 1]);
    if (startOk) starts++;
    if (endOk) ends++;
    if (!startOk || !endOk) ok = false;
  }
  return { ok, starts, ends };
}

/** Names the class of a failing case (and the convention, where ours differs by design). */
function failureClass(c: FstCase, got: (string[] | undefined)[]): string {
  const exp = c.datetime_result;
  const q = c.query;
  if (exp.length === 0) return /每|每个/.test(q) ? 'negative: SET (each …) found' : 'negative: found a time in a non-time text';
  if (got.length === 0) return /闹钟|提醒|叫我|定个/.test(q) ? 'missed (assistant-style query)' : 'missed';
  if (got.length !== exp.length) return 'different number of expressions';
  if (/底|末|初|上旬|中旬|下旬/.test(q)) return 'convention: width of 月底/年初/上旬 … (ours: the whole period + mod; FST: a slice)';
  if (/国庆|春节|五一|劳动节|假期|长假/.test(q)) return 'convention: holiday period (ours: the statutory days as listed in README)';
  if (/上午|下午|晚上|早上|凌晨|中午|傍晚|夜/.test(q)) return 'convention or value: part of the day';
  if (/周|星期|礼拜/.test(q)) return 'value: weeks / weekdays';
  if (/农历|阴历|正月|腊月|初[一二三四五六七八九十]/.test(q)) return 'value: lunar';
  if (/前|后|以后|之后/.test(q)) return 'value: offsets';
  return 'value: other';
}

function main() {
  const verbose = process.argv.includes('--verbose');
  if (!fs.existsSync(folder)) {
    console.error(`FST Time NLU files not found in ${folder}\nSet NEWS_ANNOTATOR_SHARED to the shared data directory.`);
    process.exit(2);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suite = require('@microsoft/recognizers-text-suite');
  console.log('FST Time NLU (Chinese ground truth), read from the shared data folder; interval starts and ends');
  // --part dev runs the dev file alone (while fixing: the test file is run once, at the end, for its summary).
  const partArg = process.argv.indexOf('--part');
  const only = partArg >= 0 ? process.argv[partArg + 1] : undefined;
  const files = ([['dev', 'groundtruth_utc.jsonl'], ['test', 'groundtruth_utc_test.jsonl']] as const).filter(([part]) => !only || part === only);
  for (const [part, file] of files) {
    const cases = load(file);
    const tally = { ours: { cases: 0, starts: 0, ends: 0 }, rt: { cases: 0, starts: 0, ends: 0 } };
    let points = 0;
    const byClass = new Map<string, string[]>();
    for (const c of cases) {
      const exp = c.datetime_result.map((r) => r.map(strip));
      points += exp.length;
      for (const [who, got] of [['ours', ours(c)], ['rt', library(suite.recognizeDateTime, suite.Culture.Chinese, c)]] as const) {
        const m = match(exp, got);
        tally[who].starts += m.starts;
        tally[who].ends += m.ends;
        const ok = m.ok;
        if (ok) tally[who].cases++;
        else if (who === 'ours') {
          const k = failureClass(c, got);
          const list = byClass.get(k) ?? [];
          list.push(`${c.query} (ref ${strip(c.metadata)})\n      expected ${JSON.stringify(exp)}\n      ours     ${JSON.stringify(got)}`);
          byClass.set(k, list);
        }
      }
    }
    const pct = (n: number, d: number) => `${n}/${d} (${d ? ((100 * n) / d).toFixed(1) : '0'}%)`;
    console.log(`\n${part} (${file}): ${cases.length} cases, ${points} expected expressions`);
    for (const who of ['ours', 'rt'] as const) {
      const t = tally[who];
      console.log(`  ${(who === 'ours' ? 'ours' : '@microsoft/recognizers-text-suite').padEnd(36)} cases ${pct(t.cases, cases.length).padEnd(18)} starts ${pct(t.starts, points).padEnd(18)} ends ${pct(t.ends, points)}`);
    }
    console.log('  our failures by class:');
    for (const [k, list] of [...byClass.entries()].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`    ${String(list.length).padStart(4)}  ${k}`);
      if (verbose && part === 'dev') for (const l of list) console.log('          ' + l);
    }
  }
}

if (require.main === module) main();
