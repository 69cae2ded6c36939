// Runs a real VS Code (code-server 4.139.1 on Node 24, see ../shared/recipes/real-vscode-host.md) on 127.0.0.1 with
// its own TMPDIR/XDG folders, in its own process group so nothing outlives it; and drives it with Debian's headless
// Chromium through playwright-core to run an extension test suite (the smoke-test driver's payload).
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import { chromium, Browser } from 'playwright-core';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24_BIN, WORK_DIR } from './hostPaths';
import { installHost } from './installHost';
import { freePort } from './freePort';

export interface CodeServerOptions {
  /** Folder to open. */
  workspace: string;
  /** Extensions folder (e.g. where a .vsix was installed); a fresh one when omitted. */
  extensionsDir?: string;
  /** Prefix for log lines. */
  label?: string;
  /** Port; a free one when omitted. */
  port?: number;
  /** Ask for this password in the browser (code-server's `auth: password`); no password when omitted. */
  password?: string;
}

export interface RunningCodeServer {
  port: number;
  url: string;
  /** The run's private folder (user data, extensions, TMPDIR, XDG dirs, server log). */
  runDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  stop(): Promise<void>;
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/**
 * Unix socket paths are limited to 107 bytes. Chromium puts its SingletonSocket under TMPDIR, VS Code its IPC sockets
 * under XDG_RUNTIME_DIR, so a run's folders live in a short temporary folder of their own, never under the clone
 * (whose path we do not choose: CI clones wherever it likes).
 */
export const MAX_RUN_DIR_LENGTH = 48;

/** The system temporary folder when its path is short enough for sockets below it, else /tmp. */
export function shortTempBase(): string {
  const base = os.tmpdir();
  return base.length <= MAX_RUN_DIR_LENGTH - 20 ? base : '/tmp';
}

/** A private run folder with TMPDIR and XDG dirs, and the environment that points at them. */
export function makeRunDir(label: string): { runDir: string; env: NodeJS.ProcessEnv } {
  const runDir = fs.mkdtempSync(path.join(shortTempBase(), `na-${label.slice(0, 16)}-`));
  if (runDir.length > MAX_RUN_DIR_LENGTH) {
    throw new Error(`the run folder ${runDir} is too long for Unix sockets below it (set TMPDIR to a short folder)`);
  }
  const dirs: Record<string, string> = {
    TMPDIR: path.join(runDir, 'tmp'),
    XDG_RUNTIME_DIR: path.join(runDir, 'run'),
    XDG_CONFIG_HOME: path.join(runDir, 'config'),
    XDG_DATA_HOME: path.join(runDir, 'data'),
    XDG_CACHE_HOME: path.join(runDir, 'cache'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { runDir, env: { ...process.env, ...dirs } };
}

/** Runs code-server's CLI once (e.g. --install-extension) with the run's folders. */
export function codeServerCli(args: string[], runDir: string, env: NodeJS.ProcessEnv, extensionsDir: string): { status: number; output: string } {
  const result = spawnSync(
    NODE24_BIN,
    [CODE_SERVER_ENTRY, '--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', extensionsDir, ...args],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}` };
}

/** Everything started here that must not outlive this process, stopped on Ctrl-C / SIGTERM. */
const running = new Set<() => Promise<void>>();
let signalsHooked = false;

function stopAllOnSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping code-server and the browser\n`);
      void Promise.allSettled([...running].map((stop) => stop())).then(() => process.exit(130));
    });
  }
}

