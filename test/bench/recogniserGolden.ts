// Golden check for speed work on the figures and dates recognisers: records everything they return on a fixed set of
// texts, so that a change meant to make them faster can be shown to change nothing they find.
//
//   npm run golden:recognisers -- --save /tmp/golden-before.jsonl      (on the code before the change)
//   npm run golden:recognisers -- --compare /tmp/golden-before.jsonl   (after: exit 1 on any difference)
//
// Texts: the bench:recognisers chunks (2 MiB of MSRA train-00), 1 M characters of MSRA train-01 and all of train-02
// in 2,000-character chunks, every case of the issue #10 news sets (test/specs/figuresNews, datesNews) with its DCT,
// every Chinese Recognizers-Text spec input (Number, NumberWithUnit, DateTime) with its reference date, every FST Time
// NLU query with its reference time, the sample corpus, and each bench:adversarial family at 3,000 and 30,000
// characters. Per text: recogniseFigures, recogniseDates (the case's DCT, else 2023-06-18, a DCT with a clock time and
// none), recogniseDatesIn over its lines one after the other (the language server's path), and analyze with figures
// and dates. Prints one SHA-256 per source and overall; the saved file holds one JSON line per text.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { recogniseFigures } from '../../server/src/core/figures';
import { recogniseDates, recogniseDatesIn, type DateScanState } from '../../server/src/core/dates';
import { joinRanges } from '../../server/src/core/dateRanges';
import type { RawSpan } from '../../server/src/core/types';
import { buildChunks } from './recognisers';

const root = path.resolve(__dirname, '..', '..');
const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(root, '..', 'shared');

interface Input {
  source: string;
  text: string;
  dct?: string;
}

function chunk(sentences: string[], maxChars: number, size = 2000): string[] {
  const out: string[] = [];
  let cur = '';
  let total = 0;
  for (const s of sentences) {
    if (total >= maxChars) break;
    if (cur && cur.length + s.length + 1 > size) {
      out.push(cur);
      cur = '';
    }
    cur += (cur ? '\n' : '') + s;
    total += s.length + 1;
  }
  if (cur) out.push(cur);
  return out;
}

