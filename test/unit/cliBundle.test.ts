// The command line's bundle leaves the libraries only some runs need in node_modules (esbuild.js: the queue's
// BullMQ and Redis client, the legacy-encoding detector and decoder, the lunar calendar), so that a plain run starts without parsing
// them. These tests build that bundle and check that the runs which need them still find them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as esbuild from 'esbuild';
import * as iconv from 'iconv-lite';

const REPO = path.resolve(__dirname, '..', '..');
const { buildOptions } = require(path.join(REPO, 'esbuild.js')) as { buildOptions(entry: string): esbuild.BuildOptions };

test('the bundled CLI reads GB18030 and Big5 files, resolves lunar dates and runs the queue command with the libraries left in node_modules', async () => {
  // inside the repository, so that the bundle finds node_modules as dist/server/cli.js does
  fs.mkdirSync(path.join(REPO, 'dist'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(REPO, 'dist', '.cli-bundle-test-'));
  try {
    const cli = path.join(dir, 'cli.js');
    await esbuild.build({ ...buildOptions('server/src/cli/cli.ts'), outfile: cli, sourcemap: false, logLevel: 'silent' });
    const bundled = fs.readFileSync(cli, 'utf8');
    for (const lib of ['bullmq', 'ioredis', 'iconv-lite', 'jschardet', 'lunar-javascript']) assert.ok(bundled.includes(`require("${lib}")`), `${lib} is required from node_modules`);
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const text = '2023年6月18日，公司营收3.5亿元，同比增长12.5%。';
    fs.writeFileSync(path.join(dir, 'gb.txt'), iconv.encode(text, 'gb18030'));
    fs.writeFileSync(path.join(dir, 'big5.txt'), iconv.encode('2023年6月18日，營收3.5億元，增長12.5%。', 'big5'));
    for (const file of ['gb.txt', 'big5.txt']) {
      const r = run('analyze', '--labels', 'figures,dates', file);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { spans: { label: string; text: string }[] };
      assert.deepEqual(out.spans.map((s) => s.label), ['DATE', 'MONEY', 'PERCENT'], `${file}: ${r.stdout}`);
    }
    // a lunar date is resolved with the lunar calendar library (农历八月十五 of 2023 is 29 September)
    fs.writeFileSync(path.join(dir, 'lunar.txt'), '农历八月十五那天，他们见面。');
    const lunar = run('analyze', '--dct', '2023-06-18', '--labels', 'dates', 'lunar.txt');
    assert.equal(lunar.status, 0, lunar.stderr);
    assert.deepEqual((JSON.parse(lunar.stdout) as { spans: { timex: string }[] }).spans.map((s) => s.timex), ['2023-09-29']);
    // a queue run loads BullMQ and its Redis client: no server on this port, so it says it cannot reach it
    const q = run('queue', 'status', '--redis', 'redis://127.0.0.1:9', 'run1');
    assert.notEqual(q.status, 0);
    assert.doesNotMatch(q.stderr, /Cannot find module/);
    assert.match(q.stderr, /redis|Redis|connect|ECONNREFUSED/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
