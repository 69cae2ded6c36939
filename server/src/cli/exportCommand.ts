// `news-annotator export`: a corpus (article files with their .ann) → one dataset format, with optional
// train/dev/test splits; a progress bar on a terminal (stderr), plain lines otherwise; Ctrl-C cancels cleanly.
import { CancelledError, FormatError } from '../formats/document';
import { FORMAT_NAMES, FormatName, isFormatName } from '../formats/datasetFormat';
import { ExportSummary, exportCorpus } from '../formats/exportCorpus';
import { FORMATS } from '../formats/registry';
import { CommandLine, dctProblem } from './commandLine';
import { parseRatios } from '../formats/split';
import { DEFAULT_SENTENCE_ENDERS } from '../formats/sentences';
import { DecodeError } from '../core/textDecoding';
import { UnsafeFileError } from '../core/safeFiles';
import { DOCUMENT_SCOPES, DocumentScope, isDocumentScope } from '../formats/exportScope';
import { defaultJobs, parseJobs, runner } from './parallel';

const HELP = `Usage:
  news-annotator export --format FORMAT[,FORMAT...]|all --out DIR [--documents reviewed|tagged|all] [--include-suggestions] [--split 0.8,0.1,0.1 --seed N] [--jobs N] PATH...

PATH: article files (.txt, .news) with their .ann beside them, or folders holding them.
Formats:
${FORMAT_NAMES.map((n) => `  ${n.padEnd(14)}${FORMATS[n].description}`).join('\n')}

Options:
  --format FORMAT          one of the formats above; several (comma-separated, or "all") are written in one
                           pass over the corpus, each into DIR/FORMAT/
  --out DIR                output folder (created; files in it are overwritten)
  --documents WHICH        reviewed: articles marked reviewed; tagged: articles with at least one tag; all
                           (default): every article, untagged ones as all-O documents. The counts of each are
                           printed first
  --include-suggestions    also export unreviewed machine suggestions (marked where the format can)
  --split R,R[,R]          train,dev[,test] ratios, by document (default: no split, files named "all"); a split
                           that would leave a part with a non-zero ratio empty is refused with the numbers
  --seed N                 seed for the split (default 1); the same seed gives the same split
  --dct DATE               document date for the suggestions' relative dates, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
                           (a date stored for an article with the editor's "Set Document Date" wins over it)
  --sentence-enders CHARS  sentence-ending characters for CoNLL/HF (default ${DEFAULT_SENTENCE_ENDERS})
  --no-newline-split       do not end sentences at line breaks (CoNLL/HF)
  --jobs N                 threads (the main one and N-1 workers) reading the articles (and computing suggestions)
                           (default: the number of cores, ${defaultJobs()} here); the output is the same for any N
  -h, --help               this help

Offsets are Unicode code points. A document that cannot be read (text not decodable, a tag whose text does not match
its article) is reported on stderr, naming the file and the tag, and left out; the export goes on. So is anything
else a format cannot hold: malformed .ann lines, overlapping tags in CoNLL/HF, brat relations, events, attributes and
notes, discontinuous spans. Exit code: 0 when everything was exported, 1 when anything was left out or on an error
(a summary says what), 2 on a usage error, 130 when interrupted.`;

/** Progress on stderr: a redrawn bar on a terminal, a plain line every 10% otherwise. */
export class ProgressLine {
  private lastPct = -1;
  private lastDraw = 0;
  private readonly tty = !!process.stderr.isTTY;

  constructor(private readonly what: string) {}

