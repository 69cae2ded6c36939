// `news-annotator agree A B [C…]`: inter-annotator agreement between folders of brat files over the same articles.
import { openAnnotationSets } from '../agreement/annotationSets';
import { AgreementReport, agreementReport } from '../agreement/agreementReport';
import { CommandLine, write } from './commandLine';

const HELP = `Usage:
  news-annotator agree FOLDER_A FOLDER_B [FOLDER_C…] [--labels L1,L2,…] [--format table|json|csv] [--worst N]

Agreement between annotators, each a folder of brat files (article.txt + article.ann, or .ann files only when
another folder holds the texts) over the same articles, matched by their path relative to each folder. Documents
missing from a folder, with different texts, or tags that do not match their text are reported, never skipped
silently.

Figures, per label and overall:
  F1        exact-span agreement for each pair (same start, end and label), 2·matched / (tags A + tags B)
  kappa     Cohen's κ for each pair on per-character labels ('O' outside tags); Fleiss' κ for three or more
  alpha_u   Krippendorff's unitizing αu on the tags (documents laid end to end as one continuum)
Then per document, worst (lowest F1) first.

Options:
  --labels L1,L2        only these labels count
  --format table|json|csv   output (default table); csv has one row per pair × label plus per-document rows
  --worst N             documents listed in the table (default 10; all in json and csv)
  -h, --help            this help

Exit code: 0 when every document was compared, 1 when any document or tag was left out (listed on stderr),
2 on a usage error.`;

const command = new CommandLine('agree', HELP, 'help');

const fmt = (x: number | undefined, digits = 3) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));

export async function run(argv: string[]): Promise<number> {
  const parsed = command.parse(argv, {
    labels: { type: 'string' },
    format: { type: 'string', default: 'table' },
    worst: { type: 'string', default: '10' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length < 2) return command.usageError('give at least two folders (one per annotator)');
  if (!['table', 'json', 'csv'].includes(values.format!)) return command.usageError(`--format takes table, json or csv, got '${values.format}'`);
  const worst = Number(values.worst);
  if (!Number.isInteger(worst) || worst < 0) return command.usageError(`--worst takes a whole number, got '${values.worst}'`);
  const labels = values.labels?.split(',').map((l) => l.trim()).filter(Boolean);
  let report: AgreementReport;
  try {
    report = agreementReport(openAnnotationSets(positionals, { labels }));
  } catch (err) {
    process.stderr.write(`news-annotator agree: ${(err as Error).message}\n`);
    return 2;
  }
  for (const p of report.problems) {
    const who = p.annotator === undefined ? '' : ` [${positionals[p.annotator]}]`;
    process.stderr.write(`news-annotator agree: ${p.document}${who}: ${p.message}\n`);
  }
  const out =
    values.format === 'json' ? JSON.stringify(report, (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2) + '\n'
    : values.format === 'csv' ? csv(report)
    : table(report, worst);
  await write(process.stdout, out);
  return report.problems.length > 0 ? 1 : 0;
}

function pairName(report: AgreementReport, a: number, b: number): string {
  return `${report.annotators[a]} ~ ${report.annotators[b]}`;
}

function table(report: AgreementReport, worst: number): string {
  const lines: string[] = [];
  lines.push(`${report.documents} documents, ${report.characters} characters, ${report.annotators.length} annotators`);
  lines.push('');
  lines.push(['pair', 'F1', 'matched', 'tags A', 'tags B', 'kappa'].join('\t'));
  for (const p of report.pairs) {
    lines.push([pairName(report, p.a, p.b), fmt(p.f1), p.matched, p.countA, p.countB, fmt(p.kappa)].join('\t'));
  }
  if (report.fleissKappa !== undefined) lines.push(`Fleiss' kappa (all annotators, per character): ${fmt(report.fleissKappa)}`);
  lines.push(`Krippendorff's alpha_u (all annotators): ${fmt(report.alphaU)}`);
  lines.push('');
  lines.push(['label', 'alpha_u', ...report.pairs.map((p) => `F1 ${pairName(report, p.a, p.b)}`)].join('\t'));
  for (const l of report.labels) lines.push([l.label, fmt(l.alphaU), ...l.pairs.map((p) => `${fmt(p.f1)} (${p.matched}/${p.countA}/${p.countB})`)].join('\t'));
  if (worst > 0 && report.byDocument.length > 0) {
    lines.push('');
    lines.push(`worst documents (of ${report.byDocument.length}):`);
    lines.push(['document', 'F1', 'kappa', 'alpha_u', 'tags'].join('\t'));
    for (const d of report.byDocument.slice(0, worst)) lines.push([d.id, fmt(d.f1), fmt(d.kappa), fmt(d.alphaU), d.tags.join('/')].join('\t'));
  }
  return lines.join('\n') + '\n';
}

function csvCell(x: string | number | undefined): string {
  const s = typeof x === 'number' ? (Number.isNaN(x) ? '' : String(x)) : (x ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(report: AgreementReport): string {
  const rows: Array<Array<string | number | undefined>> = [['scope', 'name', 'annotator_a', 'annotator_b', 'f1', 'matched', 'tags_a', 'tags_b', 'kappa', 'alpha_u']];
  for (const p of report.pairs) {
    rows.push(['overall', '', report.annotators[p.a], report.annotators[p.b], p.f1, p.matched, p.countA, p.countB, p.kappa, report.alphaU]);
  }
  if (report.fleissKappa !== undefined) rows.push(['overall', 'fleiss', '', '', '', '', '', '', report.fleissKappa, report.alphaU]);
  for (const l of report.labels) {
    for (const p of l.pairs) rows.push(['label', l.label, report.annotators[p.a], report.annotators[p.b], p.f1, p.matched, p.countA, p.countB, '', l.alphaU]);
  }
  for (const d of report.byDocument) rows.push(['document', d.id, '', '', d.f1, '', '', '', d.kappa, d.alphaU]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
