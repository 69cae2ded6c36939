// news-annotator: the command-line tool. It runs the same analysis core as the language server, headless.
import { run as runAnalyze } from './analyzeCommand';
import { run as runExport } from './exportCommand';
import { run as runImport } from './importCommand';
import { run as runCheck } from './checkCommand';
import { run as runAgree } from './agreeCommand';
import { run as runTrain } from './trainCommand';
import { tuneJitForBatchRuns } from './jitTuning';

type Command = { summary: string; run: (argv: string[]) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  analyze: { summary: 'recognise figures, dates and entities in files or JSON lines', run: runAnalyze },
  export: { summary: 'export an annotated corpus as a training dataset (doccano, Label Studio, brat, CoNLL, spaCy, HF)', run: runExport },
  import: { summary: 'merge a labelled dataset back into .ann files', run: runImport },
  queue: {
    summary: 'run analyze over a corpus on many machines: a BullMQ job queue on Redis (submit, worker, status, results)',
    // loaded on use: BullMQ and its Redis client are not needed by any other command (smaller, faster start)
    run: (argv) => (require('./queueCommand') as typeof import('./queueCommand')).run(argv),
  },
  agree: { summary: 'inter-annotator agreement between folders of .ann files (F1, Cohen/Fleiss kappa, alpha_u)', run: runAgree },
  train: { summary: 'adapt the entity model to the tags and rejections of a folder (shown better on held-out documents first)', run: runTrain },
  check: { summary: 'report malformed figures and dates and names written two ways (Diagnose rules)', run: runCheck },
};

const USAGE = `Usage: news-annotator <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run 'news-annotator <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`news-annotator: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  return command.run(rest);
}

function version(): string {
  try {
    // dist/server/cli.js → ../../package.json; server/src/cli/cli.ts → ../../../package.json
    for (const rel of ['../../package.json', '../../../package.json']) {
      try {
        return require(require('path').join(__dirname, rel)).version;
      } catch {
        /* try the next layout */
      }
    }
  } catch {
    /* fall through */
  }
  return 'unknown';
}

if (require.main === module) {
  tuneJitForBatchRuns();
  // A closed pipe (e.g. `| head`) ends the run quietly instead of with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`news-annotator: ${err instanceof Error ? err.stack || err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
