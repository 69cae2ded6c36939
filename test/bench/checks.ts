// Firing rate of the Diagnose rules on real news text: MSRA (People's Daily) sentences grouped into pseudo-articles
// of about 2,000 characters, analysed with analyze() and checked with checkDocument().
// Usage: tsx test/bench/checks.ts [--chars N] [--samples K] [--rule ID] [--corpus msra|cluener2020] [--seeded] [--timing]
//   --timing: also the time of each rule run alone (the others off), in ms per million characters.
//   prints findings per rule per 100k characters, and up to K sample findings per rule with context for inspection.
//   --seeded: writes one known error into each pseudo-article (a rule chosen in turn; an entity variant is made from
//   a gold entity of the corpus) and prints per rule how many seeded errors were found (recall) and how many
//   findings were not at a seeded error (the rest of the text is edited news, so these are false positives).
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { analyze } from '../../server/src/analysis/analyze';
import { checkDocument, RULE_IDS } from '../../server/src/checks';

const { values } = parseArgs({
  options: { chars: { type: 'string', default: '2200000' }, samples: { type: 'string', default: '10' }, rule: { type: 'string' }, seeded: { type: 'boolean', default: false }, timing: { type: 'boolean', default: false }, corpus: { type: 'string', default: 'msra' } },
});
const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(__dirname, '..', '..', '..', 'shared');
const dir = path.join(shared, 'data', 'ner', values.corpus!);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
const limit = Number(values.chars);
const sampleCount = Number(values.samples);

const docs: string[] = [];
const docEntities: string[][] = [];
let currentEntities: string[] = [];
let current: string[] = [];
let currentLength = 0;
let total = 0;
outer: for (const file of files) {
  for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { text: string; entities?: [number, number, string][] };
    const text = record.text;
    const cps = [...text];
    for (const [a, b, label] of record.entities ?? []) if (label === 'PER' || label === 'ORG') currentEntities.push(cps.slice(a, b).join(''));
    current.push(text);
    currentLength += text.length;
    total += [...text].length + 1;
    if (currentLength >= 2000) {
      docs.push(current.join('\n'));
      docEntities.push(currentEntities);
      currentEntities = [];
      current = [];
      currentLength = 0;
    }
    if (total >= limit) break outer;
  }
}
if (current.length) {
  docs.push(current.join('\n'));
  docEntities.push(currentEntities);
}
/** Simplified → traditional for seeding script variants. */
const TRAD_OF: Record<string, string> = { 国: '國', 华: '華', 张: '張', 陈: '陳', 刘: '劉', 黄: '黃', 赵: '趙', 杨: '楊', 东: '東', 广: '廣', 龙: '龍', 伟: '偉', 军: '軍', 会: '會', 团: '團', 学: '學', 电: '電', 业: '業', 发: '發', 经: '經', 苏: '蘇' };
if (values.seeded) {
  seeded();
  process.exit(0);
}

