// A private Debian redis-server for the queue tests and benchmark: started on a free loopback port with its data in a
// temporary folder (append-only file on, so a restart keeps the queue, as a production Redis with persistence would),
// and stopped by whoever started it. `.ci/run` installs the package (apt-get install redis-server).
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { freePort } from './freePort';

export const REDIS_SERVER = process.env.NEWS_ANNOTATOR_REDIS_SERVER ?? '/usr/bin/redis-server';

export function redisAvailable(): boolean {
  return fs.existsSync(REDIS_SERVER);
}

export interface LocalRedis {
  port: number;
  url: string;
  dir: string;
  /** Stops the server (SIGTERM, then SIGKILL) and keeps its data folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder (the queue survives: append-only file). */
  restart(): Promise<void>;
  /** Stops it and removes its data folder. */
  dispose(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startRedis(): Promise<LocalRedis> {
  if (!redisAvailable()) throw new Error(`${REDIS_SERVER} not found: install Debian's redis-server (apt-get install redis-server)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'na-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes', '--daemonize', 'no'],
      { stdio: ['ignore', fs.openSync(path.join(dir, 'redis.log'), 'a'), 'inherit'] },
    );
    const deadline = Date.now() + 10_000;
    while (!(await ping(port))) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`redis-server did not start on 127.0.0.1:${port}: ${fs.readFileSync(path.join(dir, 'redis.log'), 'utf8').slice(-500)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  const onExit = () => child?.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    dispose: async () => {
      await stop();
      process.removeListener('exit', onExit);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The redis-server version, e.g. "7.0.15" (for the benchmark's header). */
export function redisVersion(): string {
  const out = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return /v=(\S+)/.exec(out)?.[1] ?? 'unknown';
}
