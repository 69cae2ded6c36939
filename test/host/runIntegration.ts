// npm run test:integration: the integration suites in a real VS Code (code-server + headless Chromium).
//   1. builds, copies test/fixtures/corpus to a scratch workspace and runs every suite with the extension loaded
//      from the source tree (extensionDevelopmentPath);
//   2. packages the .vsix (npm run package), installs it with `code-server --install-extension` into a fresh
//      extensions folder and runs the package and analysis suites against the installed extension.
// Prints "N passed, N failed" over both runs and exits non-zero on any failure.
// Options: --skip-package (only step 1), --results FILE (write {"passed","failed"} as JSON).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { codeServerCli, makeRunDir, runExtensionTests } from './codeServer';
import { REPO_ROOT } from './hostPaths';
import { installHost } from './installHost';

interface Results {
  passed: number;
  failed: number;
  failures: string[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function npm(script: string): void {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status})`);
}

/** A scratch copy of the sample corpus, so tests that store per-file dates or tags leave the repository alone. */
function scratchWorkspace(runDir: string): string {
  const workspace = path.join(runDir, 'corpus');
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'corpus'), workspace, { recursive: true });
  return workspace;
}

async function suiteRun(
  label: string,
  options: { developmentPath?: string; extensionsDir?: string; suites?: string; skip?: string; env?: Record<string, string> },
): Promise<Results> {
  const { runDir } = makeRunDir(`${label}-workspace`);
  const workspace = scratchWorkspace(runDir);
  const resultsFile = path.join(runDir, 'results.json');
  const env: Record<string, string> = { NEWS_ANNOTATOR_RESULTS_FILE: resultsFile, ...(options.env ?? {}) };
  if (options.suites) env.NEWS_ANNOTATOR_SUITES = options.suites;
  if (options.skip) env.NEWS_ANNOTATOR_SKIP_SUITES = options.skip;
  const code = await runExtensionTests({
    label,
    workspace,
    extensionDevelopmentPath: options.developmentPath,
    extensionsDir: options.extensionsDir,
    extensionTestsPath: path.join(REPO_ROOT, 'dist', 'test', 'integration', 'index.js'),
    extensionEnvironment: env,
  });
  if (fs.existsSync(resultsFile)) {
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
    if (code !== 0 && results.failed === 0) {
      results.failures.push(`${label}: the host exited with ${code}`);
      results.failed = 1;
    }
    if (results.failed === 0 && !process.env.NEWS_ANNOTATOR_KEEP_RUNS) fs.rmSync(runDir, { recursive: true, force: true });
    else console.log(`[${label}] kept ${runDir} for inspection`);
    return results;
  }
  // The suites never reported: the host, the workbench or the extension failed before or while loading them.
  return { passed: 0, failed: 1, failures: [`${label}: no test results (exit code ${code})`] };
}

async function main(): Promise<number> {
  const started = Date.now();
  await installHost();
  const total: Results = { passed: 0, failed: 0, failures: [] };
  const add = (r: Results) => {
    total.passed += r.passed;
    total.failed += r.failed;
    for (const item of r.failures) total.failures.push(item);
  };

  console.log('[integration] building');
  npm('build');
  add(await suiteRun('dev', { developmentPath: REPO_ROOT, skip: 'package' }));

  if (!process.argv.includes('--skip-package')) {
    console.log('[integration] packaging the .vsix');
    const packStarted = Date.now();
    npm('package');
    const vsix = path.join(REPO_ROOT, 'news-annotator.vsix');
    console.log(`[integration] ${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB, packaged in ${((Date.now() - packStarted) / 1000).toFixed(1)} s`);
    const { runDir, env } = makeRunDir('install');
    const extensionsDir = path.join(runDir, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    const installStarted = Date.now();
    const install = codeServerCli(['--install-extension', vsix], runDir, env, extensionsDir);
    console.log(`[integration] code-server --install-extension: exit ${install.status} in ${((Date.now() - installStarted) / 1000).toFixed(1)} s`);
    if (install.status !== 0) {
      console.error(install.output);
      add({ passed: 0, failed: 1, failures: [`installing ${vsix}: ${install.output.trim().split('\n').pop()}`] });
    } else {
      // VS Code runs extensionTestsPath only with an extension under development: give it an empty harness
      // extension, so the extension under test is the installed one. The test bundles stay in the repository.
      const harness = path.join(runDir, 'harness');
      fs.mkdirSync(harness, { recursive: true });
      fs.writeFileSync(
        path.join(harness, 'package.json'),
        JSON.stringify({ name: 'test-harness', publisher: 'news-annotator-tests', version: '0.0.0', engines: { vscode: '*' } }),
      );
      const results = await suiteRun('vsix', {
        developmentPath: harness,
        extensionsDir,
        suites: 'package,analysis',
        env: { NEWS_ANNOTATOR_INSTALLED_EXTENSIONS: extensionsDir },
      });
      add(results);
      if (results.failed === 0 && !process.env.NEWS_ANNOTATOR_KEEP_RUNS) fs.rmSync(runDir, { recursive: true, force: true });
    }
  }

  for (const f of total.failures) console.error(`FAILED ${f}`);
  console.log(`[integration] whole run ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  const resultsPath = arg('--results');
  if (resultsPath) fs.writeFileSync(resultsPath, JSON.stringify(total, null, 2));
  return total.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[integration] ${(err as Error).stack ?? err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
