import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const enc = path.join(root, 'test', 'fixtures', 'encodings');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/cli/cli.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf-8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

/** Every span's text must be the code-point slice of the input. */
function assertOffsets(text: string, spans: { start: number; end: number; text: string }[]) {
  const cps = [...text];
  for (const s of spans) assert.equal(cps.slice(s.start, s.end).join(''), s.text, JSON.stringify(s));
}

test('analyze FILE prints one object per file with the DCT, its source and code-point spans', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'na-cli-'));
  const file = path.join(tmp, '2023-06-18-report.txt');
  const text = '𠮷报道\r\n上半年营收3.5亿元，同比增长12.5%。';
  fs.writeFileSync(file, text);
  const r = cli(['analyze', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.lines.length, 1);
  const [out] = r.lines;
  assert.equal(out.file, file);
  assert.equal(out.dct, '2023-06-18');
  assert.equal(out.dctSource, 'filename');
  assertOffsets(text, out.spans);
  const money = out.spans.find((s: any) => s.label === 'MONEY');
  assert.deepEqual(money && [money.text, money.value, money.unit, money.start], ['3.5亿元', 350000000, 'CNY', 10]);
});

test('an explicit --dct wins over the file name', () => {
  const r = cli(['analyze', '--dct', '2020-01-02', path.join(enc, 'crlf-astral.txt')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([r.lines[0].dct, r.lines[0].dctSource], ['2020-01-02', 'explicit']);
});

test('a date set for the file in the editor (.news-annotator/document-dates.json) is used, over --dct', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'na-cli-'));
  fs.mkdirSync(path.join(tmp, '.news-annotator'));
  fs.mkdirSync(path.join(tmp, 'news'));
  fs.writeFileSync(path.join(tmp, '.news-annotator', 'document-dates.json'), JSON.stringify({ version: 1, dates: { 'news/a.txt': '2021-03-04' } }));
  fs.writeFileSync(path.join(tmp, 'news', 'a.txt'), '今年一季度营收3.5亿元。');
  fs.writeFileSync(path.join(tmp, 'news', 'b.txt'), '今年一季度营收3.5亿元。');
  const r = cli(['analyze', '--dct', '2020-01-02', path.join(tmp, 'news', 'a.txt'), path.join(tmp, 'news', 'b.txt')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines.map((l: any) => l.dct), ['2021-03-04', '2020-01-02']);
  assert.ok(r.lines[0].spans.some((s: any) => s.label === 'DATE' && s.timex === '2021-Q1'), JSON.stringify(r.lines[0].spans));
});

test('--dct and a stored date may carry a time of day; a JSONL "dct" that does not exist is named as such', () => {
  const r = cli(['analyze', '--dct', '2020-01-02T09:30', path.join(enc, 'crlf-astral.txt')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([r.lines[0].dct, r.lines[0].dctSource], ['2020-01-02T09:30', 'explicit']);
  const j = cli(['analyze', '--jsonl'], JSON.stringify({ id: 1, text: '今天', dct: '2025-02-30' }) + '\n');
  assert.equal(j.code, 1);
  assert.equal(j.lines[0].error, `"dct": '2025-02-30' is not a real date`);
});

test('GB18030 files are decoded; undecodable files are named on stderr, the run goes on, the exit code says so', () => {
  const r = cli(['analyze', path.join(enc, 'latin1.txt'), path.join(enc, 'gb18030.txt'), path.join(enc, 'missing.txt')]);
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 1);
  assert.equal(r.lines[0].file, path.join(enc, 'gb18030.txt'));
  assert.match(r.stderr, /latin1\.txt: is not valid UTF-8/);
  assert.match(r.stderr, /missing\.txt: no such file/);
  assertOffsets('2023年6月18日，杭州市财政局公布：上半年全市一般公共预算收入达3.5亿元，同比增长12.5%。', r.lines[0].spans);
});

test('--labels runs only the named groups', () => {
  const r = cli(['analyze', '--labels', 'figures', path.join(enc, 'gb18030.txt')]);
  assert.equal(r.code, 0, r.stderr);
  const labels = new Set(r.lines[0].spans.map((s: any) => s.label));
  for (const l of labels) assert.ok(['MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL', 'ORDINAL'].includes(l as string), String(l));
  assert.ok(labels.has('PERCENT'));
});

test('usage errors exit 2 with a message', () => {
  assert.equal(cli(['analyze', '--labels', 'colours', 'x.txt']).code, 2);
  const r = cli(['analyze', '--dct', '2023-02-30', 'x.txt']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--dct: '2023-02-30' is not a real date/);
  assert.equal(cli(['frobnicate']).code, 2);
});

test('--jsonl streams one output line per input line, keeps ids, reports bad lines and exits 1', () => {
  const input = [
    JSON.stringify({ id: 'a', text: '今年一季度营收增长12.5%', dct: '2023-06-18' }),
    '',
    'not json',
    JSON.stringify({ id: 7, text: '𠮷𠮷约60亿元' }),
    JSON.stringify({ id: 'c', text: 42 }),
  ].join('\n');
  const r = cli(['analyze', '--jsonl', '--dct', '2022-01-01'], input);
  assert.equal(r.code, 1);
  // the blank line has its own output line, so output line N answers input line N
  assert.deepEqual(r.lines.map((l: any) => l.id), ['a', null, null, 7, 'c']);
  assert.equal(r.lines[0].dct, '2023-06-18');
  assert.equal(r.lines[3].dct, '2022-01-01');
  assert.equal(r.lines[1].line, 2);
  assert.equal(r.lines[2].line, 3);
  assert.ok(r.lines[1].error);
  assert.ok(r.lines[2].error);
  assert.ok(r.lines[4].error);
  assertOffsets('𠮷𠮷约60亿元', r.lines[3].spans);
  const money = r.lines[3].spans.find((s: any) => s.label === 'MONEY');
  assert.deepEqual(money && [money.start, money.end, money.value, money.mod], [2, 7, 6000000000, 'approx']);
  assert.match(r.stderr, /stdin line 3/);
});