  update(done: number, total?: number): void {
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && done !== total) return;
      this.lastDraw = now;
      if (total) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        process.stderr.write(`\r${this.what} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      } else process.stderr.write(`\r${this.what}: ${done}`);
      return;
    }
    if (!total) return;
    const pct = Math.floor((done / total) * 10) * 10;
    if (pct > this.lastPct) {
      this.lastPct = pct;
      process.stderr.write(`${this.what}: ${done}/${total} (${pct}%)\n`);
    }
  }

  /** Ends the bar's line (before other output). */
  end(): void {
    if (this.tty && this.lastDraw) process.stderr.write('\n');
    this.lastDraw = 0;
  }
}

/** Ctrl-C aborts the signal once (a second one kills the process as usual). */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInt = () => {
    process.removeListener('SIGINT', onInt);
    controller.abort();
  };
  process.on('SIGINT', onInt);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onInt) };
}

export function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'none';
}

export function printExportSummary(s: ExportSummary, out: NodeJS.WritableStream = process.stdout): void {
  const splits = Object.entries(s.documentsPerSplit).map(([k, v]) => `${k} ${v}`).join(', ');
  out.write(`Exported ${s.documents} documents as ${s.format} to ${s.outDir}${splits ? ` (${splits})` : ''}\n`);
  out.write(`Tags per label: ${formatCounts(s.tagsPerLabel)}\n`);
  if (Object.keys(s.suggestionsPerLabel).length) out.write(`Suggestions per label: ${formatCounts(s.suggestionsPerLabel)}\n`);
  const shown = s.filesWritten.slice(0, 12);
  out.write(`Files written: ${s.filesWritten.length}\n${shown.map((f) => `  ${f}\n`).join('')}`);
  if (s.filesWritten.length > shown.length) out.write(`  ... and ${s.filesWritten.length - shown.length} more\n`);
  if (s.documentsSkipped) out.write(`Documents left out: ${s.documentsSkipped} (could not be read; listed on stderr)\n`);
  const dropped = Object.entries(s.tagsDropped);
  if (dropped.length) {
    out.write(`Tags left out (overlapping, the format cannot hold them; not counted above): ${dropped.map(([f, n]) => (s.formats.length > 1 ? `${f} ${n}` : `${n}`)).join(', ')}\n`);
  }
  if (s.leftOut.length) {
    const listed = s.leftOut.slice(0, 5).join(', ') + (s.leftOut.length > 5 ? `, … (${s.leftOut.length - 5} more)` : '');
    out.write(`Not articles, left out: ${s.leftOut.length} (${listed})\n`);
  }
  if (s.warnings.length) out.write(`Left out or refused: ${s.warnings.length} item${s.warnings.length > 1 ? 's' : ''} (listed on stderr)\n`);
}

const command = new CommandLine('export', HELP, 'pointer');
const usageError = (message: string) => command.usageError(message);

export async function run(argv: string[]): Promise<number> {
  const parsed = command.parse(argv, {
    format: { type: 'string' },
    out: { type: 'string' },
    documents: { type: 'string', default: 'all' },
    'include-suggestions': { type: 'boolean', default: false },
    split: { type: 'string' },
    seed: { type: 'string' },
    dct: { type: 'string' },
    'sentence-enders': { type: 'string' },
    'no-newline-split': { type: 'boolean', default: false },
    jobs: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values: v, positionals } = parsed;
  const jobs = parseJobs(v.jobs);
  if (typeof jobs === 'string') return usageError(jobs);
  const formats = v.format === 'all' ? [...FORMAT_NAMES] : (v.format ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !isFormatName(f));
  if (formats.length === 0 || unknown.length) {
    return usageError(`--format must be one of ${FORMAT_NAMES.join(', ')} (or several, comma-separated, or all)${unknown.length ? `; got '${unknown.join(',')}'` : ''}`);
  }
  if (!v.out) return usageError('--out DIR is required');
  if (positionals.length === 0) return usageError('give one or more article files or folders');
  let split: { ratios: number[]; seed: number } | undefined;
  if (v.split !== undefined) {
    try {
      split = { ratios: parseRatios(v.split), seed: 1 };
    } catch (err) {
      return usageError((err as Error).message);
    }
  }
  if (v.seed !== undefined) {
    if (!/^-?\d+$/.test(v.seed)) return usageError(`--seed must be an integer, got '${v.seed}'`);
    if (!split) return usageError('--seed only applies with --split');
    split.seed = Number(v.seed);
  }
  const badDct = dctProblem(v.dct);
  if (badDct) return usageError(badDct);
  if (!isDocumentScope(v.documents)) return usageError(`--documents must be one of ${DOCUMENT_SCOPES.join(', ')}, got '${v.documents}'`);
  const documents: DocumentScope = v.documents;

  const progress = new ProgressLine(`export ${formats.join(',')}`);
  const interrupt = interruptSignal();
  const pool = runner('loadArticle', jobs, { thisThreadToo: true });
  try {
    const summary = await exportCorpus(
      {
        format: formats.length === 1 ? (formats[0] as FormatName) : (formats as FormatName[]),
        paths: positionals,
        outDir: v.out,
        includeSuggestions: v['include-suggestions'],
        scope: documents,
        split,
        analysis: v.dct ? { dct: v.dct } : undefined,
        sentences: { enders: v['sentence-enders'], splitOnNewline: !v['no-newline-split'] },
        loader: { load: (task) => pool.run(task), window: jobs * 4 },
      },
      {
        signal: interrupt.signal,
        onScope: (c, scope) => {
          const n = scope === 'all' ? c.all : c[scope];
          process.stdout.write(`Articles: ${c.all} in all, ${c.reviewed} reviewed, ${c.tagged} tagged; exporting ${scope === 'all' ? 'all' : `the ${scope}`} ${n}\n`);
        },
        onProgress: (p) => progress.update(p.done, p.total),
        onWarning: (m) => {

          progress.end();
          process.stderr.write(`warning: ${m}\n`);
        },
      },
    );
    progress.end();
    printExportSummary(summary);
    return summary.warnings.length ? 1 : 0;
  } catch (err) {
    progress.end();
    if (err instanceof CancelledError) {
      process.stderr.write('news-annotator export: cancelled; the output folder holds a partial export\n');
      return 130;
    }
    if (err instanceof FormatError || err instanceof DecodeError || err instanceof UnsafeFileError) {
      process.stderr.write(`news-annotator export: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    interrupt.dispose();
    await pool.close();
  }
}
