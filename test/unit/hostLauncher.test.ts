// The real-VS-Code test host (test/host/) must work wherever the project is cloned: every socket, pipe and browser
// profile lives under a short temporary folder of its own, never under the clone, whose path CI chooses.
import { spawnSync } from 'child_process';
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { test } from 'node:test';
import { browserErrorLine } from '../host/codeServer';

const REPO = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.NEWS_ANNOTATOR_CHROMIUM ?? '/usr/bin/chromium';

/** Runs a script in a child process whose host folder (as under a clone) has a path of at least 150 characters. */
function runWithLongHostDir(script: string, extraEnv: Record<string, string> = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'na-long-'));
  let deep = scratch;
  while (deep.length < 160) deep = path.join(deep, 'a-clone-folder-with-a-long-name');
  const hostDir = path.join(deep, 'project', 'test', 'host', '.work');
  fs.mkdirSync(hostDir, { recursive: true });
  try {
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: REPO,
      env: { ...process.env, NEWS_ANNOTATOR_HOST_DIR: hostDir, ...extraEnv },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { hostDir, ...result };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

test('run folders of the host are short and outside a clone with a 150-character path', () => {
  const { hostDir, stdout, stderr, status } = runWithLongHostDir(`
    const { makeRunDir } = require('./test/host/codeServer');
    const { runDir, env } = makeRunDir('integration-tests-workspace');
    console.log(JSON.stringify({ runDir, env: { TMPDIR: env.TMPDIR, XDG_RUNTIME_DIR: env.XDG_RUNTIME_DIR } }));
    require('fs').rmSync(runDir, { recursive: true, force: true });
  `);
  assert.strictEqual(status, 0, stderr);
  assert.ok(hostDir.length >= 150);
  const { runDir, env } = JSON.parse(stdout.trim().split('\n').pop()!);
  assert.ok(!runDir.startsWith(hostDir), `${runDir} is under the clone`);
  // Chromium: $TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket; VS Code: $XDG_RUNTIME_DIR/vscode-ipc-<uuid>.sock.
  const chromiumSocket = path.join(env.TMPDIR, 'org.chromium.Chromium.XXXXXX', 'SingletonSocket');
  const vscodeSocket = path.join(env.XDG_RUNTIME_DIR, 'vscode-ipc-01234567-89ab-cdef-0123-456789abcdef.sock');
  for (const socket of [chromiumSocket, vscodeSocket]) assert.ok(Buffer.byteLength(socket) <= 107, socket);
});

test('headless Chromium starts from a clone with a 150-character path', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} not installed` }, () => {
  const { stdout, stderr, status } = runWithLongHostDir(`
    const { makeRunDir, launchChromium } = require('./test/host/codeServer');
    (async () => {
      const { runDir, env } = makeRunDir('browser');
      const browser = await launchChromium(env);
      const page = await browser.newPage();
      await page.setContent('<p id="x">新闻</p>');
      console.log('text=' + (await page.textContent('#x')));
      await browser.close();
      require('fs').rmSync(runDir, { recursive: true, force: true });
    })().catch((e) => { console.error(e.message); process.exit(1); });
  `);
  assert.strictEqual(status, 0, stderr);
  assert.match(stdout, /text=新闻/);
});

test('a browser that dies at start is reported with its own last error line first', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'na-fake-browser-'));
  const fake = path.join(scratch, 'chromium');
  fs.writeFileSync(
    fake,
    '#!/bin/sh\necho "[1206/101010.000:ERROR:some_file.cc(12)] an earlier complaint" >&2\n' +
      'echo "[1206/101010.000:FATAL:process_singleton_posix.cc(1071)] Socket path too long: /x/SingletonSocket" >&2\nexit 1\n',
    { mode: 0o755 },
  );
  try {
    const { stderr, status } = runWithLongHostDir(
      `
      const { makeRunDir, launchChromium } = require('./test/host/codeServer');
      const { runDir, env } = makeRunDir('fake');
      launchChromium(env).then(() => process.exit(3), (e) => { console.error(e.message); process.exit(1); })
        .finally(() => require('fs').rmSync(runDir, { recursive: true, force: true }));
    `,
      { NEWS_ANNOTATOR_CHROMIUM: fake },
    );
    assert.strictEqual(status, 1, stderr);
    const first = stderr.trim().split('\n')[0];
    assert.match(first, /^the browser died at start: .*FATAL:process_singleton_posix\.cc.*Socket path too long/);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

test('browserErrorLine prefers FATAL, else the last error line, and ignores the launch command line', () => {
  const message = [
    'browserType.launch: Target page, context or browser has been closed',
    'Browser logs:',
    '<launching> /usr/bin/chromium --disable-gpu --no-sandbox ERROR: not this one',
    '[pid=12][err] [1:1:ERROR:gpu.cc(1)] first',
    '[pid=12][err] [1:1:FATAL:x.cc(2)] the cause',
    '[pid=12][err] [1:1:ERROR:y.cc(3)] after',
  ].join('\n');
  assert.strictEqual(browserErrorLine(message), '[1:1:FATAL:x.cc(2)] the cause');
  assert.strictEqual(browserErrorLine('[pid=1][err] only an error\n'), 'only an error');
  assert.strictEqual(browserErrorLine('nothing the browser said'), undefined);
});