function msra(file: string): string[] {
  return fs
    .readFileSync(path.join(shared, 'data', 'ner', 'msra', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

function jsonl<T>(file: string): T[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function repeatTo(unit: string, n: number): string {
  let s = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
  return s;
}

function inputs(): Input[] {
  const list: Input[] = [];
  for (const text of buildChunks(2 * 1024 * 1024)) list.push({ source: 'bench chunks (MSRA train-00)', text });
  for (const text of chunk(msra('train-01.jsonl'), 1_000_000)) list.push({ source: 'MSRA train-01 (1 M chars)', text });
  for (const text of chunk(msra('train-02.jsonl'), Infinity)) list.push({ source: 'MSRA train-02', text });
  for (const set of ['figuresNews', 'datesNews']) {
    for (const part of ['dev.jsonl', 'test.jsonl']) {
      for (const c of jsonl<{ text: string; dct?: string }>(path.join(root, 'test', 'specs', set, part))) {
        list.push({ source: `test/specs/${set}`, text: c.text, dct: c.dct });
      }
    }
  }
  const specs = path.join(shared, 'data', 'specs', 'recognizers-text-zh', 'Specs');
  for (const file of walk(specs).filter((f) => f.endsWith('.json') && f.includes(`${path.sep}Chinese${path.sep}`)).sort()) {
    const family = path.relative(specs, file).split(path.sep)[0];
    if (!['Number', 'NumberWithUnit', 'DateTime'].includes(family)) continue;
    for (const c of JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { Input: string; Context?: { ReferenceDateTime?: string } }[]) {
      list.push({ source: `RT specs ${family}`, text: c.Input, dct: c.Context?.ReferenceDateTime?.slice(0, 19) });
    }
  }
  for (const file of ['groundtruth_utc.jsonl', 'groundtruth_utc_test.jsonl']) {
    for (const c of jsonl<{ query: string; metadata: string }>(path.join(shared, 'data', 'specs', 'fst-time-nlu-zh', file))) {
      list.push({ source: 'FST Time NLU', text: c.query, dct: c.metadata.replace(/Z$/, '').slice(0, 19) });
    }
  }
  const corpus = path.join(root, 'test', 'fixtures', 'corpus');
  const news: string[] = [];
  for (const f of fs.readdirSync(corpus).sort()) {
    const text = fs.readFileSync(path.join(corpus, f), 'utf8');
    list.push({ source: 'sample corpus', text });
    if (!/readme/i.test(f)) news.push(text);
  }
  const families: Record<string, string> = {
    news: news.join('\n') + '\n',
    unclosedTitle: news.join('\n').split('\n').map((p) => '《' + p).join('\n') + '\n',
    title: '《', wan: '万', baiwan: '百万', wanyi: '万亿', di: '第', nian: '年', digits: '1234567890',
    cnNumerals: '一二三四五六七八九十百千', punctuation: '，。、；：“”（）《》—…', brackets: '（“「【增长3%',
    astral: '𠀀🇨🇳abc中文2023年😀Ωш１２３', crlf: '2023年6月18日\r\n3.5亿元\r\n',
    cnDigitDates: '二〇二三年六月十八日一二三四五六七八九〇', cnNumeralYears: '一九九八二〇二三年五月',
  };
  for (const [name, unit] of Object.entries(families)) {
    for (const n of [3000, 30000]) list.push({ source: 'adversarial families', text: repeatTo(unit, n) + (name === 'news' ? '' : ` (${name})`) });
  }
  return list;
}

/** recogniseDatesIn over the lines of text one after the other, ranges joined: the language server's path. */
function datesByLines(text: string, dct: string | undefined): RawSpan[] {
  const spans: RawSpan[] = [];
  let state: DateScanState | undefined;
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl + 1;
    const r = recogniseDatesIn(text, dct, from, to, state);
    for (const s of r.spans) spans.push(s);
    state = r.state;
    from = to;
  }
  return joinRanges(text, spans);
}

function record(inp: Input): string {
  const dct = inp.dct ?? '2023-06-18';
  const out = {
    figures: recogniseFigures(inp.text),
    dates: recogniseDates(inp.text, dct),
    datesClock: recogniseDates(inp.text, dct.length === 10 ? dct + 'T09:30' : dct.slice(0, 10)),
    datesNoDct: recogniseDates(inp.text, undefined),
    datesByLines: datesByLines(inp.text, dct),
    analyze: analyze(inp.text, { groups: ['figures', 'dates'], dct: inp.dct }),
  };
  return JSON.stringify(out);
}

function main(): void {
  const save = process.argv.indexOf('--save');
  const compare = process.argv.indexOf('--compare');
  const list = inputs();
  const lines: string[] = [];
  const bySource = new Map<string, crypto.Hash>();
  const all = crypto.createHash('sha256');
  for (const inp of list) {
    const line = JSON.stringify({ source: inp.source, dct: inp.dct, text: inp.text.length > 200 ? inp.text.slice(0, 200) + '…' : inp.text }) + '\t' + record(inp);
    lines.push(line);
    if (!bySource.has(inp.source)) bySource.set(inp.source, crypto.createHash('sha256'));
    bySource.get(inp.source)!.update(line + '\n');
    all.update(line + '\n');
  }
  const chars = list.reduce((n, x) => n + x.text.length, 0);
  for (const [source, h] of bySource) {
    const count = list.filter((x) => x.source === source).length;
    console.log(`${h.digest('hex').slice(0, 16)}  ${source} (${count} texts)`);
  }
  console.log(`${all.digest('hex')}  all ${list.length} texts, ${chars.toLocaleString('en-US')} characters`);
  if (save > 0) {
    fs.writeFileSync(process.argv[save + 1], lines.join('\n') + '\n');
    console.log(`saved to ${process.argv[save + 1]}`);
  }
  if (compare > 0) {
    const before = fs.readFileSync(process.argv[compare + 1], 'utf8').split('\n').filter((l) => l);
    let differ = 0;
    if (before.length !== lines.length) console.log(`different number of texts: ${before.length} before, ${lines.length} now`);
    for (let k = 0; k < Math.min(before.length, lines.length); k++) {
      if (before[k] === lines[k]) continue;
      if (differ++ < 5) console.log(`DIFFERENT text ${k}:\n  before ${before[k].slice(0, 1500)}\n  now    ${lines[k].slice(0, 1500)}`);
    }
    console.log(differ === 0 && before.length === lines.length ? 'IDENTICAL to the saved output' : `${differ} texts differ`);
    if (differ > 0 || before.length !== lines.length) process.exitCode = 1;
  }
}

main();
