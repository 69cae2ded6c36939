// The same integration suites under desktop VS Code, downloaded by @vscode/test-electron (for machines that can
// reach update.code.visualstudio.com; this project's CI machines cannot and use runIntegration.ts instead).
// Usage: npm run build && node --import tsx test/host/runElectron.ts [--version 1.91.0]
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './hostPaths';

async function main(): Promise<number> {
  const versionAt = process.argv.indexOf('--version');
  const version = versionAt >= 0 ? process.argv[versionAt + 1] : 'stable';
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'news-annotator-electron-'));
  const workspace = path.join(scratch, 'corpus');
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'corpus'), workspace, { recursive: true });
  const resultsFile = path.join(scratch, 'results.json');
  try {
    await runTests({
      version,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'dist', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { NEWS_ANNOTATOR_RESULTS_FILE: resultsFile, NEWS_ANNOTATOR_SKIP_SUITES: 'package' },
    });
    return 0;
  } catch (err) {
    console.error(`integration tests failed: ${(err as Error).message}`);
    return 1;
  } finally {
    if (fs.existsSync(resultsFile)) {
      const { passed, failed } = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number };
      console.log(`${passed} passed, ${failed} failed`);
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
