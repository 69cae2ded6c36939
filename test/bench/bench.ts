// npm run bench: one table of the figures issue #12 asks for, each row with its reference measured in the same run.
// Builds first (the language server and the CLI are measured as shipped: dist/server/*.js). CPU time is given
// beside wall time wherever other load on the machine would distort a wall-clock figure; the load average is
// printed with the table. Asserts nothing.
//   npm run bench [-- --quick] [-- --only PART,...] [-- --no-build]
//   --quick: fewer repetitions, smaller inputs; --only: some of recognisers, entities, lsp, keystroke, cold, memory,
//   jsonl, export
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/analyze';
import { buildChunks, loadLibraryModels, time } from './recognisers';
import { measureNer } from './ner';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalAnalysis } from '../../server/src/analysis/incrementalAnalysis';
import { recogniseEntityUnits } from '../../server/src/ner/entities';
import { SegmentSource, encodeSegmentTokens, encodeTokens, mergeTokenSpans, tokenEdits } from '../../server/src/lsp/semanticTokens';
import { spanHover } from '../../server/src/lsp/hover';
import { OffsetMap } from '../../server/src/core/offsets';
import { MiddleKeystrokes, percentile, root, sampleArticle, startServer } from './lspClient';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1].split(',')) : undefined;
const part = (name: string) => !only || only.has(name);
const rows: { what: string; ours: string; reference: string; aim: string }[] = [];
const row = (what: string, ours: string, reference: string, aim = '') => {
  rows.push({ what, ours, reference, aim });
  console.error(`  ${what}: ${ours} | ${reference}`);
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const cli = path.join(root, 'dist', 'server', 'cli.js');

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds (user + system), peak RSS (MiB). */
function timed(args: string[], input?: string): { wall: number; cpu: number; rssMiB: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: last[0], cpu: last[1] + last[2], rssMiB: last[3] / 1024, stdout: r.stdout };
}

/**
 * timed() with each thread's CPU seconds besides: /proc/PID/task/TID/stat of the command's process read every 50 ms
 * (a thread's last reading before it ends, so up to 50 ms of a thread's CPU can be missed), largest first, the
 * main thread marked. Linux only; `threads` is empty elsewhere.
 */
async function timedThreads(args: string[], input: string): Promise<ReturnType<typeof timed> & { threads: string }> {
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(input);
  const tick = 100; // USER_HZ on Linux
  const seen = new Map<number, number>();
  let pid = 0;
  const poll = () => {
    try {
      if (!pid) pid = Number(fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]) || 0;
      if (!pid) return;
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          seen.set(Number(tid), (Number(f[11]) + Number(f[12])) / tick);
        } catch {
          // the thread ended between the listing and the read
        }
      }
    } catch {
      // the process has not started or has ended
    }
  };
  const timer = setInterval(poll, 50);
  await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const last = stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const threads = [...seen].filter(([, cpu]) => cpu >= 0.05).sort((a, b) => b[1] - a[1]).map(([tid, cpu]) => `${fmt(cpu, 2)}${tid === pid ? ' (main)' : ''}`).join(', ');
  return { wall: last[0], cpu: last[1] + last[2], rssMiB: last[3] / 1024, stdout, threads };
}

function recognisers(): void {
  console.error('figures + dates throughput …');
  const chunks = buildChunks(quick ? 512 * 1024 : 2 * 1024 * 1024);
  const chars = chunks.reduce((n, c) => n + c.length, 0);
  for (const c of chunks) analyze(c, { groups: ['figures', 'dates'] });
  const ours = time(() => chunks.reduce((n, c) => n + analyze(c, { groups: ['figures', 'dates'] }).spans.length, 0));
  const models = loadLibraryModels();
  const prefix: string[] = [];
  let prefixChars = 0;
  for (const c of chunks) {
    if (prefixChars >= (quick ? 20_000 : 100_000)) break;
    prefix.push(c);
    prefixChars += c.length;
  }
  for (const c of prefix.slice(0, 2)) for (const m of models) m.parse(c);
  let libMs = 0;
  for (const m of models) libMs += time(() => prefix.reduce((n, c) => n + m.parse(c).length, 0)).ms;
  const oursRate = (chars / ours.ms) * 1000;
  const libRate = (prefixChars / libMs) * 1000;
  row(
    'figures+dates, chars/s of CPU (MSRA text, 2,000-char chunks)',
    `${fmt(oursRate)} (${fmt(oursRate / libRate, 0)}× the reference)`,
    `Recognizers-Text 5 Chinese models: ${fmt(libRate)} (${fmt(prefixChars)}-char prefix)`,
    '≥ 100×',
  );
}

