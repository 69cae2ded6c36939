// npm test: type-check, unit tests (node's test runner over test/unit/*.test.ts) and the integration tests in a real
// VS Code (runIntegration.ts) and the overflowing-lines measurement in it (screenshots.ts --no-screenshots), then one line "N passed, N failed" over unit + integration tests.
// Exits non-zero if the type-check or any test fails. Options: --skip-integration, --skip-package.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from './hostPaths';

interface Count {
  passed: number;
  failed: number;
}

function step(title: string): void {
  console.log(`\n=== ${title} ===`);
}

function typecheck(): boolean {
  step('type-check (tsc -p .)');
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: REPO_ROOT, stdio: 'inherit' });
  console.log(result.status === 0 ? 'type-check passed' : 'type-check FAILED');
  return result.status === 0;
}

function unitTests(scratch: string): Count {
  step('unit tests (node --test test/unit/*.test.ts)');
  const files = fs
    .readdirSync(path.join(REPO_ROOT, 'test', 'unit'))
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join('test', 'unit', f));
  const tap = path.join(scratch, 'unit.tap');
  const result = spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  if (result.status !== 0 && failed === 0) failed = 1; // the runner itself failed
  console.log(`unit: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

function integrationTests(scratch: string, skipPackage: boolean): Count {
  step('integration tests in a real VS Code (test/host/runIntegration.ts)');
  const results = path.join(scratch, 'integration.json');
  const args = ['--import', 'tsx', path.join('test', 'host', 'runIntegration.ts'), '--results', results];
  if (skipPackage) args.push('--skip-package');
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (!fs.existsSync(results)) return { passed: 0, failed: 1 };
  const { passed, failed } = JSON.parse(fs.readFileSync(results, 'utf8')) as Count;
  return { passed, failed: failed === 0 && result.status !== 0 ? 1 : failed };
}

/** The overflow measurement in the real host (test/host/screenshots.ts without writing screenshots): one test. */
function overflowTest(): Count {
  step('overflowing lines in a real VS Code (test/host/screenshots.ts --no-screenshots)');
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('test', 'host', 'screenshots.ts'), '--no-screenshots'], { cwd: REPO_ROOT, stdio: 'inherit' });
  return result.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

function main(): number {
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-test-'));
  try {
    const typed = typecheck();
    const unit = unitTests(scratch);
    const integration = process.argv.includes('--skip-integration')
      ? { passed: 0, failed: 0 }
      : integrationTests(scratch, process.argv.includes('--skip-package'));
    if (!process.argv.includes('--skip-integration')) {
      // the extension is built by the integration step
      const overflow = overflowTest();
      integration.passed += overflow.passed;
      integration.failed += overflow.failed;
    }
    const passed = unit.passed + integration.passed;
    const failed = unit.failed + integration.failed;
    console.log(`\nunit ${unit.passed} passed, ${unit.failed} failed; integration ${integration.passed} passed, ${integration.failed} failed; type-check ${typed ? 'passed' : 'FAILED'}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`${passed} passed, ${failed} failed`);
    return typed && failed === 0 ? 0 : 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

process.exit(main());
