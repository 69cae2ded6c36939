// npm run bench:queue [-- --docs N]: throughput of `news-annotator queue` with 1, 2 and 3 workers (each --jobs 1) on
// this machine against the plain single-machine `news-annotator analyze` on the same corpus, and the queue's overhead
// per document. The corpus: N documents (default 2,000) of about 1,000 characters cut from the MSRA sentences in
// ../shared/data/ner/msra (read at run time; NEWS_ANNOTATOR_SHARED names another place). Redis: a private Debian redis-server on a loopback port.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { redisVersion, startRedis } from '../host/redisServer';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'server', 'src', 'cli', 'cli.ts');
const DOCS = Number(process.argv[process.argv.indexOf('--docs') + 1]) || 2000;

function corpus(dir: string): string[] {
  const shared = process.env.NEWS_ANNOTATOR_SHARED || path.resolve(REPO, '..', 'shared');
  const source = path.join(shared, 'data', 'ner', 'msra', 'train-00.jsonl');
  const sentences = fs.readFileSync(source, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text as string);
  const files: string[] = [];
  let s = 0;
  for (let d = 0; d < DOCS; d++) {
    let text = '';
    while (text.length < 1000) text += sentences[s++ % sentences.length];
    const file = path.join(dir, `doc-${String(d).padStart(5, '0')}.txt`);
    fs.writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'na-bench-queue-'));
  const redis = await startRedis();
  const workers: ChildProcess[] = [];
  try {
    const files = corpus(dir);
    const chars = files.reduce((n, f) => n + fs.readFileSync(f, 'utf8').length, 0);
    console.log(`corpus: ${DOCS} documents, ${chars.toLocaleString('en')} characters; redis-server ${redisVersion()} on ${redis.url}; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
    const node = (args: string[]) => [process.execPath, ['--import', 'tsx', CLI, ...args]] as const;
    let started = Date.now();
    const plain = spawnSync(...node(['analyze', '--labels', 'figures,dates', ...files]), { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (plain.status !== 0) throw new Error(plain.stderr);
    const plainSeconds = (Date.now() - started) / 1000;
    console.log(`| setup | wall s | docs/s | output equal |`);
    console.log(`| --- | --- | --- | --- |`);
    console.log(`| analyze (one process, figures+dates) | ${plainSeconds.toFixed(1)} | ${(DOCS / plainSeconds).toFixed(0)} | — |`);
    let oneWorker = 0;
    for (const count of [1, 2, 3]) {
      for (let k = 0; k < count; k++) {
        const [cmd, args] = node(['queue', 'worker', '--redis', redis.url, '--jobs', '1']);
        workers.push(spawn(cmd, args, { cwd: REPO, stdio: 'ignore' }));
      }
      await new Promise((r) => setTimeout(r, 3000)); // workers up (tsx start) before the clock starts
      started = Date.now();
      const run = spawnSync(...node(['queue', 'submit', '--redis', redis.url, '--name', `bench-${count}`, '--docs-per-job', '50', 'analyze', '--labels', 'figures,dates', ...files]), {
        cwd: REPO,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      const seconds = (Date.now() - started) / 1000;
      if (run.status !== 0) throw new Error(run.stderr);
      if (count === 1) oneWorker = seconds;
      console.log(`| queue, ${count} worker${count > 1 ? 's' : ''} | ${seconds.toFixed(1)} | ${(DOCS / seconds).toFixed(0)} | ${run.stdout === plain.stdout ? 'yes' : 'NO'} |`);
      for (const w of workers.splice(0)) w.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1000));
    }
    console.log(`queue overhead per document (1 worker vs plain analyze): ${(((oneWorker - plainSeconds) / DOCS) * 1000).toFixed(2)} ms`);
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await redis.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