/** Starts code-server and waits for /healthz. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  await installHost();
  const label = options.label ?? 'code-server';
  const { runDir, env } = makeRunDir(label);
  const port = options.port ?? (await freePort());
  const extensionsDir = options.extensionsDir ?? path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const config = path.join(runDir, 'config.yaml');
  // Bound to the loopback address only: nothing on the network reaches it.
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: ${options.password ? 'password' : 'none'}\ncert: false\n`);
  if (options.password) env.PASSWORD = options.password; // code-server reads the password from $PASSWORD
  const userData = path.join(runDir, 'user-data');
  // Settings for a quiet, deterministic workbench.
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
      },
      null,
      2,
    ),
  );
  const log = fs.openSync(path.join(runDir, 'code-server.log'), 'a');
  const child = spawn(
    NODE24_BIN,
    [
      CODE_SERVER_ENTRY,
      '--config', config,
      '--user-data-dir', userData,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--vscode-option', 'enable-smoke-test-driver',
      options.workspace,
    ],
    // detached: the server leads its own session/process group (setsid), so stop() can end it and its children.
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    for (const [signal, wait] of [['SIGTERM', 3000], ['SIGKILL', 1000]] as const) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        return; // group gone
      }
      const until = Date.now() + wait;
      while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (exited) {
        // children of the group may linger a moment after the leader
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        return;
      }
    }
  };
  running.add(stop);
  child.once('exit', () => running.delete(stop));
  stopAllOnSignals();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while ((await get(`${url}/healthz`)) !== 200) {
    if (exited || Date.now() > deadline) {
      await stop();
      const tail = fs.readFileSync(path.join(runDir, 'code-server.log'), 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`code-server did not come up on ${url} (${exited ? 'it exited' : 'timeout'}):\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url, runDir, extensionsDir, env, process: child, stop };
}

export interface ExtensionTestOptions extends CodeServerOptions {
  /** Folder of the extension under development (omit to test the installed extensions only). */
  extensionDevelopmentPath?: string;
  /** Compiled test index exporting run(). */
  extensionTestsPath: string;
  /** Environment for the extension host. */
  extensionEnvironment?: Record<string, string>;
  timeoutMs?: number;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * The browser's own last error line from a failed launch (Playwright's message starts with its command line and
 * buries what the browser said in the "Browser logs" that follow): a FATAL line first, else the last error line.
 */
export function browserErrorLine(message: string): string | undefined {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const said = lines.filter((l) => /\[pid=\d+\]\[err\]|FATAL|ERROR:/.test(l) && !l.startsWith('<launching>'));
  const pick = [...said].reverse().find((l) => /FATAL/.test(l)) ?? said[said.length - 1];
  return pick?.replace(/^\[pid=\d+\]\[err\]\s*/, '');
}

export async function launchChromium(env: NodeJS.ProcessEnv): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set NEWS_ANNOTATOR_CHROMIUM`);
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM, headless: true, env: env as Record<string, string>, args: CHROMIUM_ARGS });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const line = browserErrorLine(message);
    throw new Error(line ? `the browser died at start: ${line}\n\n${message}` : message);
  }
}

/** Runs an extension test suite in code-server and returns the exit code the workbench reported. */
export async function runExtensionTests(options: ExtensionTestOptions): Promise<number> {
  const label = options.label ?? 'tests';
  const started = Date.now();
  const server = await startCodeServer(options);
  let browser: Browser | undefined;
  let passed = false; // a failed run keeps its folder (logs, workspace) for inspection
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
    const payload: string[][] = [];
    if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
    payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
    payload.push(['skipWelcome', 'true']);
    if (options.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(options.extensionEnvironment)]);
    const url = `${server.url}/?folder=${encodeURIComponent(path.resolve(options.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    browser = await launchChromium(server.env);
    const closeBrowser = () => browser!.close().catch(() => undefined);
    running.add(closeBrowser);
    browser.on('disconnected', () => running.delete(closeBrowser));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The workbench forwards console calls: a format string and its arguments.
      const text = format(...(Array.isArray(args) ? args : [args]));
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
    page.on('pageerror', (err) => process.stderr.write(`[${label}] page error: ${err.message}\n`));
    console.log(`[${label}] code-server ${server.url} (run folder ${server.runDir})`);
    await page.goto(url);
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exit,
      new Promise<number>((r) => {
        timer = setTimeout(() => {
          process.stderr.write(`[${label}] timed out after ${timeoutMs / 1000} s waiting for the tests to finish\n`);
          r(124);
        }, timeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    console.log(`[${label}] exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    passed = code === 0;
    if (code !== 0) {
      const tail = fs.readFileSync(path.join(server.runDir, 'code-server.log'), 'utf8').split('\n').slice(-20).join('\n');
      process.stderr.write(`[${label}] last lines of ${path.join(server.runDir, 'code-server.log')}:\n${tail}\n`);
    }
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    if (passed && !process.env.NEWS_ANNOTATOR_KEEP_RUNS) fs.rmSync(server.runDir, { recursive: true, force: true });
  }
}