const analyses = values.timing ? new Map<string, ReturnType<typeof analyze>>() : undefined;
const counts = new Map<string, number>(RULE_IDS.map((id) => [id, 0]));
const samples = new Map<string, string[]>();
let chars = 0;
let checkNs = 0n;
const started = Date.now();
for (const doc of docs) {
  const cps = [...doc];
  chars += cps.length;
  const analysis = analyze(doc);
  analyses?.set(doc, analysis);
  const t = process.hrtime.bigint();
  const findings = checkDocument(doc, analysis);
  checkNs += process.hrtime.bigint() - t;
  for (const f of findings) {
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
console.log(`${values.corpus}: ${docs.length} pseudo-articles, ${chars} characters, ${seconds.toFixed(1)} s (analysis + checks), checkDocument alone ${(Number(checkNs) / 1e6).toFixed(0)} ms (${((Number(checkNs) / 1e6 / chars) * 1e6).toFixed(0)} ms per million characters)`);
for (const [rule, n] of counts) console.log(`${rule.padEnd(24)} ${String(n).padStart(5)} findings  ${((n * 100000) / chars).toFixed(2).padStart(7)} per 100k chars`);
for (const [rule, list] of samples) {
  console.log(`\n## ${rule}`);
  for (const s of list) console.log('  ' + s);
}

if (analyses) {
  console.log('\nper rule, run alone (ms per million characters):');
  for (const id of RULE_IDS) {
    const rules = Object.fromEntries(RULE_IDS.map((r) => [r, r === id ? undefined : 'off']));
    const t = process.hrtime.bigint();
    for (const [doc, analysis] of analyses) checkDocument(doc, analysis, { rules: rules as Record<string, 'off'> });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(`${id.padEnd(27)} ${((ms / chars) * 1e6).toFixed(0).padStart(6)}`);
  }
}

/** A deterministic pseudo-random sequence (xorshift), so seeded runs repeat. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}


/** One error of a given rule, as text to insert after a sentence: [fragment, the text the finding must cover]. */
function seedError(rule: string, random: () => number, entities: string[]): [string, string] | undefined {
  const int = (a: number, b: number) => a + Math.floor(random() * (b - a + 1));
  switch (rule) {
    case 'figure-malformed': {
      const kind = int(0, 3);
      const f =
        kind === 0 ? `${int(1, 9)}.${int(1, 9)}.${int(1, 9)}` : kind === 1 ? `${int(1, 9)},${int(10, 99)},${int(100, 999)}` : kind === 2 ? `${int(1, 9)}${String.fromCharCode(0xff10 + int(0, 9))}${int(0, 9)}` : `百分之${int(10, 90)}%`;
      return [`据统计，总额为${f}${kind === 3 ? '' : '亿元'}。`, f];
    }
    case 'date-invalid': {
      const [m, d] = [[2, int(30, 31)], [4, 31], [6, 31], [9, 31], [11, 31], [int(13, 19), int(1, 28)]][int(0, 5)];
      const f = `${int(1990, 2025)}年${m}月${d}日`;
      return [`会议于${f}召开。`, f];
    }
    case 'date-weekday-mismatch': {
      const y = int(1990, 2025);
      const m = int(1, 12);
      const d = int(1, 28);
      const actual = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
      const wrong = (actual + int(1, 6)) % 7;
      const f = `${y}年${m}月${d}日（星期${'日一二三四五六'[wrong]}）`;
      return [`活动定于${f}举行。`, f];
    }
    case 'range-reversed': {
      const small = int(5, 40);
      const big = small + int(5, 40);
      const f = int(0, 1) ? `${big}%—${small}%` : `${big}至${small}万元`;
      return [`预计增幅在${f}。`, f];
    }
    case 'entity-script-variant': {
      const name = entities.find((e) => [...e].length >= 2 && [...e].some((c) => TRAD_OF[c]));
      if (!name) return undefined;
      const variant = [...name].map((c) => TRAD_OF[c] ?? c).join('');
      return [`${variant}对此表示欢迎。`, variant];
    }
    case 'entity-space-variant': {
      const name = entities.find((e) => /^[\u4e00-\u9fff]{2,3}$/.test(e));
      if (!name) return undefined;
      const variant = name[0] + ' ' + name.slice(1);
      return [`${variant}对此表示欢迎。`, variant];
    }
  }
  return undefined;
}

function seeded(): void {
  const rules = ['figure-malformed', 'date-invalid', 'date-weekday-mismatch', 'range-reversed', 'entity-script-variant', 'entity-space-variant'];
  const random = rng(20231118);
  const stats = new Map(rules.map((r) => [r, { seeded: 0, found: 0 }]));
  const falsePositives = new Map<string, number>();
  const misses: string[] = [];
  const fpSamples: string[] = [];
  let chars = 0;
  docs.forEach((doc, i) => {
    const rule = rules[i % rules.length];
    const seed = seedError(rule, random, docEntities[i]);
    if (!seed) return;
    const [fragment, target] = seed;
    // insert after a random sentence end
    const ends = [...doc.matchAll(/。/g)].map((m) => m.index! + 1);
    const at = ends.length ? ends[Math.floor(random() * ends.length)] : doc.length;
    const text = doc.slice(0, at) + fragment + doc.slice(at);
    chars += [...text].length;
    const targetStart = [...text.slice(0, at + fragment.indexOf(target))].length;
    const targetEnd = targetStart + [...target].length;
    stats.get(rule)!.seeded++;
    const cps = [...text];
    let hit = false;
    for (const f of checkDocument(text, analyze(text))) {
      const atSeed = f.start < targetEnd && targetStart < f.end;
      if (atSeed && f.rule === rule) hit = true;
      else if (!atSeed) {
        falsePositives.set(f.rule, (falsePositives.get(f.rule) ?? 0) + 1);
        if (fpSamples.length < 20) fpSamples.push(`${f.rule}: ${cps.slice(Math.max(0, f.start - 10), f.end + 10).join('').replace(/\n/g, '⏎')}`);
      }
    }
    if (hit) stats.get(rule)!.found++;
    else if (misses.length < 20) misses.push(`${rule}: ${fragment}`);
  });
  console.log(`${values.corpus} seeded: ${docs.length} pseudo-articles, ${chars} characters, one seeded error each`);
  for (const [rule, s] of stats) console.log(`${rule.padEnd(24)} found ${String(s.found).padStart(4)} of ${String(s.seeded).padStart(4)} seeded  (recall ${((100 * s.found) / Math.max(1, s.seeded)).toFixed(1)}%)`);
  const fp = [...falsePositives.values()].reduce((a, b) => a + b, 0);
  console.log(`findings away from the seeded errors: ${fp} (${[...falsePositives].map(([r, n]) => `${r} ${n}`).join(', ') || 'none'})`);
  if (misses.length) console.log('\nmissed (sample):\n  ' + misses.join('\n  '));
  if (fpSamples.length) console.log('\naway from seeds (sample):\n  ' + fpSamples.join('\n  '));
}
