// Scores our date recogniser and @microsoft/recognizers-text-suite on one of our own date/time sets, per class:
// the news set of issue #10 (test/specs/datesNews/, the default) or the news and everyday set of the
// "generalise, and measure honestly" round (test/specs/datesEveryday/); each is dev.jsonl and test.jsonl written by
// the author.ts beside them.
//
//   npm run specs:dates-news [-- --verbose]
//   npm run specs:dates-everyday [-- --verbose]      (= tsx test/specs/datesNews.ts --set datesEveryday)
//   … -- --part dev                                     (the dev part alone, while fixing)
//
// A case passes when the DATE / TIME / DURATION spans found are exactly the expected ones: same offsets, same label,
// the same interval (see timexIntervals.ts: 2024-05 and 2024-05-01/2024-05-31 are the same; the library's
// "(start,end,duration)" resolutions are read as intervals, its past/future alternatives each count) and the same
// modifier; nothing else found. Negatives pass when nothing (or only the expected other spans) is found.
// --verbose lists the failures of the dev part only: the test part is reported as figures, never case by case.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recogniseDates } from '../../server/src/core/dates';
import { canonical, referenceDate, rtCanonicals, rtLabel, rtMod } from './timexIntervals';

interface Expected {
  start: number;
  end: number;
  text: string;
  label: string;
  timex: string;
  mod?: string;
}
interface Case {
  id: string;
  class: string;
  text: string;
  dct: string;
  spans: Expected[];
}
/** A found span: offsets (end exclusive), label, the interval strings it may stand for, modifier. */
interface Found {
  start: number;
  end: number;
  label: string;
  values: string[];
  mod?: string;
  timex: string;
}

const SETS: Record<string, string> = {
  datesNews: 'News dates/times set (issue #10)',
  datesEveryday: 'News and everyday dates/times set (round 3: relative days, weekdays, clock times, parts of the day, SETs …)',
};
const setArg = process.argv.indexOf('--set');
const setName = setArg >= 0 ? process.argv[setArg + 1] ?? '' : 'datesNews';
if (!(setName in SETS)) {
  console.error(`--set expects one of ${Object.keys(SETS).join(', ')}, got "${setName}"`);
  process.exit(2);
}
const dir = path.join(__dirname, setName);
const load = (file: string): Case[] =>
  fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);

function ours(c: Case): Found[] {
  return recogniseDates(c.text, c.dct)
    .filter((s) => s.label === 'DATE' || s.label === 'TIME' || s.label === 'DURATION')
    .map((s) => ({ start: s.start, end: s.end, label: s.label, values: [canonical(s.timex)], mod: s.mod, timex: s.timex ?? '' }));
}

type Recognize = (query: string, culture: string, options?: number, refDate?: Date) => any[];
function library(recognize: Recognize, culture: string, c: Case): Found[] {
  let found: any[];
  try {
    found = recognize(c.text, culture, undefined, referenceDate(c.dct));
  } catch {
    return [{ start: -1, end: -1, label: 'error', values: [], timex: '' }];
  }
  return found.map((r) => {
    const values: any[] = r.resolution?.values ?? [];
    return {
      start: r.start,
      end: r.end + 1,
      label: rtLabel(String(r.typeName)),
      values: values.flatMap((v) => rtCanonicals(v)),
      mod: rtMod(values.find((v) => v.Mod)?.Mod),
      timex: [...new Set(values.map((v) => String(v.timex ?? '')))].join('|'),
    };
  });
}

/** Why a case failed, or undefined when it passed. */
function compare(expected: Expected[], found: Found[]): string | undefined {
  const left = [...found];
  for (const e of expected) {
    const k = left.findIndex((a) => a.start === e.start && a.end === e.end);
    if (k < 0) return left.some((a) => a.start < e.end && e.start < a.end) ? 'boundary' : 'missed';
    const a = left.splice(k, 1)[0];
    if (a.label !== e.label) return 'label';
    if (!a.values.includes(canonical(e.timex))) return 'value';
    if ((a.mod ?? '') !== (e.mod ?? '')) return 'mod';
  }
  return left.length > 0 ? 'extra' : undefined;
}

function main() {
  const verbose = process.argv.includes('--verbose');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suite = require('@microsoft/recognizers-text-suite');
  const recognize: Recognize = suite.recognizeDateTime;
  // --part dev scores the dev part alone (while fixing: the test part is run once, at the end).
  const partArg = process.argv.indexOf('--part');
  const only = partArg >= 0 ? process.argv[partArg + 1] : undefined;
  const parts = ([['dev', 'dev.jsonl'], ['test', 'test.jsonl']] as const)
    .filter(([part]) => !only || part === only)
    .map(([part, file]): [string, Case[]] => [part, load(file)]);
  const classes = [...new Set(parts.flatMap(([, cs]) => cs.map((c) => c.class)))];
  const score = new Map<string, { n: number; ours: number; rt: number }>();
  const key = (part: string, k: string) => `${part}/${k}`;
  const failures: string[] = [];
  for (const [part, cs] of parts) {
    for (const c of cs) {
      const mine = ours(c);
      const whyOurs = compare(c.spans, mine);
      const whyRt = compare(c.spans, library(recognize, suite.Culture.Chinese, c));
      for (const k of [key(part, c.class), key(part, '*')]) {
        const s = score.get(k) ?? { n: 0, ours: 0, rt: 0 };
        s.n++;
        if (!whyOurs) s.ours++;
        if (!whyRt) s.rt++;
        score.set(k, s);
      }
      if (verbose && part === 'dev' && whyOurs) {
        const show = (xs: { start: number; end: number; label: string; timex: string; mod?: string }[]) =>
          xs.map((x) => `${c.text.slice(x.start, x.end)} ${x.label} ${x.timex}${x.mod ? ' ' + x.mod : ''}`).join('; ') || '—';
        failures.push(`[${c.id}] ${whyOurs}: ${c.text} (DCT ${c.dct})\n    expected: ${show(c.spans)}\n    ours:     ${show(mine)}`);
      }
    }
  }
  if (verbose) console.log(failures.join('\n') + '\n');
  const cell = (s: { n: number; ours: number; rt: number } | undefined, who: 'ours' | 'rt') =>
    s ? `${s[who]}/${s.n} (${((100 * s[who]) / s.n).toFixed(0)}%)`.padEnd(14) : ''.padEnd(14);
  console.log(`${SETS[setName]}: cases passing, interval-exact, ours vs @microsoft/recognizers-text-suite`);
  console.log(`${'class'.padEnd(20)}${'dev ours'.padEnd(14)}${'dev RT'.padEnd(14)}${'test ours'.padEnd(14)}${'test RT'.padEnd(14)}`);
  for (const k of [...classes, '*']) {
    const d = score.get(key('dev', k));
    const t = score.get(key('test', k));
    console.log(`${(k === '*' ? 'all' : k).padEnd(20)}${cell(d, 'ours')}${cell(d, 'rt')}${cell(t, 'ours')}${cell(t, 'rt')}`);
  }
}

main();
