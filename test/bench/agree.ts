// npm run bench:agree [-- --docs N --chars N]: `news-annotator agree` on N document pairs (default 10,000 documents
// of 3,000 characters: 30 M characters) written to a temporary folder — texts and .ann in folder A, .ann only in B,
// B differing from A in about 10% of its tags (dropped, relabelled, moved, added). Prints wall and CPU time of the
// whole command (reading, comparing, F1, Cohen's κ, αu), run in this process on one thread.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openAnnotationSets } from '../../server/src/agreement/annotationSets';
import { agreementReport } from '../../server/src/agreement/agreementReport';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const DOCS = arg('--docs', 10_000);
const CHARS = arg('--chars', 3_000);
const LABELS = ['PER', 'LOC', 'ORG', 'MONEY', 'PERCENT', 'DATE', 'CARDINAL'];

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'na-bench-agree-'));
const a = path.join(dir, 'a');
const b = path.join(dir, 'b');
fs.mkdirSync(a);
fs.mkdirSync(b);
try {
  let started = Date.now();
  let tagsA = 0;
  for (let d = 0; d < DOCS; d++) {
    let text = '';
    for (let i = 0; i < CHARS; i++) text += String.fromCharCode(0x4e00 + Math.floor(random() * 2000));
    const linesA: string[] = [];
    const linesB: string[] = [];
    let n = 0;
    for (let pos = Math.floor(random() * 20); pos < CHARS - 10; pos += 10 + Math.floor(random() * 40)) {
      const len = 2 + Math.floor(random() * 6);
      const label = LABELS[Math.floor(random() * LABELS.length)];
      n++;
      linesA.push(`T${n}\t${label} ${pos} ${pos + len}\t${text.slice(pos, pos + len)}`);
      const r = random();
      if (r < 0.03) continue; // dropped
      const labelB = r < 0.06 ? LABELS[(LABELS.indexOf(label) + 1) % LABELS.length] : label;
      const endB = r >= 0.06 && r < 0.09 ? pos + len - 1 : pos + len;
      linesB.push(`T${n}\t${labelB} ${pos} ${endB}\t${text.slice(pos, endB)}`);
    }
    tagsA += n;
    const name = `doc-${String(d).padStart(5, '0')}`;
    fs.writeFileSync(path.join(a, `${name}.txt`), text);
    fs.writeFileSync(path.join(a, `${name}.ann`), linesA.join('\n') + '\n');
    fs.writeFileSync(path.join(b, `${name}.ann`), linesB.join('\n') + '\n');
  }
  console.log(`generated ${DOCS} document pairs, ${(DOCS * CHARS).toLocaleString('en')} characters, ${tagsA.toLocaleString('en')} tags in A, in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  started = Date.now();
  const cpu = process.cpuUsage();
  const report = agreementReport(openAnnotationSets([a, b]));
  const done = Date.now();
  const used = process.cpuUsage(cpu);
  const p = report.pairs[0];
  console.log(`agree: ${report.documents} documents, ${report.characters.toLocaleString('en')} characters: F1 ${p.f1.toFixed(4)}, κ ${p.kappa.toFixed(4)}, αu ${report.alphaU.toFixed(4)}`);
  console.log(
    `time: ${((done - started) / 1000).toFixed(2)} s wall (reading and measures), ` +
      `${((used.user + used.system) / 1e6).toFixed(2)} s CPU, one thread; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
