// news-annotator agree and adjudication over folders of brat files: the sample corpus annotated twice, the second
// annotator differing in known ways (test/fixtures/agreement: annotator-b dropped 2 tags, relabelled 2, moved one
// boundary and added one LOC), plus folders broken on purpose.
import { spawnSync } from 'child_process';
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { test } from 'node:test';
import { loadAnnotationSets } from '../../server/src/agreement/annotationSets';
import { agreementReport } from '../../server/src/agreement/agreementReport';
import { compareTags } from '../../server/src/agreement/disagreements';
import { ADJUDICATION_LOG, adjudicate, decide, readDecisions } from '../../server/src/agreement/adjudication';
import { parseAnn } from '../../server/src/annotations/annFile';

const REPO = path.resolve(__dirname, '..', '..');
const A = path.join(REPO, 'test', 'fixtures', 'agreement', 'annotator-a');
const B = path.join(REPO, 'test', 'fixtures', 'agreement', 'annotator-b');

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'na-agree-'));
}

test('the sample corpus annotated twice: figures follow from the known differences', () => {
  const report = agreementReport(loadAnnotationSets([A, B]));
  assert.strictEqual(report.documents, 2);
  assert.deepStrictEqual(report.problems, []);
  const [pair] = report.pairs;
  // A: 42 + 38 tags; B: 42 − 2 dropped + 1 added, 38; matched: all but 2 dropped, 2 relabelled, 1 moved
  assert.deepStrictEqual([pair.countA, pair.countB, pair.matched], [80, 79, 75]);
  assert.strictEqual(pair.f1, 150 / 159);
  assert.ok(pair.kappa > 0.9 && pair.kappa < 1, `κ ${pair.kappa}`);
  assert.ok(report.alphaU > 0.9 && report.alphaU < 1, `αu ${report.alphaU}`);
  assert.strictEqual(report.fleissKappa, undefined);
  const loc = report.labels.find((l) => l.label === 'LOC')!;
  assert.deepStrictEqual([loc.pairs[0].matched, loc.pairs[0].countA, loc.pairs[0].countB], [0, 0, 1]);
  assert.strictEqual(report.byDocument[0].id, '2023-06-18-wenzhou-investment', 'worst document first');
});

test('disagreements of the sample: extra, missing, label and boundary, in text order', () => {
  const sets = loadAnnotationSets([A, B]);
  const kinds = sets.documents.map((d) => compareTags(d.tags[0], d.tags[1]).disagreements.map((x) => `${x.kind}:${[...x.mine, ...x.theirs].map((t) => t.text).join('/')}`));
  assert.deepStrictEqual(kinds, [
    ['missing:温州', 'extra:超450亿元', 'extra:近日', 'label:450亿元/450亿元', 'boundary:超10亿元/10亿元'],
    ['label:近三成/近三成'],
  ]);
});

test('three annotators: Fleiss κ and all three pairs', () => {
  const report = agreementReport(loadAnnotationSets([A, B, A]));
  assert.strictEqual(report.pairs.length, 3);
  assert.strictEqual(report.pairs[1].f1, 1, 'A ~ A agree');
  assert.ok(report.fleissKappa! > 0.9 && report.fleissKappa! < 1);
});

