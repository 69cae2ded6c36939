// npm start: builds, then opens the sample corpus (test/fixtures/corpus) in a real VS Code with the extension loaded
// from this folder: desktop `code --extensionDevelopmentPath` when `code` is on PATH, else the local code-server
// (installed into test/host/.work/ on first use), whose http://127.0.0.1:PORT URL is printed; it stays up until Ctrl-C.
// Options: --code-server (skip desktop VS Code), --port N (else $PORT, else a free port), --folder DIR;
// NEWS_ANNOTATOR_PASSWORD=… makes the workbench ask for that password (it is always bound to 127.0.0.1 only).
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { startCodeServer } from './codeServer';
import { freePort } from './freePort';
import { REPO_ROOT } from './hostPaths';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const folder = path.resolve(arg('--folder') ?? path.join(REPO_ROOT, 'test', 'fixtures', 'corpus'));
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');

  if (!process.argv.includes('--code-server') && onPath('code')) {
    console.log(`Opening ${folder} in VS Code with the extension from ${REPO_ROOT}`);
    const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, folder], { stdio: 'inherit' });
    code.on('exit', (status) => process.exit(status ?? 0));
    return;
  }

  const requested = arg('--port') ?? process.env.PORT;
  const port = requested ? Number(requested) : await freePort();
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`not a port: ${requested}`);
  const password = process.env.NEWS_ANNOTATOR_PASSWORD || undefined;
  const server = await startCodeServer({ workspace: folder, label: 'start', port, password });
  // The extension is loaded from this folder as under development (the same mechanism the tests use).
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${REPO_ROOT}`],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log('');
  console.log('VS Code (code-server) with News Annotator is running. Open this URL in a browser on this machine:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log(`Folder: ${folder}`);
  console.log(`Server log: ${path.join(server.runDir, 'code-server.log')}`);
  console.log(
    password
      ? 'Access: bound to 127.0.0.1 only; the browser asks for the password in NEWS_ANNOTATOR_PASSWORD.'
      : 'Access: bound to 127.0.0.1 only, with no password: anyone with a shell on this machine can open it. ' +
          'On a shared machine, start it as NEWS_ANNOTATOR_PASSWORD=secret npm start to require a password.',
  );
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping code-server`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.process.on('exit', (code) => {
    if (!stopping) {
      console.error(`code-server exited (${code}); see ${path.join(server.runDir, 'code-server.log')}`);
      process.exit(1);
    }
  });
}

main().catch((err) => {
  console.error(`npm start: ${(err as Error).message}`);
  process.exit(1);
});
