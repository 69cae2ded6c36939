// Benchmark: time of each recogniser (figures, dates, entities) and of the .ann parser on adversarial text at
// 10 k, 100 k and 1 M characters per family, to show that time grows linearly (the last column, time at 1 M / time
// at 100 k, is about 10 for linear growth, about 100 for quadratic). CPU time of the process (process.cpuUsage), so
// other work on a shared machine disturbs it less than wall time. Prints figures; asserts nothing.
// Usage: npm run bench:adversarial [-- --sizes 10000,100000,1000000] [--families wan,title] [--only figures,dates]
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { recogniseFigures } from '../../server/src/core/figures';
import { recogniseDates } from '../../server/src/core/dates';
import { recogniseEntities } from '../../server/src/ner/entities';
import { parseAnn } from '../../server/src/annotations/annFile';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, families: { type: 'string' }, only: { type: 'string' } },
});
const sizes = (values.sizes ?? '10000,100000,1000000').split(',').map(Number);

const root = path.resolve(__dirname, '..', '..');
const corpusDir = path.join(root, 'test', 'fixtures', 'corpus');
const news = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith('.news') || (f.endsWith('.txt') && !/readme/i.test(f)))
  .map((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8'))
  .join('\n');

/** Text of exactly n UTF-16 units from a repeated unit (cut at a code point boundary). */
function repeatTo(unit: string, n: number): string {
  let s = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
  return s;
}

/** The adversarial families: what made a recogniser slow or crash before, and what might. */
const FAMILIES: Record<string, (n: number) => string> = {
  news: (n) => repeatTo(news + '\n', n),
  'news, unclosed 《 per paragraph': (n) => repeatTo(news.split('\n').map((p) => '《' + p).join('\n') + '\n', n),
  '《 only': (n) => repeatTo('《', n),
  '万 run': (n) => repeatTo('万', n),
  '百万 run': (n) => repeatTo('百万', n),
  '万亿 run': (n) => repeatTo('万亿', n),
  '第 run': (n) => repeatTo('第', n),
  '年 run': (n) => repeatTo('年', n),
  'digits run': (n) => repeatTo('1234567890', n),
  'Chinese numerals run': (n) => repeatTo('一二三四五六七八九十百千', n),
  'punctuation run': (n) => repeatTo('，。、；：“”（）《》—…', n),
  'unclosed brackets': (n) => repeatTo('（“「【增长3%', n),
  'mixed scripts, astral': (n) => repeatTo('𠀀🇨🇳abc中文2023年😀Ωш１２３', n),
  'CRLF lines': (n) => repeatTo('2023年6月18日\r\n3.5亿元\r\n', n),
};

type Measure = (text: string) => unknown;
const MEASURES: Record<string, Measure> = {
  figures: (t) => recogniseFigures(t),
  dates: (t) => recogniseDates(t, '2023-06-18'),
  entities: (t) => recogniseEntities(t),
  // an .ann whose tag lines carry the family's text (CRLF, astral characters and all), about as long as the text
  '.ann parse': (t) => parseAnn(annOf(t)),
};

function annOf(text: string): string {
  const chars = Array.from(text);
  const lines: string[] = [];
  for (let i = 0, k = 1; i < chars.length; i += 20, k++) {
    const piece = chars.slice(i, i + 20).join('').replace(/[\t\r\n]/g, ' ');
    lines.push(`T${k}\tLOC ${i} ${i + Math.min(20, chars.length - i)}\t${piece}`);
  }
  return lines.join('\n') + '\n';
}

function cpuMs(f: () => void): number {
  const before = process.cpuUsage();
  f();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

const families = values.families ? Object.keys(FAMILIES).filter((f) => values.families!.split(',').some((x) => f.includes(x))) : Object.keys(FAMILIES);
const measures = values.only ? Object.keys(MEASURES).filter((m) => values.only!.split(',').includes(m)) : Object.keys(MEASURES);

// warm up (model and tables load, JIT)
for (const m of measures) MEASURES[m](news.slice(0, 5000));

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0)).padStart(8);
console.log(`CPU ms per call (process CPU time); sizes in UTF-16 units; last column: time at ${sizes[sizes.length - 1]} / time at ${sizes[sizes.length - 2]}`);
console.log(`${'family'.padEnd(34)}${'measure'.padEnd(12)}${sizes.map((s) => String(s).padStart(8)).join('')}   ratio`);
for (const family of families) {
  for (const m of measures) {
    const times = sizes.map((n) => {
      const text = FAMILIES[family](n);
      return cpuMs(() => MEASURES[m](text));
    });
    const a = times[times.length - 2];
    const b = times[times.length - 1];
    const ratio = a > 0.5 ? (b / a).toFixed(1) : '-';
    console.log(`${family.padEnd(34)}${m.padEnd(12)}${times.map(fmt).join('')}   ${ratio}`);
  }
}
