// Speed of our figures + dates recognisers against @microsoft/recognizers-text-suite's five Chinese models.
//
//   npm run bench:recognisers [-- --bytes 2097152] [-- --library-chars 200000] [-- --rounds 5]
//
// Text: the MSRA training sentences (../shared/data/ner/msra/train-00.jsonl, override the shared folder with
// NEWS_ANNOTATOR_SHARED), concatenated in order (repeated if needed) until the UTF-8 size reaches --bytes (2 MiB), cut
// into article-sized chunks of at most 2,000 characters at sentence boundaries. Ours: analyze(chunk, {groups:
// ['figures', 'dates']}) per chunk (also figures alone and dates alone). Library: the number, percentage, currency,
// dimension and datetime models (built once, Culture.Chinese) on the same chunks, on a prefix of --library-chars
// characters because it is slow; its rate is computed per character on that prefix. Prints characters per second of
// CPU time (wall time alongside), the ratio and the peak resident set size.
// Ours is timed over --rounds passes after one untimed warm-up pass (figures, dates, analyze in turn each round): the
// rate printed is the median pass, with the first timed pass beside it (it still pays for much of V8's optimising
// compilation, which runs on other threads and counts as this process's CPU time); on a shared machine single passes
// vary by ±30%.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { recogniseFigures } from '../../server/src/core/figures';
import { recogniseDates } from '../../server/src/core/dates';

function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(name);
  if (k < 0) return fallback;
  const v = Number(process.argv[k + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`${name} needs a positive number, got ${process.argv[k + 1]}`);
    process.exit(2);
  }
  return v;
}

const repoRoot = path.resolve(__dirname, '..', '..');
const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const corpusFile = path.join(shared, 'data', 'ner', 'msra', 'train-00.jsonl');
const libraryChars = arg('--library-chars', 200_000);
const rounds = Math.round(arg('--rounds', 5));
const CHUNK = 2000;

export function buildChunks(targetBytes = arg('--bytes', 2 * 1024 * 1024)): string[] {
  if (!fs.existsSync(corpusFile)) {
    console.error(`Corpus not found: ${corpusFile} (set NEWS_ANNOTATOR_SHARED to the shared folder).`);
    process.exit(2);
  }
  const sentences: string[] = [];
  for (const line of fs.readFileSync(corpusFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text: string }).text;
    if (text) sentences.push(text);
  }
  const chunks: string[] = [];
  let bytes = 0;
  let cur = '';
  for (let k = 0; bytes < targetBytes; k = (k + 1) % sentences.length) {
    const s = sentences[k];
    if (cur.length + s.length + 1 > CHUNK && cur) {
      chunks.push(cur);
      cur = '';
    }
    cur += (cur ? '\n' : '') + s;
    bytes += Buffer.byteLength(s, 'utf8') + 1;
  }
  if (cur) chunks.push(cur);
  return chunks;
}

/** Runs fn; `ms` is this process's CPU time (user + system), robust when other jobs share the cores; `wallMs` too. */
export function time(fn: () => number): { ms: number; wallMs: number; found: number } {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const found = fn();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6, found };
}

function rate(chars: number, ms: number): string {
  return Math.round((chars / ms) * 1000).toLocaleString('en-US');
}

export function loadLibraryModels(): { name: string; parse: (q: string) => unknown[] }[] {
  const suiteDir = path.dirname(require.resolve('@microsoft/recognizers-text-suite/package.json'));
  const load = (name: string) => require(require.resolve(name, { paths: [suiteDir] }));
  const Num = load('@microsoft/recognizers-text-number');
  const Unit = load('@microsoft/recognizers-text-number-with-unit');
  const Dt = load('@microsoft/recognizers-text-date-time');
  const zh = Num.Culture.Chinese;
  const num = new Num.NumberRecognizer(zh);
  const unit = new Unit.NumberWithUnitRecognizer(zh);
  const dt = new Dt.DateTimeRecognizer(zh);
  const models = [
    ['number', num.getNumberModel()],
    ['percentage', num.getPercentageModel()],
    ['currency', unit.getCurrencyModel()],
    ['dimension', unit.getDimensionModel()],
    ['datetime', dt.getDateTimeModel()],
  ] as const;
  return models.map(([name, model]) => ({ name, parse: (q: string) => model.parse(q) }));
}

