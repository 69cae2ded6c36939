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
import { ClassScores, partsToScore } from './classScores';

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
  const scores = new ClassScores();
  const failures: string[] = [];
  for (const [part, cs] of partsToScore(load)) {
    for (const c of cs) {
      const exp = c.datetime_result.map((r) => r.map(strip));
      const mine = ours(c);
      const okOurs = match(exp, mine).ok;
      scores.add(part, c.class, okOurs, match(exp, library(recognize, suite.Culture.Chinese, c)).ok);
      if (verbose && part === 'dev' && !okOurs) {
        failures.push(`[${c.id}] ${c.query} (ref ${strip(c.metadata)})\n    expected ${JSON.stringify(exp)}\n    ours     ${JSON.stringify(mine)}`);
      }
    }
  }
  if (verbose) console.log(failures.join('\n') + '\n');
  scores.print('Spoken / voice-assistant dates and times (FST form): cases with every start and end right, ours vs @microsoft/recognizers-text-suite', 16);
}

main();
