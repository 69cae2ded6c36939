// What the runners of our authored spec sets share (datesNews.ts for the news and everyday sets, datesSpoken.ts): the
// dev and test parts to score (`--part dev` for the dev part alone, while fixing: the test part is run at the end),
// and the cases passing per class, ours against @microsoft/recognizers-text-suite, printed as one table.

/** The parts asked for on the command line, each as [name, cases] read by `load` from dev.jsonl / test.jsonl. */
export function partsToScore<T>(load: (file: string) => T[]): [string, T[]][] {
  const partArg = process.argv.indexOf('--part');
  const only = partArg >= 0 ? process.argv[partArg + 1] : undefined;
  return ([['dev', 'dev.jsonl'], ['test', 'test.jsonl']] as const)
    .filter(([part]) => !only || part === only)
    .map(([part, file]): [string, T[]] => [part, load(file)]);
}

interface Count {
  n: number;
  ours: number;
  rt: number;
}

/** Cases passing per part and class (classes in the order they first come), for ours and the library. */
export class ClassScores {
  private readonly counts = new Map<string, Count>();
  private readonly classes: string[] = [];

  add(part: string, cls: string, ours: boolean, rt: boolean): void {
    if (!this.classes.includes(cls)) this.classes.push(cls);
    for (const k of [`${part}/${cls}`, `${part}/*`]) {
      const s = this.counts.get(k) ?? { n: 0, ours: 0, rt: 0 };
      s.n++;
      if (ours) s.ours++;
      if (rt) s.rt++;
      this.counts.set(k, s);
    }
  }

  /** The table: a row per class and one for all, the class column `width` characters wide. */
  print(title: string, width: number): void {
    const cell = (s: Count | undefined, who: 'ours' | 'rt') =>
      s ? `${s[who]}/${s.n} (${((100 * s[who]) / s.n).toFixed(0)}%)`.padEnd(14) : ''.padEnd(14);
    console.log(title);
    console.log(`${'class'.padEnd(width)}${'dev ours'.padEnd(14)}${'dev RT'.padEnd(14)}${'test ours'.padEnd(14)}${'test RT'.padEnd(14)}`);
    for (const k of [...this.classes, '*']) {
      const d = this.counts.get(`dev/${k}`);
      const t = this.counts.get(`test/${k}`);
      console.log(`${(k === '*' ? 'all' : k).padEnd(width)}${cell(d, 'ours')}${cell(d, 'rt')}${cell(t, 'ours')}${cell(t, 'rt')}`);
    }
  }
}
