// Entry point of the integration tests inside a real VS Code extension host (code-server or desktop VS Code):
// runs every bundled suite dist/test/integration/*.test.js with mocha and reports "N passed, N failed".
// Env: NEWS_ANNOTATOR_SUITES=analysis,package runs only those suites, NEWS_ANNOTATOR_SKIP_SUITES=package all but
// those; NEWS_ANNOTATOR_RESULTS_FILE receives
// {"passed", "failed", "failures"} as JSON for the launcher.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const list = (name: string) =>
    (process.env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const only = list('NEWS_ANNOTATOR_SUITES');
  const skip = list('NEWS_ANNOTATOR_SKIP_SUITES');
  const suites = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => f.replace(/\.test\.js$/, ''))
    .filter((name) => (only.length === 0 || only.includes(name)) && !skip.includes(name))
    .sort()
    .map((name) => `${name}.test.js`);
  for (const suite of suites) mocha.addFile(path.join(__dirname, suite));
  console.log(`Integration suites: ${suites.join(', ') || '(none)'}`);
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const failures: string[] = [];
    try {
      const runner = mocha.run(() => {
        const summary = `${passed} passed, ${failed} failed`;
        console.log(summary);
        const resultsFile = process.env.NEWS_ANNOTATOR_RESULTS_FILE;
        if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, failures }, null, 2));
        if (failed > 0 || suites.length === 0) reject(new Error(suites.length === 0 ? 'no integration suites found' : summary));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('fail', (test, err: Error) => {
        failed++;
        failures.push(`${test.fullTitle()}: ${err.message}`);
      });
    } catch (err) {
      reject(err);
    }
  });
}
