// news-annotator queue on a real Redis (Debian's redis-server, started here on a loopback port and stopped after):
// three workers on a 2,000-document corpus, one killed (SIGKILL) in the middle of a job, and the output equal byte for
// byte to the single-machine `analyze`; a Redis restarted mid-run, the run resumes.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, test } from 'node:test';
import { LocalRedis, redisAvailable, startRedis } from '../host/redisServer';
import { connectionFromUrl, cutIntoJobs } from '../../server/src/queue/corpusQueue';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'server', 'src', 'cli', 'cli.ts');
const skip = !redisAvailable() && 'redis-server is not installed (apt-get install redis-server)';

let redis: LocalRedis;
let corpus: string;
let files: string[];
let expected: string;
const workers: ChildProcess[] = [];

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO, encoding: 'utf8', input, maxBuffer: 256 << 20, timeout: 300_000 });
}

/** A worker process; its stderr lines are collected and handed to `onLine`. */
function startWorker(onLine: (line: string) => void = () => undefined): { child: ChildProcess; log: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'queue', 'worker', '--redis', redis.url, '--jobs', '1', '--lock-ms', '2000'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  workers.push(child);
  const log: string[] = [];
  let rest = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const l of lines) {
      log.push(l);
      onLine(l);
    }
  });
  return { child, log };
}

async function stopWorkers(): Promise<void> {
  await Promise.all(
    workers.splice(0).map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null || w.signalCode !== null) return resolve();
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
          setTimeout(() => w.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

before(async () => {
  if (skip) return;
  redis = await startRedis();
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'na-queue-'));
  files = [];
  for (let i = 0; i < 2000; i++) {
    const name = `doc-${String(i).padStart(4, '0')}.txt`;
    const m = (i % 12) + 1;
    const d = (i % 28) + 1;
    fs.writeFileSync(
      path.join(corpus, name),
      `${2020 + (i % 5)}年${m}月${d}日，某市签约项目${(i % 90) + 10}个，总投资${(i % 70) + 5}.5亿元，同比增长${(i % 30) + 1}%。` +
        `第${(i % 9) + 1}届博览会吸引${(i % 500) + 100}余家企业参展，比上年多${i % 17}家。`,
    );
    files.push(path.join(corpus, name));
  }
  const single = cli(['analyze', ...files]);
  assert.strictEqual(single.status, 0, single.stderr);
  expected = single.stdout;
  assert.strictEqual(expected.split('\n').length - 1, 2000);
});

after(async () => {
  if (skip) return;
  await stopWorkers();
  await redis.dispose();
  fs.rmSync(corpus, { recursive: true, force: true });
});

