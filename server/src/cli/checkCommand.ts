// `news-annotator check`: the Diagnose rules (server/src/checks/, one rule per file) on files, headless — what an editor checks
// before publishing. Text output is `file:line:col: severity [rule] message`, one finding a line, like a compiler.
import * as path from 'path';
import { analyze } from '../analysis/analyze';
import { CheckOptions, Finding, RULES, RuleSetting, checkDocument, isRuleId } from '../checks';
import { applyFixes, compatibleFixes } from '../checks/fixes';
import { readTextForRewrite, writeFileSafely } from '../core/safeFiles';
import { CommandLine, dctProblem, readArticle, storedDocumentDate, write } from './commandLine';

const HELP = `Usage:
  news-annotator check FILE... [--fix] [--dct DATE] [--format text|json] [--rule ID=SEVERITY]... [--lang en|zh]

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
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const badDct = dctProblem(values.dct);
  if (badDct) return usageError(badDct);
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
  return checkFiles(positionals, { dct: values.dct, format: values.format, zh: values.lang === 'zh', fix: values.fix === true, options: { rules } });
}

interface Settings {
  dct?: string;
  format: 'text' | 'json';
  zh: boolean;
  fix: boolean;
  options: CheckOptions;
}

async function checkFiles(files: string[], settings: Settings): Promise<number> {
  let failed = false;
  const totals = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const file of files) {
    let text = readArticle(file);
    if (text === undefined) {
      failed = true;
      continue;
    }
    const analysisOptions = { storedDct: storedDocumentDate(file), dct: settings.dct, fileName: path.basename(file) };
    let analysis = analyze(text, analysisOptions);
    let findings = checkDocument(text, analysis, settings.options);
    if (settings.fix) {
      const original = text;
      let applied = 0;
      // fixes that overlap one already taken wait for the next pass; three passes settle every case we have
      for (let pass = 0; pass < 3; pass++) {
        const fixes = compatibleFixes(findings.flatMap((f) => (f.fixes?.length ? [f.fixes[0]] : [])));
        const next = applyFixes(text, fixes);
        if (next === text) break;
        applied += fixes.length;
        text = next;
        analysis = analyze(text, analysisOptions);
        findings = checkDocument(text, analysis, settings.options);
      }
      if (text !== original) {
        try {
          // read again as a file to rewrite: refused when its bytes would not survive being written back
          const onDisk = readTextForRewrite(file);
          if (!onDisk || onDisk.text !== original) throw new Error(`${file}: changed on disk while it was checked; nothing was written`);
          writeFileSafely(file, text, onDisk);
          process.stderr.write(`${file}: ${applied} problem${applied === 1 ? '' : 's'} fixed\n`);
        } catch (err) {
          process.stderr.write(`news-annotator: ${(err as Error).message}\n`);
          failed = true;
          text = original;
          analysis = analyze(text, analysisOptions);
          findings = checkDocument(text, analysis, settings.options);
        }
      }
    }
    for (const f of findings) {
      totals[f.severity]++;
      if (f.fixes?.length) fixable++;
    }
    const lines = new LineIndex(text);
    if (settings.format === 'json') {
      const out = findings.map((f) => ({ ...pick(f), ...lines.position(f.start) }));
      await write(process.stdout, JSON.stringify({ file, dct: analysis.dct.date ?? null, findings: out }) + '\n');
    } else {
      let chunk = '';
      for (const f of findings) {
        const { line, column } = lines.position(f.start);
        chunk += `${file}:${line}:${column}: ${f.severity} [${f.rule}] ${settings.zh ? f.messageZh : f.message}\n`;
        for (const r of f.related ?? []) {
          const p = lines.position(r.start);
          chunk += `    ${file}:${p.line}:${p.column}: ${settings.zh ? r.messageZh : r.message}\n`;
        }
      }
      if (chunk) await write(process.stdout, chunk);
    }
  }
  const count = totals.error + totals.warning + totals.info;
  if (settings.format === 'text' && count > 0) {
    await write(process.stdout, `\n${count} problem${count === 1 ? '' : 's'} (${totals.error} error${totals.error === 1 ? '' : 's'}, ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, ${totals.info} info${fixable ? `; ${fixable} fixable with --fix` : ''})\n`);
  }
  return failed || totals.error > 0 ? 1 : 0;
}

/** The finding fields the CLI prints, in a stable order. */
function pick(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { rule: f.rule, severity: f.severity, start: f.start, end: f.end, message: f.message, messageZh: f.messageZh };
  if (f.related) o.related = f.related;
  if (f.fixes) o.fixes = f.fixes;
  return o;
}

/** 1-based line and column (in code points) of a code-point offset. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    let cp = 0;
    for (const ch of text) {
      cp++;
      if (ch === '\n') this.starts.push(cp);
    }
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