function entities(): void {
  console.error('entity throughput …');
  const r = measureNer(quick ? 1 : 3);
  row(
    'entities, chars/s of CPU (MSRA dev, segmentation included)',
    fmt(r.chars / r.tNer),
    `word tagger alone on the same units: ours ${fmt(r.chars / r.tTagUnits)}, nodejieba tag ${fmt(r.chars / r.tJiebaUnits)}`,
  );
  row('entity model load / word lexicon load (CPU)', `${fmt(r.modelLoad * 1000)} ms / ${fmt(r.lexiconFirstLoad * 1000)} ms`, `nodejieba load(): ${fmt(r.jiebaLoad * 1000)} ms`);
}

async function lspLatency(): Promise<void> {
  for (const size of [10_000, 1_000_000]) {
    console.error(`LSP latency, ${fmt(size)}-char article …`);
    const session = await startServer();
    const uri = `untitled:bench-${size}`;
    const text = sampleArticle(size);
    session.open(uri, text);
    const tOpen = performance.now();
    const first = await session.connection.sendRequest<{ resultId?: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const firstTokensMs = performance.now() - tOpen;
    await session.connection.sendRequest('newsAnnotator/analysis', { uri });
    const completeMs = performance.now() - tOpen;
    const mid = Math.floor(text.length / 2);
    const keys = new MiddleKeystrokes(session, uri, text, text.indexOf('\n', mid) + 1 || mid, first.resultId);
    const diagMs: number[] = [];
    for (let k = 0; k < (quick ? 15 : 40); k++) {
      const { version, sentAt } = await keys.press();
      diagMs.push((await session.diagnosticsFor(uri, version)) - sentAt);
    }
    const { tokensMs, hoverMs } = keys;
    const p = (v: number[]) => `p50 ${fmt(percentile(v, 50), 1)} / p95 ${fmt(percentile(v, 95), 1)} ms`;
    const aim = size >= 1_000_000 ? 'p95 < 50 ms' : 'p95 < 10 ms';
    row(`${fmt(size)}-char article, keystroke → tokens (delta)`, p(tokensMs), `opening: figures+dates tokens ${fmt(firstTokensMs)} ms, complete ${fmt(completeMs)} ms`, aim);
    row(`${fmt(size)}-char article, keystroke → hover`, p(hoverMs), '', aim);
    row(`${fmt(size)}-char article, keystroke → diagnostics`, p(diagMs), 'includes the 300 ms typing pause diagnostics wait for');
    await session.close();
  }
}

/**
 * The server's work per keystroke measured inside one process in CPU time (what the wall-clock rows above would be
 * on an idle machine), as the server runs it: the document update, the incremental update, the tokens encoded from
 * the analysis' segments and the delta against the previous tokens; for a hover, the span found in its segment.
 * The reference is the whole-document path (every span listed and encoded again) and a fresh analyze().
 */
function keystrokeCpu(): void {
  for (const size of [10_000, 1_000_000]) {
    console.error(`keystroke CPU time, ${fmt(size)}-char article …`);
    let text = sampleArticle(size);
    const engine = new IncrementalAnalysis({ groups: ['figures', 'dates', 'entities'] });
    engine.update(text);
    for (let t = engine.pendingEntityTexts(1e9); t.length; t = engine.pendingEntityTexts(1e9)) engine.addEntities(t, recogniseEntityUnits(t));
    const segments: SegmentSource = (visit, from) => engine.segments(visit, from);
    let document = TextDocument.create('file:///bench.news', 'news-article', 1, text);
    let previous = encodeSegmentTokens(document, segments);
    const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    // A hover on the first span after the edit (spans are in code points; the hover asks at a UTF-16 offset).
    const map = new OffsetMap(text);
    const hoverAt16 = map.toUtf16(engine.result().spans.find((s) => map.toUtf16(s.start) > at)?.start ?? 0) + 1;
    const tokenCpu: number[] = [];
    const hoverCpu: number[] = [];
    const wholeCpu: number[] = [];
    const freshCpu: number[] = [];
    const ms = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
    let hovers = 0;
    for (let k = 0; k < (quick ? 15 : 40); k++) {
      const insert = k % 2 === 0;
      const position = document.positionAt(at);
      text = insert ? text.slice(0, at) + '据' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      const c0 = process.cpuUsage();
      document = TextDocument.update(document, [insert ? { range: { start: position, end: position }, text: '据' } : { range: { start: position, end: document.positionAt(at + 1) }, text: '' }], k + 2);
      engine.replaceText(document.getText());
      engine.advance();
      const c1 = process.cpuUsage();
      const data = encodeSegmentTokens(document, segments);
      tokenEdits(previous, data);
      previous = data;
      const c2 = process.cpuUsage();
      const found = engine.spanAt(hoverAt16 + (insert ? 1 : 0));
      if (found) {
        spanHover(document, found, engine.documentDate(), (m: string) => m);
        hovers++;
      }
      const c3 = process.cpuUsage();
      tokenCpu.push(ms(c0, c2));
      hoverCpu.push(ms(c0, c1) + ms(c2, c3));
      if (k < 5) {
        // The reference: every span listed again and the whole document encoded (the path before segments).
        const w0 = process.cpuUsage();
        encodeTokens(document, mergeTokenSpans(engine.result().spans, []));
        wholeCpu.push(ms(w0, process.cpuUsage()));
      }
      if (k < 3) {
        // The reference: analysing the whole text again (figures and dates only).
        const f0 = process.cpuUsage();
        analyze(text, { groups: ['figures', 'dates'] });
        freshCpu.push(ms(f0, process.cpuUsage()));
      }
    }
    const p = (v: number[]) => `p50 ${fmt(percentile(v, 50), 1)} / p95 ${fmt(percentile(v, 95), 1)} ms`;
    const aim = size >= 1_000_000 ? 'p95 < 50 ms' : 'p95 < 10 ms';
    row(
      `${fmt(size)}-char article, keystroke → tokens (delta), server CPU time`,
      p(tokenCpu),
      `all spans listed and encoded again: p50 ${fmt(percentile(wholeCpu, 50), 1)} ms; analyze(), figures+dates: ${fmt(percentile(freshCpu, 50), 1)} ms`,
      aim,
    );
    row(`${fmt(size)}-char article, keystroke → hover, server CPU time`, `${p(hoverCpu)} (${hovers} hovers on a span)`, '', aim);
  }
}

async function coldStart(): Promise<void> {
  console.error('cold start …');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-bench-'));
  const one = path.join(dir, 'one.txt');
  fs.writeFileSync(one, '2023年6月18日，国务院总理李强在北京会见了美国国务卿布林肯，双方同意增加3.5亿元投资。\n');
  const runs = quick ? 3 : 5;
  const median = (f: () => { wall: number; cpu: number; rssMiB: number }) => {
    const r = Array.from({ length: runs }, f).sort((a, b) => a.wall - b.wall);
    return r[Math.floor(runs / 2)];
  };
  const node = median(() => timed([process.execPath, '-e', '0']));
  const fd = median(() => timed([process.execPath, cli, 'analyze', '--labels', 'figures,dates', one]));
  const all = median(() => timed([process.execPath, cli, 'analyze', one]));
  // the reference: what the entity features' word segmentation cost before (nodejieba, now a devDependency)
  const jieba = median(() => timed([process.execPath, '-e', "require('nodejieba').load()"]));
  row('CLI cold start, one sentence, figures+dates (median wall / CPU)', `${fmt(fd.wall, 2)} s / ${fmt(fd.cpu, 2)} s`, `node -e 0: ${fmt(node.wall, 2)} s / ${fmt(node.cpu, 2)} s`, '≤ 0.3 s');
  row('CLI cold start, one sentence, all labels (median wall / CPU, peak RSS)', `${fmt(all.wall, 2)} s / ${fmt(all.cpu, 2)} s, ${fmt(all.rssMiB)} MiB`, `nodejieba load() alone (what the word tagger replaced): ${fmt(jieba.wall, 2)} s / ${fmt(jieba.cpu, 2)} s, ${fmt(jieba.rssMiB)} MiB`, '≤ 1 s');

  const t0 = performance.now();
  const session = await startServer();
  const uri = 'untitled:cold';
  const text = fs.readFileSync(one, 'utf8');
  session.open(uri, text);
  await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
  const tokensMs = performance.now() - t0;
  const entityAt = text.indexOf('李强') + 1;
  let entityMs = NaN;
  for (;;) {
    const h = await session.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: entityAt } });
    if (h && /PER/.test(h.contents.value)) {
      entityMs = performance.now() - t0;
      break;
    }
    if (performance.now() - t0 > 60_000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  row('server cold start → first figures/dates tokens (wall, from spawn)', `${fmt(tokensMs)} ms`, `initialize answered after ${fmt(session.startMs)} ms`, '≤ 1 s');
  row('server cold start → first entity hover (wall, from spawn)', `${fmt(entityMs)} ms`, `nodejieba load() alone (what the word tagger replaced): ${fmt(jieba.wall * 1000)} ms`, '≤ 1 s');
  await session.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function memory(): Promise<void> {
  console.error('server memory …');
  const session = await startServer();
  const before = session.memory();
  const uri = 'untitled:memory';
  session.open(uri, sampleArticle(100_000));
  await session.connection.sendRequest('newsAnnotator/analysis', { uri });
  const loaded = session.memory();
  const jieba = timed([process.execPath, '-e', "require('nodejieba').load()"]);
  row('server memory: started / everything loaded (100 k-char article analysed)', `${fmt(before.rssKiB / 1024)} / ${fmt(loaded.peakKiB / 1024)} MiB peak`, `a process with only nodejieba's dictionary (what the word tagger replaced): ${fmt(jieba.rssMiB)} MiB`, '≤ 200 MB');
  await session.close();
}

async function jsonlJobs(): Promise<void> {
  console.error('--jsonl with 1 job and with all cores …');
  const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(root, '..', 'shared');
  const source = path.join(shared, 'data', 'ner', 'msra', 'train-00.jsonl');
  if (!fs.existsSync(source)) {
    row('--jsonl, 1 job vs all cores', 'skipped', `${source} not found (set NEWS_ANNOTATOR_SHARED)`);
    return;
  }
  const lines = fs.readFileSync(source, 'utf8').split('\n').filter(Boolean).slice(0, quick ? 2_000 : 8_000);
  const input = lines.map((l, id) => JSON.stringify({ id, text: (JSON.parse(l) as { text: string }).text })).join('\n') + '\n';
  const chars = lines.reduce((n, l) => n + l.length, 0);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const load0 = os.loadavg()[0];
  const one = timed([process.execPath, cli, 'analyze', '--jsonl', '--jobs', '1'], input);
  const all = timed([process.execPath, cli, 'analyze', '--jsonl', '--jobs', String(cores)], input);
  const same = one.stdout === all.stdout;
  const load1 = os.loadavg()[0];
  row(
    `--jsonl, ${fmt(lines.length)} MSRA lines (${fmt(chars)} chars), all labels: --jobs ${cores} (wall / CPU)`,
    `${fmt(all.wall, 1)} s / ${fmt(all.cpu, 1)} s: ${fmt(one.wall / all.wall, 2)}× faster (wall); output ${same ? 'identical' : 'DIFFERENT'}`,
    `--jobs 1: ${fmt(one.wall, 1)} s / ${fmt(one.cpu, 1)} s; load average ${fmt(load0, 1)} → ${fmt(load1, 1)} on ${os.cpus().length} cores`,
    '≥ 1.8× on 2 cores',
  );
  // One core against two: unpinned, --jobs 1 also uses V8's compiler threads on the other core (about 0.15 core since
  // the CLI raised V8's interrupt budget, server/src/cli/jitTuning.ts; 0.3-0.45 before). Pinned with taskset, --jobs 1 runs on core 0 alone (its helper
  // threads included) and --jobs N on cores 0..N-1. On a machine shared with other sessions, Linux's autogroup
  // scheduling (/proc/sys/kernel/sched_autogroup_enabled) gives this session one share of the cores however many
  // threads it runs, so wall time favours --jobs 1; the CPU figures per thread say what N cores can gain.
  if (spawnSync('taskset', ['-c', '0', 'true']).status !== 0) return;
  const cpus = (n: number) => Array.from({ length: n }, (_, k) => k).join(',');
  const onePinned = await timedThreads(['taskset', '-c', '0', process.execPath, cli, 'analyze', '--jsonl', '--jobs', '1'], input);
  const allPinned = await timedThreads(['taskset', '-c', cpus(cores), process.execPath, cli, 'analyze', '--jsonl', '--jobs', String(cores)], input);
  let autogroup = '';
  try {
    autogroup = fs.readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1' ? '; autogroup scheduling on' : '';
  } catch {
    // not Linux
  }
  row(
    `--jsonl, the same lines: --jobs ${cores} on cores ${cpus(cores)} vs --jobs 1 pinned to core 0 (taskset; wall / CPU; CPU s per thread ≥ 0.05 s)`,
    `${fmt(allPinned.wall, 1)} s / ${fmt(allPinned.cpu, 1)} s: ${fmt(onePinned.wall / allPinned.wall, 2)}× faster (wall), CPU ${fmt(allPinned.cpu / onePinned.cpu, 2)}× of 1 job's; threads ${allPinned.threads}; output ${allPinned.stdout === one.stdout && onePinned.stdout === one.stdout ? 'identical' : 'DIFFERENT'}`,
    `--jobs 1 on core 0: ${fmt(onePinned.wall, 1)} s / ${fmt(onePinned.cpu, 1)} s; threads ${onePinned.threads}; load average ${fmt(load1, 1)} → ${fmt(os.loadavg()[0], 1)}${autogroup}`,
    '≥ 1.8× on 2 cores',
  );
}

/** export --include-suggestions of copies of the sample articles with one job and with all cores. */
function exportJobs(): void {
  console.error('export with 1 job and with all cores …');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-bench-export-'));
  const corpus = path.join(dir, 'corpus');
  fs.mkdirSync(corpus);
  const sample = path.join(root, 'test', 'fixtures', 'corpus');
  const articles = fs.readdirSync(sample).filter((f) => f.endsWith('.news') || (f.endsWith('.txt') && f !== 'README.txt'));
  const copies = quick ? 50 : 200;
  let chars = 0;
  for (let i = 0; i < copies; i++) {
    for (const f of articles) {
      const text = fs.readFileSync(path.join(sample, f), 'utf8');
      fs.writeFileSync(path.join(corpus, `${i}-${f}`), text);
      chars += text.length;
    }
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const load0 = os.loadavg()[0];
  const run = (jobs: number) => timed([process.execPath, cli, 'export', '--format', 'doccano', '--include-suggestions', '--dct', '2023-06-18', '--jobs', String(jobs), '--out', path.join(dir, `out-${jobs}`), corpus]);
  const one = run(1);
  const all = run(cores);
  const same = fs.readFileSync(path.join(dir, 'out-1', 'all.jsonl')).equals(fs.readFileSync(path.join(dir, `out-${cores}`, 'all.jsonl')));
  row(
    `export --include-suggestions, ${fmt(copies * articles.length)} articles (${fmt(chars)} chars): --jobs ${cores} (wall / CPU, peak RSS)`,
    `${fmt(all.wall, 1)} s / ${fmt(all.cpu, 1)} s, ${fmt(all.rssMiB)} MiB: ${fmt(one.wall / all.wall, 2)}× faster (wall); output ${same ? 'identical' : 'DIFFERENT'}`,
    `--jobs 1: ${fmt(one.wall, 1)} s / ${fmt(one.cpu, 1)} s, ${fmt(one.rssMiB)} MiB; load average ${fmt(load0, 1)} → ${fmt(os.loadavg()[0], 1)}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const loadStart = os.loadavg();
  if (part('recognisers')) recognisers();
  if (part('entities')) entities();
  if (part('lsp')) await lspLatency();
  if (part('keystroke')) keystrokeCpu();
  if (part('cold')) await coldStart();
  if (part('memory')) await memory();
  if (part('jsonl')) await jsonlJobs();
  if (part('export')) exportJobs();
  const loadEnd = os.loadavg();
  const widths = ['what', 'ours', 'reference', 'aim'].map((k) => Math.max(k.length, ...rows.map((r) => (r as any)[k].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(`News Annotator benchmark, ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''})`);
  console.log(`load average (1 min) ${fmt(loadStart[0], 1)} at the start, ${fmt(loadEnd[0], 1)} at the end: wall-clock figures include waiting for other work on the machine`);
  console.log(line(['what', 'ours', 'reference (same run)', 'aim']));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line([r.what, r.ours, r.reference, r.aim]));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