function main(): void {
  const chunks = buildChunks();
  const chars = chunks.reduce((n, c) => n + c.length, 0);
  console.log('Rates are characters per second of CPU time (user + system) of this process.');
  const bytes = chunks.reduce((n, c) => n + Buffer.byteLength(c, 'utf8'), 0);
  console.log(`Text: ${chars.toLocaleString('en-US')} characters (${(bytes / 1048576).toFixed(2)} MiB UTF-8) from ${path.relative(repoRoot, corpusFile)}, ${chunks.length} chunks of <= ${CHUNK} characters`);

  // Warm-up (JIT): one untimed pass.
  for (const c of chunks) analyze(c, { groups: ['figures', 'dates'] });

  const passes: Record<'figs' | 'dates' | 'both', ReturnType<typeof time>[]> = { figs: [], dates: [], both: [] };
  for (let r = 0; r < rounds; r++) {
    passes.figs.push(time(() => chunks.reduce((n, c) => n + recogniseFigures(c).length, 0)));
    passes.dates.push(time(() => chunks.reduce((n, c) => n + recogniseDates(c, '2023-06-18').length, 0)));
    passes.both.push(time(() => chunks.reduce((n, c) => n + analyze(c, { groups: ['figures', 'dates'] }).spans.length, 0)));
  }
  const median = (list: ReturnType<typeof time>[]) => [...list].sort((a, b) => a.ms - b.ms)[Math.floor((list.length - 1) / 2)];
  const figs = median(passes.figs);
  const dates = median(passes.dates);
  const both = median(passes.both);
  const oursRss = process.resourceUsage().maxRSS / 1024;
  console.log(`ours: median of ${rounds} timed passes after one warm-up pass (the first timed pass at the end of each line)`);
  const line = (what: string, m: ReturnType<typeof time>, first: ReturnType<typeof time>) =>
    console.log(`ours   ${what.padEnd(22)} ${rate(chars, m.ms).padStart(12)} chars/s  (${m.found} spans, ${m.ms.toFixed(0)} ms CPU, ${m.wallMs.toFixed(0)} ms wall; first pass ${rate(chars, first.ms)} chars/s)`);
  line('figures only', figs, passes.figs[0]);
  line('dates only', dates, passes.dates[0]);
  line('analyze figures+dates', both, passes.both[0]);
  console.log(`peak RSS after ours: ${oursRss.toFixed(0)} MiB`);

  // The library on a prefix of the same chunks.
  const models = loadLibraryModels();
  const prefix: string[] = [];
  let prefixChars = 0;
  for (const c of chunks) {
    if (prefixChars >= libraryChars) break;
    prefix.push(c);
    prefixChars += c.length;
  }
  for (const c of prefix.slice(0, 3)) for (const m of models) m.parse(c); // warm-up
  let libMs = 0;
  let libFound = 0;
  for (const m of models) {
    const r = time(() => prefix.reduce((n, c) => n + m.parse(c).length, 0));
    libMs += r.ms;
    libFound += r.found;
    console.log(`library ${m.name.padEnd(21)} ${rate(prefixChars, r.ms).padStart(12)} chars/s  (${r.found} results, ${r.ms.toFixed(0)} ms CPU, ${r.wallMs.toFixed(0)} ms wall)`);
  }
  const libRate = (prefixChars / libMs) * 1000;
  const oursRate = (chars / both.ms) * 1000; // the median pass
  console.log(`library five models together ${rate(prefixChars, libMs).padStart(12)} chars/s  on a ${prefixChars.toLocaleString('en-US')}-character prefix (${prefix.length} chunks)`);
  console.log(`ratio ours (analyze figures+dates) / library (five models): ${(oursRate / libRate).toFixed(1)}x`);
  console.log(`peak RSS overall: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

if (require.main === module) main();
