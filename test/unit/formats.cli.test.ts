// The export and import commands as a user runs them: exit codes, files written, messages on stderr.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { wordEndsSync } from '../../server/src/formats/wordSegmenter';

const repoRoot = path.resolve(__dirname, '..', '..');
const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(name: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `na-formats-cli-${name}-`));
  made.push(d);
  return d;
}

/** Runs the real command line (server/src/cli/cli.ts) in a child process. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/cli/cli.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function corpus(): string {
  const dir = tmp('corpus');
  fs.writeFileSync(path.join(dir, 'a.txt'), '杭州市投资3.5亿元。\r\n');
  fs.writeFileSync(path.join(dir, 'a.ann'), 'T1\tLOC 0 3\t杭州市\nT2\tMONEY 5 10\t3.5亿元\n#1\tAnnotatorNotes T2\tvalue=350000000 unit=CNY\n');
  fs.writeFileSync(path.join(dir, 'b.txt'), '北京');
  fs.writeFileSync(path.join(dir, 'b.ann'), 'T1\tLOC 0 2\t北京\n');
  return dir;
}

test('export: usage errors exit 2 with a message', async () => {
  let r = await cli('export', '--format', 'xml', '--out', 'x', 'y');
  assert.equal(r.code, 2);
  assert.match(r.err, /--format must be one of doccano, label-studio/);
  r = await cli('export', '--format', 'hf', 'y');
  assert.equal(r.code, 2);
  assert.match(r.err, /--out DIR is required/);
  r = await cli('export', '--format', 'hf', '--out', 'o', '--split', '0.8', 'y');
  assert.equal(r.code, 2);
  assert.match(r.err, /--split expects two or three/);
});

/** Every file the export wrote, concatenated. */
function readAll(dir: string): string {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => fs.readFileSync(path.join(e.parentPath ?? (e as any).path, e.name), 'utf8'))
    .join('\n');
}

test('export --include-suggestions honours the date stored for a file over --dct, as analyze does (issue 9)', async () => {
  const dir = tmp('dct-corpus');
  fs.mkdirSync(path.join(dir, '.news-annotator'));
  fs.writeFileSync(path.join(dir, '.news-annotator', 'document-dates.json'), JSON.stringify({ version: 1, dates: { 'a.txt': '2021-03-04' } }));
  fs.writeFileSync(path.join(dir, 'a.txt'), '今年一季度营收3.5亿元。');
  fs.writeFileSync(path.join(dir, 'b.txt'), '今年一季度营收3.5亿元。');
  const out = tmp('dct-out');
  const r = await cli('export', '--format', 'doccano', '--include-suggestions', '--dct', '2020-01-01', '--out', out, dir);
  assert.equal(r.code, 0, r.err);
  const docs = readAll(out).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const timexOf = (text: string) => JSON.stringify(docs.find((d) => JSON.stringify(d).includes(text)) ?? docs);
  assert.equal(docs.length, 2);
  // a.txt: its stored date (2021) wins over --dct; b.txt: --dct (2020)
  const a = docs.find((d) => /"a"|a\.txt/.test(JSON.stringify(d)));
  const b = docs.find((d) => /"b"|b\.txt/.test(JSON.stringify(d)));
  assert.match(JSON.stringify(a), /2021-Q1/, timexOf('a'));
  assert.doesNotMatch(JSON.stringify(a), /2020-Q1/);
  assert.match(JSON.stringify(b), /2020-Q1/, timexOf('b'));
});

test('export --dct refuses a date that does not exist, as analyze and check do (issue 9)', async () => {
  for (const command of [['export', '--format', 'doccano', '--include-suggestions', '--out', tmp('x')], ['analyze'], ['check']]) {
    const r = await cli(...command, '--dct', '2023-02-30', 'x.txt');
    assert.equal(r.code, 2, command[0]);
    assert.match(r.err, /--dct: '2023-02-30' is not a real date/, command[0]);
  }
  const r = await cli('export', '--format', 'doccano', '--out', tmp('y'), '--dct', '2023/02/03', 'x.txt');
  assert.equal(r.code, 2);
  assert.match(r.err, /not a date of the form YYYY-MM-DD or YYYY-MM-DDTHH:MM\[:SS\]/);
});

test('export: writes the splits and prints a summary; a stale tag exits 1 naming file and tag', async () => {
  const dir = corpus();
  const out = tmp('out');
  const r = await cli('export', '--format', 'conll-bioes', '--out', out, '--split', '1,1', '--seed', '5', dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Exported 2 documents as conll-bioes .*\(train 1, dev 1\)/);
  assert.match(r.out, /Tags per label: LOC 2, MONEY 1/);
  assert.deepEqual(fs.readdirSync(out).sort(), ['.news-annotator-export.json', 'dev.conll', 'dev.values.jsonl', 'train.conll', 'train.values.jsonl']);
  fs.writeFileSync(path.join(dir, 'b.txt'), '南京');
  const bad = await cli('export', '--format', 'doccano', '--out', out, dir);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /b\.ann: tag T1 LOC \[0, 2\) "北京" does not match b\.txt, which has "南京" there/);
});

test('import: merges, reports malformed lines with numbers on stderr and exits 1; a clean re-import exits 0', async () => {
  const dir = corpus();
  const out = tmp('out');
  assert.equal((await cli('export', '--format', 'doccano', '--out', out, dir)).code, 0);
  const into = tmp('into');
  let r = await cli('import', '--format', 'doccano', '--into', into, out);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Imported 2 documents \(2 new articles\), 3 tags added/);
  assert.equal(fs.readFileSync(path.join(into, 'a.ann'), 'utf8'), fs.readFileSync(path.join(dir, 'a.ann'), 'utf8'));
  fs.appendFileSync(path.join(out, 'all.jsonl'), '{"text": oops}\n');
  r = await cli('import', '--format', 'doccano', '--into', into, out);
  assert.equal(r.code, 1);
  assert.match(r.err, /all\.jsonl:3: not valid JSON/);
  assert.match(r.out, /Already present: 3 tags/);
});

test('the word export\'s words are nodejieba cut\'s, as code-point ends; a text with a lone surrogate has none', () => {
  const nodejieba = require('nodejieba') as { cut(s: string): string[] };
  const texts = ['浙江省温州市鹿城区委书记王建国说：', '𠮷野家\r\n（记者 李 明）', 'iPhone 15售价5999元，约合826.5美元。'];
  for (const t of texts) {
    let p = 0;
    const want = nodejieba.cut(t).map((w) => (p += [...w].length));
    assert.deepEqual(Array.from(wordEndsSync(t)!), want, t);
  }
  assert.deepEqual(Array.from(wordEndsSync('')!), []);
  assert.equal(wordEndsSync('中\ud800国'), undefined);
});
