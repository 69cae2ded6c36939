// Scores our date recogniser and @microsoft/recognizers-text-suite on one of our own date/time sets, per class:
// the news set of issue #10 (test/specs/datesNews/, the default) or the news and everyday set of the
// "generalise, and measure honestly" round (test/specs/datesEveryday/); each is dev.jsonl and test.jsonl written by
// the author.ts beside them.
//
//   npm run specs:dates-news [-- --verbose]
//   npm run specs:dates-everyday [-- --verbose]      (= tsx test/specs/datesNews.ts --set datesEveryday)
//   npm run specs:dates-gaps [-- --verbose]          (= tsx test/specs/datesNews.ts --set datesGaps)
//   … -- --part dev                                     (the dev part alone, while fixing)
//
// A case passes when the DATE / TIME / DURATION spans found are exactly the expected ones: same offsets, same label,
// the same interval (see timexIntervals.ts: 2024-05 and 2024-05-01/2024-05-31 are the same; the library's
// "(start,end,duration)" resolutions are read as intervals, its past/future alternatives each count) and the same
// modifier; nothing else found. Negatives pass when nothing (or only the expected other spans) is found.
// --verbose lists the failures of the dev part only: the test part is reported as figures, never case by case.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClassScores, partsToScore } from './classScores';
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
  datesGaps: 'Date/time gaps set (round 2, eighth session: quarter-hours and 钟头, ten-day parts alone, week words before 天气)',
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
  const scores = new ClassScores();
  const failures: string[] = [];
  for (const [part, cs] of partsToScore(load)) {
    for (const c of cs) {
      const mine = ours(c);
      const whyOurs = compare(c.spans, mine);
      scores.add(part, c.class, !whyOurs, !compare(c.spans, library(recognize, suite.Culture.Chinese, c)));
      if (verbose && part === 'dev' && whyOurs) {
        const show = (xs: { start: number; end: number; label: string; timex: string; mod?: string }[]) =>
          xs.map((x) => `${c.text.slice(x.start, x.end)} ${x.label} ${x.timex}${x.mod ? ' ' + x.mod : ''}`).join('; ') || '—';
        failures.push(`[${c.id}] ${whyOurs}: ${c.text} (DCT ${c.dct})\n    expected: ${show(c.spans)}\n    ours:     ${show(mine)}`);
      }
    }
  }
  if (verbose) console.log(failures.join('\n') + '\n');
  scores.print(`${SETS[setName]}: cases passing, interval-exact, ours vs @microsoft/recognizers-text-suite`, 20);
}

main();
