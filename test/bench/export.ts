// Benchmark: export a synthetic corpus of 10,000 documents (~30 million characters, MSRA sentences with their
// PER/LOC/ORG entities as tags) to every dataset format. Prints wall time per format and overall, output size and
// peak RSS (each format runs in its own process, so each peak is that export's own).
//
//   npm run bench:export                      (all formats; corpus built in a temp dir, removed at the end)
//   node --import tsx test/bench/export.ts --docs 2000 --chars 3000 --format conll-bio --keep
//
// MSRA is read from ../shared/data/ner/msra (NEWS_ANNOTATOR_SHARED overrides the shared folder). The exports run
// from an esbuild bundle of this file, built like the shipped CLI (no TypeScript loader in the measured process).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { spawnSync } from 'child_process';
import { parseArgs } from 'util';
import { annFor } from '../../server/src/formats/brat';
import { FORMAT_NAMES, FormatName } from '../../server/src/formats/datasetFormat';
import { exportCorpus } from '../../server/src/formats/exportCorpus';
import { Span } from '../../server/src/core/types';

const repoRoot = path.resolve(__dirname, '..', '..');
const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const MSRA = ['train-00.jsonl', 'train-01.jsonl', 'train-02.jsonl'].map((f) => path.join(shared, 'data', 'ner', 'msra', f));

async function* msraSentences(): AsyncIterable<{ text: string; entities: Array<[number, number, string]> }> {
  for (const file of MSRA) {
    const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of rl) if (line.trim()) yield JSON.parse(line);
  }
}

/** Writes `docs` articles of about `chars` code points each, cycling through MSRA; returns characters and tags. */
async function buildCorpus(dir: string, docs: number, chars: number): Promise<{ chars: number; tags: number }> {
  let totalChars = 0;
  let totalTags = 0;
  let n = 0;
  let text = '';
  let length = 0;
  let spans: Span[] = [];
  let paragraph = 0;
  const flush = () => {
    const name = `doc${String(n).padStart(5, '0')}`;
    const sub = path.join(dir, name.slice(0, 6)); // 100 documents a folder
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${name}.txt`), text);
    fs.writeFileSync(path.join(sub, `${name}.ann`), annFor(spans, []));
    totalChars += length;
    totalTags += spans.length;
    n++;
    text = '';
    length = 0;
    spans = [];
    paragraph = 0;
  };
  while (n < docs) {
    for await (const s of msraSentences()) {
      const cps = Array.from(s.text);
      for (const [a, b, label] of s.entities) {
        spans.push({ start: length + a, end: length + b, label: label as Span['label'], text: cps.slice(a, b).join('') });
      }
      text += s.text;
      length += cps.length;
      // paragraphs of about four sentences, CRLF in every tenth document
      if (++paragraph % 4 === 0) {
        const eol = n % 10 === 0 ? '\r\n' : '\n';
        text += eol;
        length += eol.length;
      }
      if (length >= chars) {
        flush();
        if (n >= docs) break;
      }
    }
  }
  return { chars: totalChars, tags: totalTags };
}

function folderSize(p: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) {
      const s = folderSize(full);
      bytes += s.bytes;
      files += s.files;
    } else {
      bytes += fs.statSync(full).size;
      files++;
    }
  }
  return { bytes, files };
}

/** Child mode: one export (one format, or several in one pass), timed; prints one JSON line. */
async function runOne(format: string, corpus: string, out: string): Promise<void> {
  const formats = format.split(',') as FormatName[];
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const s = await exportCorpus({
    format: formats.length === 1 ? formats[0] : formats, paths: [corpus], outDir: out, split: { ratios: [0.8, 0.1, 0.1], seed: 1 },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const cpuSeconds = (c.user + c.system) / 1e6;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const tags = Object.values(s.tagsPerLabel).reduce((a, b) => a + b, 0);
  process.stdout.write(JSON.stringify({ format, seconds, cpuSeconds, peakMiB, documents: s.documents, tags, warnings: s.warnings.length }) + '\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '10000' },
      chars: { type: 'string', default: '3000' },
      format: { type: 'string', multiple: true },
      keep: { type: 'boolean', default: false },
      child: { type: 'string' },
      corpus: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.child) return runOne(values.child, values.corpus!, values.out!);

  const formats = (values.format?.length ? values.format : [...FORMAT_NAMES]) as FormatName[];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'na-bench-export-'));
  const corpus = path.join(root, 'corpus');
  let t0 = Date.now();
  const built = await buildCorpus(corpus, Number(values.docs), Number(values.chars));
  console.log(
    `corpus: ${values.docs} documents, ${(built.chars / 1e6).toFixed(1)} M characters, ${built.tags} tags ` +
      `(${(folderSize(corpus).bytes / 2 ** 20).toFixed(0)} MiB of .txt+.ann) built in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`machine: ${os.cpus().length} cores, Node ${process.version}; split 0.8,0.1,0.1; each format in its own process`);
  const bundle = path.join(root, 'bench-export.js');
  // the bundle sits in a temporary folder: the word export's lexicon is found through the environment
  process.env.NEWS_ANNOTATOR_LEXICON ??= path.join(repoRoot, 'server', 'models', 'jieba-lexicon.bin');
  require('esbuild').buildSync({
    entryPoints: [__filename], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle,
    external: ['nodejieba', 'esbuild'], logLevel: 'error',
  });
  console.log('format        wall s    CPU s   peak RSS MiB   output MiB  files');
  t0 = Date.now();
  let sum = 0;
  let cpuSum = 0;
  const jobs = formats.length > 1 ? [...formats, formats.join(',')] : formats;
  let onePass: { seconds: number; cpuSeconds: number } | undefined;
  for (const format of jobs) {
    const together = format.includes(',');
    const out = path.join(root, together ? 'out-all' : `out-${format}`);
    const r = spawnSync(process.execPath, [bundle, '--child', format, '--corpus', corpus, '--out', out], {
      cwd: repoRoot,
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) {
      console.error(`${format}: failed\n${r.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!);
    const size = folderSize(out);
    if (together) onePass = res;
    else {
      sum += res.seconds;
      cpuSum += res.cpuSeconds;
    }
    console.log(
      `${(together ? 'all, 1 pass' : format).padEnd(12)} ${res.seconds.toFixed(2).padStart(7)} ${res.cpuSeconds.toFixed(2).padStart(8)} ${res.peakMiB.toFixed(0).padStart(14)} ` +
        `${(size.bytes / 2 ** 20).toFixed(0).padStart(12)} ${String(size.files).padStart(6)}` +
        (res.warnings ? `  (${res.warnings} warnings)` : ''),
    );
    if (!values.keep) fs.rmSync(out, { recursive: true, force: true });
  }
  console.log(`sum of the ${formats.length} separate exports: ${sum.toFixed(1)} s wall, ${cpuSum.toFixed(1)} s CPU`);
  if (onePass) {
    console.log(`all ${formats.length} formats in one pass (--format all): ${onePass.seconds.toFixed(1)} s wall, ${onePass.cpuSeconds.toFixed(1)} s CPU`);
  }
  console.log(`benchmark wall time ${((Date.now() - t0) / 1000).toFixed(1)} s; load average now ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (values.keep) console.log(`kept: ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