test('three workers, one killed mid-job: the output equals the single-machine output, no job lost or repeated', { skip }, async () => {
  // one article is a named pipe: the worker that takes its job blocks reading it (mid-job) until killed; the retry
  // reads the same text once we write it into the pipe
  const fifoName = files[1234];
  const text = fs.readFileSync(fifoName);
  fs.rmSync(fifoName);
  assert.strictEqual(spawnSync('mkfifo', [fifoName]).status, 0);
  const fifoJob = `t1-${String(Math.floor(1234 / 20)).padStart(6, '0')}`;
  let victim: ChildProcess | undefined;
  let killed!: () => void;
  const killedPromise = new Promise<void>((r) => (killed = r));
  const watch = (child: () => ChildProcess) => (line: string) => {
    if (!victim && line.includes(`job ${fifoJob} `) && line.includes('started')) {
      victim = child();
      victim.once('exit', () => killed());
      victim.kill('SIGKILL');
    }
  };
  const started: ReturnType<typeof startWorker>[] = [];
  for (let k = 0; k < 3; k++) {
    const w: { child?: ChildProcess } = {};
    const s = startWorker(watch(() => w.child!));
    w.child = s.child;
    started.push(s);
  }
  const submit = spawn(process.execPath, ['--import', 'tsx', CLI, 'queue', 'submit', '--redis', redis.url, '--name', 't1', '--docs-per-job', '20', 'analyze', ...files], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  submit.stdout.setEncoding('utf8').on('data', (c) => (out += c));
  submit.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  await killedPromise;
  // the killed worker was in the middle of the job: it never said it was done
  const victimLog = started.find((s) => s.child === victim)!.log;
  assert.ok(!victimLog.some((l) => l.includes(`job ${fifoJob} done`)), victimLog.join('\n'));
  // feed the pipe to whichever worker retries the job (after the lock of 2 s runs out)
  const feeding = fs.promises.writeFile(fifoName, text);
  const code = await new Promise<number>((r) => submit.once('exit', (c) => r(c ?? 1)));
  await feeding;
  assert.strictEqual(code, 0, err);
  assert.strictEqual(out, expected, 'byte for byte the output of the single-machine analyze');
  assert.match(err, /queue: 100\/100 jobs done \(2000\/2000 documents\)/);
  const retried = started.filter((s) => s.child !== victim).flatMap((s) => s.log).filter((l) => l.includes(`job ${fifoJob} done`));
  assert.strictEqual(retried.length, 1, 'the stalled job ran to the end exactly once more');
  const status = cli(['queue', 'status', '--redis', redis.url, 't1']);
  assert.strictEqual(status.status, 0, status.stderr);
  assert.match(status.stdout, /completed: 100/);
  fs.rmSync(fifoName);
  fs.writeFileSync(fifoName, text);
  await stopWorkers();
});

test('Redis restarted in the middle of a run: the worker reconnects and the run completes with the same output', { skip }, async () => {
  const submit = cli(['queue', 'submit', '--redis', redis.url, '--name', 't2', '--detach', '--docs-per-job', '10', 'analyze', ...files]);
  assert.strictEqual(submit.status, 0, submit.stderr);
  assert.strictEqual(submit.stdout.trim(), 't2');
  let completed = 0;
  const worker = startWorker((line) => {
    if (/job t2-\d+ done/.test(line)) completed++;
  });
  while (completed < 5) await new Promise((r) => setTimeout(r, 50));
  await redis.restart();
  const deadline = Date.now() + 240_000;
  let results = cli(['queue', 'results', '--redis', redis.url, 't2']);
  while (results.status !== 0 && Date.now() < deadline) {
    assert.match(results.stderr, /is not finished/);
    await new Promise((r) => setTimeout(r, 1000));
    results = cli(['queue', 'results', '--redis', redis.url, 't2']);
  }
  assert.strictEqual(results.status, 0, results.stderr);
  assert.strictEqual(results.stdout, expected);
  // every job ran (a job whose lock ran out while Redis was down may run twice: its output replaces its own part)
  const settle = Date.now() + 10_000;
  while (completed < 200 && Date.now() < settle) await new Promise((r) => setTimeout(r, 100));
  assert.ok(completed >= 200, `${completed} jobs done by the worker`);
  await stopWorkers();
});

test('submit refuses clearly: no Redis, a bad URL, a taken run name', { skip }, () => {
  const unreachable = cli(['queue', 'submit', '--redis', 'redis://127.0.0.1:1', 'analyze', files[0]]);
  assert.strictEqual(unreachable.status, 2);
  assert.match(unreachable.stderr, /Redis cannot be reached/);
  const bad = cli(['queue', 'submit', '--redis', 'http://x', 'analyze', files[0]]);
  assert.strictEqual(bad.status, 2);
  assert.match(bad.stderr, /not a Redis URL/);
  const taken = cli(['queue', 'submit', '--redis', redis.url, '--name', 't1', '--detach', 'analyze', files[0]]);
  assert.strictEqual(taken.status, 2);
  assert.match(taken.stderr, /run 't1' already exists/);
});

test('jobs are cut by documents and bytes; connection options come from the URL', () => {
  assert.deepStrictEqual(cutIntoJobs([1, 2, 3, 4, 5], () => 1, 2, 100), [[1, 2], [3, 4], [5]]);
  assert.deepStrictEqual(cutIntoJobs([5, 5, 5], (n) => n, 10, 9), [[5], [5], [5]]);
  assert.deepStrictEqual(cutIntoJobs([], () => 1, 2, 9), []);
  const c = connectionFromUrl('rediss://user:p%40ss@cache.example:6380/2') as Record<string, unknown>;
  assert.deepStrictEqual([c.host, c.port, c.username, c.password, c.db, !!c.tls], ['cache.example', 6380, 'user', 'p@ss', 2, true]);
  assert.strictEqual((connectionFromUrl('redis://127.0.0.1') as Record<string, unknown>).tls, undefined);
  assert.throws(() => connectionFromUrl('mysql://x'), /not a Redis URL/);
});
