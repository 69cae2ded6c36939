// `news-annotator import`: exported datasets → tags merged into the .ann files of an article folder (articles
// created when missing). Malformed input is reported with line numbers and skipped; conflicts are listed.
import { CancelledError, FormatError } from '../formats/document';
import { FORMAT_NAMES, isFormatName } from '../formats/datasetFormat';
import { ImportSummary, importDataset } from '../formats/importDataset';
import { FORMATS } from '../formats/registry';
import { CommandLine } from './commandLine';
import { ProgressLine, formatCounts, interruptSignal } from './exportCommand';
import { defaultJobs, parseJobs, runner } from './parallel';

const HELP = `Usage:
  news-annotator import --format FORMAT --into DIR [--include-suggestions] [--jobs N] INPUT...

INPUT: files written by 'news-annotator export' (or by the tools below), or folders holding them.
Formats:
${FORMAT_NAMES.map((n) => `  ${n.padEnd(14)}${FORMATS[n].description}`).join('\n')}

Each document becomes DIR/<id>.txt (created when missing; when present, its text must be identical) and its tags are
merged into DIR/<id>.ann: tags already there are not duplicated, and a tag overlapping an existing tag is reported
as a conflict and left out.

Options:
  --format FORMAT          one of the formats above
  --into DIR               the article folder to merge into
  --include-suggestions    import spans marked as unreviewed suggestions as tags too (default: skipped)
  --jobs N                 threads (the main one and N-1 workers) merging documents into the folder (default: the
                           number of cores, ${defaultJobs()} here); the files written and the summary are the same for any N
  -h, --help               this help

Exit code: 0 when everything was imported, 1 when any input was malformed or conflicted (the rest is imported),
2 on a usage error, 130 when interrupted.`;

export function printImportSummary(s: ImportSummary, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`Imported ${s.documents} documents (${s.documentsCreated} new articles), ${s.tagsAdded} tags added\n`);
  out.write(`Tags added per label: ${formatCounts(s.tagsPerLabel)}\n`);
  out.write(`Already present: ${s.duplicates} tags (values filled in for ${s.valuesAdded})\n`);
  if (s.suggestionsSkipped) out.write(`Suggestions skipped: ${s.suggestionsSkipped} (use --include-suggestions)\n`);
  out.write(`Files written: ${s.filesWritten.length}\n`);
  if (s.conflicts.length) out.write(`Conflicts: ${s.conflicts.length} (listed on stderr)\n`);
  if (s.problems.length) out.write(`Problems: ${s.problems.length} (listed on stderr)\n`);
}

const command = new CommandLine('import', HELP, 'pointer');
const usageError = (message: string) => command.usageError(message);

export async function run(argv: string[]): Promise<number> {
  const parsed = command.parse(argv, {
    format: { type: 'string' },
    into: { type: 'string' },
    'include-suggestions': { type: 'boolean', default: false },
    jobs: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values: v, positionals } = parsed;
  const jobs = parseJobs(v.jobs);
  if (typeof jobs === 'string') return usageError(jobs);
  if (!v.format || !isFormatName(v.format)) {
    return usageError(`--format must be one of ${FORMAT_NAMES.join(', ')}${v.format ? `, got '${v.format}'` : ''}`);
  }
  if (!v.into) return usageError('--into DIR is required');
  if (positionals.length === 0) return usageError('give one or more INPUT files or folders');

  const progress = new ProgressLine(`import ${v.format}`);
  const interrupt = interruptSignal();
  const pool = runner('importDocument', jobs, { thisThreadToo: true });
  try {
    const summary = await importDataset(
      {
        format: v.format,
        inputs: positionals,
        intoDir: v.into,
        includeSuggestions: v['include-suggestions'],
        merger: { merge: (task) => pool.run(task), window: jobs * 4 },
      },
      {
        signal: interrupt.signal,
        onProgress: (p) => progress.update(p.done),
        onProblem: (p) => {
          progress.end();
          process.stderr.write(`${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}\n`);
        },
      },
    );
    progress.end();
    for (const c of summary.conflicts) {
      process.stderr.write(`${c.file}: conflict: imported ${c.imported} overlaps existing ${c.existing}; not imported\n`);
    }
    printImportSummary(summary);
    return summary.problems.length || summary.conflicts.length ? 1 : 0;
  } catch (err) {
    progress.end();
    if (err instanceof CancelledError) {
      process.stderr.write('news-annotator import: cancelled; documents imported so far are kept\n');
      return 130;
    }
    if (err instanceof FormatError) {
      process.stderr.write(`news-annotator import: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    interrupt.dispose();
    await pool.close();
  }
}
