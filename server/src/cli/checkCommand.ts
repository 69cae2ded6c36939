// `news-annotator check`: the Diagnose rules (server/src/checks/, one rule per file) on files, headless — what an editor checks
// before publishing. Text output is `file:line:col: severity [rule] message`, one finding a line, like a compiler.
import { RULES, RuleSetting, isRuleId } from '../checks';
import { CommandLine, dctProblem, useWorkspaceModel, write } from './commandLine';
import { CheckSettings } from './checkTasks';
import { Progress, defaultJobs, inOrder, parseJobs, runner } from './parallel';

const HELP = `Usage:
  news-annotator check FILE... [--fix] [--dct DATE] [--format text|json] [--rule ID=SEVERITY]... [--lang en|zh] [--jobs N]

Checks news articles for what an editor must fix before publishing: malformed figures, impossible dates, weekdays
that do not match their date, ranges written backwards, entity names written two ways, mixed date formats, rates
and totals that contradict their figures, number usage after GB/T 15835-2011.

Output (text): file:line:column: severity [rule] message   (line and column 1-based, column in characters)
Output (json): one object per file and line: {"file", "dct", "findings": [{"rule", "severity", "start", "end",
  "line", "column", "message", "messageZh", "related"?}]}; start/end are Unicode code points, end exclusive.

Options:
  --fix                 apply the certain rewrites (the right rate, the right total, the missing % sign,
                        half-width digits) and write each changed file back atomically, in its own encoding
                        (a file whose bytes would not survive being written back is left alone);
                        the problems left are reported. Without --fix no file is written.
  --dct DATE            document date, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (supplies the year for weekday checks
                        of dates written without one); a date stored for the file in the editor (.news-annotator/document-dates.json) wins
  --format text|json    output format (default text)
  --rule ID=SEVERITY    set a rule to off, info, warning or error (repeatable)
  --lang en|zh          message language (default en)
  --jobs N              threads: the main one and N-1 workers (default: the number of cores, ${defaultJobs()} here);
                        output in the order of the FILEs whatever N; progress on stderr when it is a terminal
  -h, --help            this help

Rules (default severity):
${RULES.map((r) => `  ${r.id.padEnd(27)}${r.defaultSeverity}`).join('\n')}

Exit code: 0 when no error-severity finding, 1 when any (or a file could not be read), 2 on a usage error.`;

const command = new CommandLine('check', HELP, 'help');
const usageError = (message: string) => command.usageError(message);

export async function run(argv: string[]): Promise<number> {
  const parsed = command.parse(argv, {
    dct: { type: 'string' },
    format: { type: 'string', default: 'text' },
    rule: { type: 'string', multiple: true, default: [] },
    lang: { type: 'string', default: 'en' },
    fix: { type: 'boolean', default: false },
    jobs: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const badDct = dctProblem(values.dct);
  if (badDct) return usageError(badDct);
  const jobs = parseJobs(values.jobs);
  if (typeof jobs === 'string') return usageError(jobs);
  if (values.format !== 'text' && values.format !== 'json') return usageError(`--format takes text or json, got '${values.format}'`);
  if (values.lang !== 'en' && values.lang !== 'zh') return usageError(`--lang takes en or zh, got '${values.lang}'`);
  const rules: Partial<Record<string, RuleSetting>> = {};
  for (const spec of values.rule ?? []) {
    const m = /^([a-z-]+)=(off|info|warning|error)$/.exec(spec.trim());
    if (!m || !isRuleId(m[1])) {
      return usageError(`--rule takes ID=SEVERITY with ID one of ${RULES.map((r) => r.id).join(', ')} and SEVERITY off|info|warning|error; got '${spec}'`);
    }
    rules[m[1]] = m[2] as RuleSetting;
  }
  if (positionals.length === 0) return usageError('give one or more FILEs');
  useWorkspaceModel('check', positionals[0]);
  return checkFiles(positionals, { dct: values.dct, format: values.format, zh: values.lang === 'zh', fix: values.fix === true, options: { rules } }, jobs);
}

/** Checks the files on `jobs` threads; output in the order given. */
async function checkFiles(files: string[], settings: CheckSettings, jobs: number): Promise<number> {
  let failed = false;
  const totals = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  const pool = runner('checkFile', Math.min(jobs, files.length), { thisThreadToo: true });
  const progress = new Progress('check', 'files', files.length);
  try {
    await inOrder(files, (file) => pool.run({ file, settings }), jobs * 4, async (r) => {
      progress.tick();
      for (const m of r.messages) process.stderr.write(m);
      if (r.failed) failed = true;
      totals.error += r.totals.error;
      totals.warning += r.totals.warning;
      totals.info += r.totals.info;
      fixable += r.fixable;
      if (r.out) await write(process.stdout, r.out);
    });
  } finally {
    progress.done();
    await pool.close();
  }
  const count = totals.error + totals.warning + totals.info;
  if (settings.format === 'text' && count > 0) {
    await write(process.stdout, `\n${count} problem${count === 1 ? '' : 's'} (${totals.error} error${totals.error === 1 ? '' : 's'}, ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, ${totals.info} info${fixable ? `; ${fixable} fixable with --fix` : ''})\n`);
  }
  return failed || totals.error > 0 ? 1 : 0;
}
