// Scores the Diagnose arithmetic rules on the planted contradictions (test/specs/contradictions.ts): recall per
// rule (a finding of the right rule overlapping the planted text) and consistent sentences flagged (any finding of
// change-rate-mismatch or parts-whole-mismatch). Usage: npm run bench:contradictions [-- --show]
import { parseArgs } from 'util';
import { analyze } from '../../server/src/analysis/analyze';
import { checkDocument } from '../../server/src/checks';
import { PLANTED } from '../specs/contradictions';

const { values } = parseArgs({ options: { show: { type: 'boolean', default: false } } });
const ARITHMETIC = new Set(['change-rate-mismatch', 'parts-whole-mismatch']);
const recall = new Map<string, { planted: number; found: number }>();
let consistent = 0;
let flaggedConsistent = 0;
const misses: string[] = [];
const falseAlarms: string[] = [];
for (const item of PLANTED) {
  const findings = checkDocument(item.text, analyze(item.text, { groups: ['figures', 'dates'] })).filter((f) => ARITHMETIC.has(f.rule));
  const cps = [...item.text];
  if (item.rule) {
    const r = recall.get(item.rule) ?? { planted: 0, found: 0 };
    recall.set(item.rule, r);
    r.planted++;
    const at = item.text.indexOf(item.flag!);
    const start = [...item.text.slice(0, at)].length;
    const end = start + [...item.flag!].length;
    if (findings.some((f) => f.rule === item.rule && f.start < end && start < f.end)) r.found++;
    else misses.push(`${item.rule} [${item.source}] ${item.text}`);
  } else {
    consistent++;
    if (findings.length) {
      flaggedConsistent++;
      falseAlarms.push(`[${item.source}] ${item.text}  — ${findings.map((f) => `${f.rule}: ${cps.slice(f.start, f.end).join('')}`).join('; ')}`);
    }
  }
}
let planted = 0;
let found = 0;
for (const [rule, r] of recall) {
  planted += r.planted;
  found += r.found;
  console.log(`${rule.padEnd(22)} found ${String(r.found).padStart(3)} of ${String(r.planted).padStart(3)} planted (recall ${((100 * r.found) / r.planted).toFixed(1)}%)`);
}
console.log(`all contradictions     found ${found} of ${planted} (recall ${((100 * found) / planted).toFixed(1)}%)`);
console.log(`consistent sentences   ${flaggedConsistent} of ${consistent} flagged`);
if (values.show || misses.length <= 20) for (const m of misses) console.log(`  missed: ${m}`);
for (const m of falseAlarms) console.log(`  flagged: ${m}`);
