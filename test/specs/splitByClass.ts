// The dev/test split of an authored spec set (test/specs/*/author.ts): within each class a seeded shuffle
// (mulberry32), the first half (rounded up) to dev, the rest to test; written as dev.jsonl and test.jsonl with the
// counts printed. The seed is fixed in each author script, so re-running it gives the same files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../../server/src/formats/split';

export function writeSplitByClass<T extends { class: string }>(cases: readonly T[], dir: string, seed: number): void {
  const rand = mulberry32(seed);
  const dev: T[] = [];
  const test: T[] = [];
  const classes = [...new Set(cases.map((x) => x.class))];
  for (const k of classes) {
    const group = cases.filter((x) => x.class === k);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    const half = Math.ceil(group.length / 2);
    dev.push(...group.slice(0, half));
    test.push(...group.slice(half));
  }
  const put = (file: string, list: T[]) => fs.writeFileSync(path.join(dir, file), list.map((x) => JSON.stringify(x)).join('\n') + '\n');
  put('dev.jsonl', dev);
  put('test.jsonl', test);
  console.log(`${cases.length} cases (${dev.length} dev, ${test.length} test) in ${classes.length} classes:`);
  for (const k of classes) console.log(`  ${k}: ${cases.filter((x) => x.class === k).length}`);
}
