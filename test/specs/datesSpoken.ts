// Scores our date recogniser and @microsoft/recognizers-text-suite on our own spoken / voice-assistant set
// (test/specs/datesSpoken/, written by its author.ts before the fixes of that round): FST Time NLU's form and
// conventions (a reference time per query, the expected instants [start, end?] per expression, [] for none), read by
// the FST scorer (fstTime.ts: the same conversion of our values into instants and the same matching), per class.
//
//   npm run specs:dates-spoken [-- --verbose]     (--verbose lists the failures of the dev part only)
//   npm run specs:dates-spoken -- --part dev      (the dev part alone, while fixing; the test part is run at the end)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FstCase, Recognize, library, match, ours, strip } from './fstTime';

interface SpokenCase extends FstCase {
  id: string;
  class: string;
}

const dir = path.join(__dirname, 'datesSpoken');
const load = (file: string): SpokenCase[] =>
  fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as SpokenCase);

function main() {
  const verbose = process.argv.includes('--verbose');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suite = require('@microsoft/recognizers-text-suite');
  const recognize: Recognize = suite.recognizeDateTime;
  const partArg = process.argv.indexOf('--part');
  const only = partArg >= 0 ? process.argv[partArg + 1] : undefined;
  const parts = ([['dev', 'dev.jsonl'], ['test', 'test.jsonl']] as const)
    .filter(([part]) => !only || part === only)
    .map(([part, file]): [string, SpokenCase[]] => [part, load(file)]);
  const classes = [...new Set(parts.flatMap(([, cs]) => cs.map((c) => c.class)))];
  const score = new Map<string, { n: number; ours: number; rt: number }>();
  const failures: string[] = [];
  for (const [part, cs] of parts) {
    for (const c of cs) {
      const exp = c.datetime_result.map((r) => r.map(strip));
      const mine = ours(c);
      const okOurs = match(exp, mine).ok;
      const okRt = match(exp, library(recognize, suite.Culture.Chinese, c)).ok;
      for (const k of [`${part}/${c.class}`, `${part}/*`]) {
        const s = score.get(k) ?? { n: 0, ours: 0, rt: 0 };
        s.n++;
        if (okOurs) s.ours++;
        if (okRt) s.rt++;
        score.set(k, s);
      }
      if (verbose && part === 'dev' && !okOurs) {
        failures.push(`[${c.id}] ${c.query} (ref ${strip(c.metadata)})\n    expected ${JSON.stringify(exp)}\n    ours     ${JSON.stringify(mine)}`);
      }
    }
  }
  if (verbose) console.log(failures.join('\n') + '\n');
  const cell = (s: { n: number; ours: number; rt: number } | undefined, who: 'ours' | 'rt') =>
    s ? `${s[who]}/${s.n} (${((100 * s[who]) / s.n).toFixed(0)}%)`.padEnd(14) : ''.padEnd(14);
  console.log('Spoken / voice-assistant dates and times (FST form): cases with every start and end right, ours vs @microsoft/recognizers-text-suite');
  console.log(`${'class'.padEnd(16)}${'dev ours'.padEnd(14)}${'dev RT'.padEnd(14)}${'test ours'.padEnd(14)}${'test RT'.padEnd(14)}`);
  for (const k of [...classes, '*']) {
    const dv = score.get(`dev/${k}`);
    const t = score.get(`test/${k}`);
    console.log(`${(k === '*' ? 'all' : k).padEnd(16)}${cell(dv, 'ours')}${cell(dv, 'rt')}${cell(t, 'ours')}${cell(t, 'rt')}`);
  }
}

main();
