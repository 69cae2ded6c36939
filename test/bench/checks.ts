// Firing rate of the Diagnose rules on real news text: MSRA (People's Daily) sentences grouped into pseudo-articles
// of about 2,000 characters, analysed with analyze() and checked with checkDocument().
// Usage: tsx test/bench/checks.ts [--chars N] [--samples K] [--rule ID]
//   prints findings per rule per 100k characters, and up to K sample findings per rule with context for inspection.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { analyze } from '../../server/src/core/analyze';
import { checkDocument, RULE_IDS } from '../../server/src/core/checks';

const { values } = parseArgs({
  options: { chars: { type: 'string', default: '2200000' }, samples: { type: 'string', default: '10' }, rule: { type: 'string' }, corpus: { type: 'string', default: 'msra' } },
});
const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(__dirname, '..', '..', '..', 'shared');
const dir = path.join(shared, 'data', 'ner', values.corpus!);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
const limit = Number(values.chars);
const sampleCount = Number(values.samples);

const docs: string[] = [];
let current: string[] = [];
let currentLength = 0;
let total = 0;
outer: for (const file of files) {
  for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text: string = JSON.parse(line).text;
    current.push(text);
    currentLength += text.length;
    total += [...text].length + 1;
    if (currentLength >= 2000) {
      docs.push(current.join('\n'));
      current = [];
      currentLength = 0;
    }
    if (total >= limit) break outer;
  }
}
if (current.length) docs.push(current.join('\n'));

const counts = new Map<string, number>(RULE_IDS.map((id) => [id, 0]));
const samples = new Map<string, string[]>();
let chars = 0;
const started = Date.now();
for (const doc of docs) {
  const cps = [...doc];
  chars += cps.length;
  for (const f of checkDocument(doc, analyze(doc))) {
    if (values.rule && f.rule !== values.rule) continue;
    counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    const list = samples.get(f.rule) ?? [];
    samples.set(f.rule, list);
    if (list.length < sampleCount) {
      const ctx = cps.slice(Math.max(0, f.start - 12), f.start).join('') + '⟦' + cps.slice(f.start, f.end).join('') + '⟧' + cps.slice(f.end, f.end + 12).join('');
      list.push(`${ctx.replace(/\n/g, '⏎')}  — ${f.message}`);
    }
  }
}
const seconds = (Date.now() - started) / 1000;
console.log(`${values.corpus}: ${docs.length} pseudo-articles, ${chars} characters, ${seconds.toFixed(1)} s (analysis + checks)`);
for (const [rule, n] of counts) console.log(`${rule.padEnd(24)} ${String(n).padStart(5)} findings  ${((n * 100000) / chars).toFixed(2).padStart(7)} per 100k chars`);
for (const [rule, list] of samples) {
  console.log(`\n## ${rule}`);
  for (const s of list) console.log('  ' + s);
}