test('nothing is skipped silently: missing documents, different texts and tags that do not match are reported', () => {
  const dir = scratch();
  try {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(a, 'one.txt'), '王小明在杭州。');
    fs.writeFileSync(path.join(a, 'one.ann'), 'T1\tPER 0 3\t王小明\nT2\tLOC 4 6\t上海\n');
    fs.writeFileSync(path.join(b, 'one.ann'), 'T1\tPER 0 3\t王小明\n');
    fs.writeFileSync(path.join(a, 'two.txt'), '甲');
    fs.writeFileSync(path.join(b, 'two.txt'), '乙');
    fs.writeFileSync(path.join(a, 'only-a.txt'), '丙');
    const sets = loadAnnotationSets([a, b]);
    assert.deepStrictEqual(sets.documents.map((d) => d.id), ['one']);
    const messages = sets.problems.map((p) => `${p.document}: ${p.message}`).join('\n');
    assert.match(messages, /one: .*T2 LOC \[4, 6\) says "上海" but the text has "杭州": ignored/);
    assert.match(messages, /only-a: not in .*b \(neither article nor \.ann\): left out/);
    assert.match(messages, /two: the article text differs between/);
    const cli = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/src/cli/cli.ts'), 'agree', a, b, '--format', 'json'], { encoding: 'utf8' });
    assert.strictEqual(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, /two: the article text differs/);
    const json = JSON.parse(cli.stdout);
    assert.strictEqual(json.documents, 1);
    assert.strictEqual(json.pairs[0].f1, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('agree CLI: table and csv output, usage errors', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/src/cli/cli.ts'), 'agree', ...args], { encoding: 'utf8' });
  const t = cli(A, B);
  assert.strictEqual(t.status, 0, t.stderr);
  assert.match(t.stdout, /^2 documents, 1053 characters, 2 annotators/);
  assert.match(t.stdout, /\t0\.943\t75\t80\t79\t/);
  const c = cli(A, B, '--format', 'csv', '--labels', 'MONEY,DATE');
  assert.strictEqual(c.status, 0, c.stderr);
  const rows = c.stdout.trim().split('\n');
  assert.strictEqual(rows[0], 'scope,name,annotator_a,annotator_b,f1,matched,tags_a,tags_b,kappa,alpha_u');
  assert.deepStrictEqual(rows.filter((r) => r.startsWith('label,')).map((r) => r.split(',')[1]), ['DATE', 'MONEY']);
  assert.strictEqual(cli(A).status, 2);
  assert.strictEqual(cli(A, B, '--format', 'xml').status, 2);
  assert.strictEqual(cli(A, path.join(A, 'nope')).status, 2);
});

test('adjudication: decisions are logged, the curated .ann follows them, and a re-run resumes', () => {
  const out = scratch();
  try {
    const sets = loadAnnotationSets([A, B]);
    const doc = sets.documents[0];
    const first = adjudicate(doc, 0, 1);
    assert.strictEqual(first.disagreements.length, 5);
    assert.strictEqual(first.tags.length, 38, 'agreed tags only');
    const [missing, extra1, , label, boundary] = first.disagreements;
    decide(out, doc, 0, 1, missing, { choice: 'theirs' });
    decide(out, doc, 0, 1, label, { choice: 'mine' });
    decide(out, doc, 0, 1, boundary, { choice: 'edit', tags: [{ start: boundary.start, end: boundary.end, label: 'MONEY' }] });
    const annPath = path.join(out, `${doc.id}.ann`);
    const curated = parseAnn(fs.readFileSync(annPath, 'utf8')).tags;
    assert.strictEqual(curated.length, 41);
    assert.ok(curated.some((t) => t.label === 'LOC' && t.text === '温州'));
    assert.ok(curated.some((t) => t.label === 'MONEY' && t.text === '450亿元'));
    assert.ok(curated.some((t) => t.label === 'MONEY' && t.text === '超10亿元'));
    assert.ok(!curated.some((t) => t.text === '超450亿元'), 'undecided: left out until decided');
    assert.strictEqual(fs.readFileSync(path.join(out, `${doc.id}.txt`), 'utf8'), doc.text);
    // a new session: the log gives back the three decisions; two remain open
    const resumed = adjudicate(doc, 0, 1, readDecisions(out).get(doc.id));
    assert.strictEqual(resumed.decided.size, 3);
    assert.deepStrictEqual(resumed.disagreements.filter((d) => !resumed.decided.has(d.key)).map((d) => d.key), [extra1.key, first.disagreements[2].key]);
    const log = fs.readFileSync(path.join(out, ADJUDICATION_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepStrictEqual(log.map((l) => l.decision.choice), ['theirs', 'mine', 'edit']);
    assert.throws(() => decide(out, doc, 0, 1, extra1, { choice: 'edit', tags: [{ start: 5, end: 99999, label: 'MONEY' }] }), /not inside the text/);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
