// Nothing lost: import, export, the editor's store and the command line on hostile files and folders (issue #8).
// Each test reproduces a defect found on the earlier code (named in the test) and fails there.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { spawnSync } from 'child_process';
import * as iconv from 'iconv-lite';
import { importDataset } from '../../server/src/formats/importDataset';
import { exportCorpus } from '../../server/src/formats/exportCorpus';
import { ArticleFiles } from '../../server/src/annotations/annStorage';
import { analyzeJsonLines } from '../../server/src/cli/analyzeCommand';
import { decodeFile } from '../../server/src/core/textDecoding';
import { readTextForRewrite, writeFileSafely } from '../../server/src/core/safeFiles';

const repoRoot = path.resolve(__dirname, '..', '..');
const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(name: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `na-safety-${name}-`));
  made.push(d);
  return d;
}

function cli(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/cli/cli.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** A doccano export of one document to import. */
function doccanoInput(dir: string, id: string, text: string, labels: [number, number, string][]): string {
  const file = path.join(dir, 'in.jsonl');
  fs.writeFileSync(file, JSON.stringify({ document: id, text, label: labels }) + '\n');
  return file;
}

function tempFilesIn(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

// 1 ------------------------------------------------------------------------------------------------------------------

test('import writes an existing GB18030 .ann back in GB18030, its old lines byte for byte (was: UTF-8 of mis-decoded bytes)', async () => {
  const into = tmp('gb');
  const text = '温州市财政局在鹿城区召开会议。';
  fs.writeFileSync(path.join(into, 'a.txt'), text);
  const oldAnn = 'T1\tORG 0 6\t温州市财政局\n#1\tAnnotatorNotes T1\t财政部门\n';
  const oldBytes = iconv.encode(oldAnn, 'gb18030');
  fs.writeFileSync(path.join(into, 'a.ann'), oldBytes);
  const input = doccanoInput(tmp('gbin'), 'a', text, [[7, 10, 'LOC']]);
  const s = await importDataset({ format: 'doccano', inputs: [input], intoDir: into });
  assert.deepEqual(s.problems, []);
  assert.equal(s.tagsAdded, 1);
  const bytes = fs.readFileSync(path.join(into, 'a.ann'));
  const decoded = decodeFile(bytes, 'a.ann');
  assert.equal(decoded.encoding, 'gb18030');
  assert.equal(decoded.text, 'T1\tORG 0 6\t温州市财政局\nT2\tLOC 7 10\t鹿城区\n#1\tAnnotatorNotes T1\t财政部门\n');
  assert.ok(bytes.equals(iconv.encode(decoded.text, 'gb18030')));
  assert.ok(!decoded.text.includes('锟斤拷'));
});

test('import leaves a .ann it cannot write back byte for byte alone and says so (was: a Latin-1 byte became U+FFFD)', async () => {
  const into = tmp('latin1');
  fs.writeFileSync(path.join(into, 'a.txt'), '上海市');
  const before = Buffer.concat([Buffer.from('T1\tLOC 0 3\t上海市\n#1\tAnnotatorNotes T1\tcaf'), Buffer.from([0xe9]), Buffer.from('\n')]);
  fs.writeFileSync(path.join(into, 'a.ann'), before);
  const input = doccanoInput(tmp('latin1in'), 'a', '上海市', [[0, 2, 'LOC']]);
  const s = await importDataset({ format: 'doccano', inputs: [input], intoDir: into });
  assert.ok(fs.readFileSync(path.join(into, 'a.ann')).equals(before), 'the file is untouched');
  assert.equal(s.documents, 0);
  assert.equal(s.problems.length, 1);
  assert.match(s.problems[0].message, /a\.ann: .*not valid UTF-8.*left as it is; document a not imported/);
});

test('the editor store writes a GB18030 .ann back in GB18030 and refuses one it would change (was: always UTF-8)', () => {
  const dir = tmp('store');
  const article = path.join(dir, 'a.txt');
  fs.writeFileSync(article, '温州市财政局');
  fs.writeFileSync(path.join(dir, 'a.ann'), iconv.encode('T1\tORG 0 6\t温州市财政局\n', 'gb18030'));
  const files = new ArticleFiles(article);
  const read = files.read();
  assert.equal(read.ann, 'T1\tORG 0 6\t温州市财政局\n');
  files.write('T1\tORG 0 6\t温州市财政局\nT2\tLOC 0 3\t温州市\n', undefined);
  const bytes = fs.readFileSync(path.join(dir, 'a.ann'));
  assert.ok(bytes.equals(iconv.encode('T1\tORG 0 6\t温州市财政局\nT2\tLOC 0 3\t温州市\n', 'gb18030')));
  // a Big5 file cannot hold 𠀀: nothing is written, the reason is given
  const big5 = path.join(dir, 'b.ann');
  fs.writeFileSync(big5, iconv.encode('T1\tLOC 0 2\t臺灣\n', 'big5'));
  const tf = readTextForRewrite(big5)!;
  assert.equal(tf.encoding, 'big5');
  assert.throws(() => writeFileSafely(big5, tf.text + 'T2\tLOC 3 4\t𠀀\n', tf), /Big5, which cannot hold "𠀀" \(U\+20000\); nothing was written/);
  assert.ok(fs.readFileSync(big5).equals(iconv.encode('T1\tLOC 0 2\t臺灣\n', 'big5')));
  assert.deepEqual(tempFilesIn(dir), []);
});

// 2 ------------------------------------------------------------------------------------------------------------------

test('export refuses an output folder that is a symbolic link to the corpus (was: corpus/a.ann rewritten, R1 lost)', async () => {
  const root = tmp('link');
  const corpus = path.join(root, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, 'a.txt'), '王明在北京');
  const ann = 'T1\tPER 0 2\t王明\nT2\tLOC 3 5\t北京\nR1\tLocatedIn Arg1:T1 Arg2:T2\n';
  fs.writeFileSync(path.join(corpus, 'a.ann'), ann);
  fs.symlinkSync(corpus, path.join(root, 'link'));
  await assert.rejects(
    exportCorpus({ format: 'brat', paths: [corpus], outDir: path.join(root, 'link') }),
    /the output folder holds input documents/,
  );
  assert.equal(fs.readFileSync(path.join(corpus, 'a.ann'), 'utf8'), ann);
});

test('export never follows a symbolic link inside the output folder', async () => {
  const root = tmp('outlink');
  const corpus = path.join(root, 'corpus');
  fs.mkdirSync(path.join(corpus, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(corpus, 'sub', 'a.txt'), '北京');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  const out = path.join(root, 'out');
  fs.mkdirSync(out);
  fs.symlinkSync(outside, path.join(out, 'sub'));
  fs.symlinkSync(path.join(outside, 'victim.jsonl'), path.join(out, 'all.jsonl'));
  await assert.rejects(exportCorpus({ format: 'brat', paths: [corpus], outDir: out }), /sub: is a symbolic link inside the output folder; it is not followed/);
  await assert.rejects(exportCorpus({ format: 'doccano', paths: [corpus], outDir: out }), /all\.jsonl: is a symbolic link inside the output folder/);
  assert.deepEqual(fs.readdirSync(outside), []);
  assert.deepEqual(tempFilesIn(out), []);
});

// 3 ------------------------------------------------------------------------------------------------------------------

test('import --into does not follow a symbolic link inside the folder (was: link/pwned written outside)', async () => {
  const root = tmp('intolink');
  const into = path.join(root, 'into');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(into);
  fs.mkdirSync(outside);
  fs.symlinkSync('../outside', path.join(into, 'link'));
  const input = path.join(root, 'in.jsonl');
  fs.writeFileSync(input, [
    JSON.stringify({ document: 'link/pwned', text: '北京', label: [[0, 2, 'LOC']] }),
    JSON.stringify({ document: 'ok', text: '上海', label: [[0, 2, 'LOC']] }),
  ].join('\n') + '\n');
  const s = await importDataset({ format: 'doccano', inputs: [input], intoDir: into });
  assert.deepEqual(fs.readdirSync(outside), []);
  assert.equal(s.documents, 1);
  assert.match(s.problems.map((p) => p.message).join('\n'), /link: is a symbolic link inside the output folder; it is not followed; document link\/pwned not imported/);
  assert.ok(fs.existsSync(path.join(into, 'ok.ann')));
});

// 7 ------------------------------------------------------------------------------------------------------------------

test('import reports a file-system failure per document and goes on (was: ENAMETOOLONG or EISDIR aborted the import)', async () => {
  const into = tmp('fs');
  const longId = '温'.repeat(82); // 246 bytes + ".txt": fits; the old temporary name "<name>.<pid>.tmp" did not
  const tooLong = '州'.repeat(90); // 270 bytes: no file system takes it
  fs.mkdirSync(path.join(into, 'dir.ann')); // a folder where the .ann should be
  const input = path.join(tmp('fsin'), 'in.jsonl');
  fs.writeFileSync(input, [
    { document: tooLong, text: '北京', label: [[0, 2, 'LOC']] },
    { document: 'dir', text: '北京', label: [[0, 2, 'LOC']] },
    { document: longId, text: '上海', label: [[0, 2, 'LOC']] },
    { document: 'fine', text: '广州', label: [[0, 2, 'LOC']] },
  ].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const s = await importDataset({ format: 'doccano', inputs: [input], intoDir: into });
  const messages = s.problems.map((p) => p.message).join('\n');
  assert.match(messages, /the file name is too long for the file system; document 州+ not imported/);
  assert.match(messages, /dir\.ann: is a folder where a file is expected; rename or remove it; document dir not imported/);
  assert.equal(fs.readFileSync(path.join(into, `${longId}.ann`), 'utf8'), 'T1\tLOC 0 2\t上海\n');
  assert.ok(fs.existsSync(path.join(into, 'fine.ann')));
  assert.ok(!fs.existsSync(path.join(into, 'dir.txt')), 'no article is left without its tags');
  assert.equal(s.documents, 2, messages);
  assert.deepEqual(tempFilesIn(into), []);
});

test('the editor saves tags for an article whose name has 80 Chinese characters (was: temporary name over 255 bytes)', () => {
  const dir = tmp('longname');
  const article = path.join(dir, `${'新'.repeat(80)}.txt`);
  fs.writeFileSync(article, '北京');
  const files = new ArticleFiles(article);
  files.read();
  assert.deepEqual(files.write('T1\tLOC 0 2\t北京\n', '{"reviewed":false}\n'), ['ann', 'review']);
  assert.equal(fs.readFileSync(files.annPath, 'utf8'), 'T1\tLOC 0 2\t北京\n');
  assert.deepEqual(tempFilesIn(dir), []);
});

// 8 ------------------------------------------------------------------------------------------------------------------

test('export: an undecodable .txt is reported and the rest exported; anything left out gives exit 1 and a summary', () => {
  const corpus = tmp('skip');
  fs.writeFileSync(path.join(corpus, 'a.txt'), '王明在北京工作');
  // malformed line, a relation and a note that no format carries, overlapping tags CoNLL cannot hold
  fs.writeFileSync(path.join(corpus, 'a.ann'), [
    'T1\tPER 0 2\t王明', 'T2\tLOC 3 5\t北京', 'T3\tORG 3 7\t北京工作', 'garbage line', 'R1\tIn Arg1:T1 Arg2:T2', '#1\tAnnotatorNotes T1\t人名',
  ].join('\n') + '\n');
  fs.writeFileSync(path.join(corpus, 'b.txt'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0x41]));
  const out = path.join(tmp('skipout'), 'out');
  const r = cli('export', '--format', 'conll-bio', '--out', out, corpus);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /Exported 1 documents/);
  // T2 LOC overlaps the longer T3 ORG: left out, and not counted as exported
  assert.match(r.out, /Tags per label: (PER 1, ORG 1|ORG 1, PER 1)\n/);
  assert.match(r.out, /Tags left out \(overlapping, the format cannot hold them; not counted above\): 1/);
  assert.match(r.out, /Documents left out: 1/);
  assert.match(r.err, /b\.txt: is not valid UTF-8 .*; document not exported/);
  assert.match(r.err, /a\.ann:4: .*line not exported/);
  assert.match(r.err, /a\.ann: 2 brat annotations \(relation, note\) not exported.*R1, #1/);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
});

test('brat import reports a discontinuous span instead of dropping it silently', async () => {
  const dir = tmp('disc');
  fs.writeFileSync(path.join(dir, 'annotation.conf'), '[entities]\nLOC\n');
  fs.writeFileSync(path.join(dir, 'a.txt'), '北京和上海');
  fs.writeFileSync(path.join(dir, 'a.ann'), 'T1\tLOC 0 2\t北京\nT2\tLOC 0 1;3 4\t北 上\n');
  const s = await importDataset({ format: 'brat', inputs: [dir], intoDir: tmp('discinto') });
  assert.equal(s.tagsAdded, 1);
  assert.deepEqual(s.problems.map((p) => [p.line, p.message]), [[2, 'T2 LOC is a discontinuous span (0 1;3 4); tags are one stretch of text, so it is not imported']]);
});

// 6 ------------------------------------------------------------------------------------------------------------------

async function jsonl(input: string | Buffer): Promise<{ code: number; lines: string[]; err: string }> {
  const inp = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c) => (o += c));
  err.on('data', (c) => (e += c));
  inp.end(input);
  const code = await analyzeJsonLines(inp, out, { groups: ['figures'] }, err);
  return { code, lines: o.split('\n').slice(0, -1), err: e };
}

test('--jsonl keeps a 64-bit id exactly, reads past a BOM, answers a blank line (was: id rounded, line 1 failed, lines shifted)', async () => {
  const r = await jsonl(Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('{"id":9007199254740993,"text":"增长3%"}\n\n{"id": 12345678901234567890, "text": "5个"}\n{"text":"x","dct":"2025-02-30"}\n'),
  ]));
  assert.equal(r.lines.length, 4);
  assert.ok(r.lines[0].startsWith('{"id":9007199254740993,"dct":'), r.lines[0]);
  assert.equal(JSON.parse(r.lines[0]).spans[0].text, '3%');
  assert.deepEqual(JSON.parse(r.lines[1]), { id: null, line: 2, error: 'empty line (expected a JSON object)' });
  assert.ok(r.lines[2].startsWith('{"id":12345678901234567890,"dct":'), r.lines[2]);
  assert.match(JSON.parse(r.lines[3]).error, /'2025-02-30' is not a real date/);
  assert.equal(r.code, 1);
});

// 9 ------------------------------------------------------------------------------------------------------------------

test('messages: --out naming a file, a folder given as an article, UTF-16 without a BOM, NUL in UTF-8 text', () => {
  const dir = tmp('msg');
  fs.writeFileSync(path.join(dir, 'a.txt'), '北京');
  const file = path.join(dir, 'not-a-folder');
  fs.writeFileSync(file, 'x');
  const r = cli('export', '--format', 'doccano', '--out', file, path.join(dir, 'a.txt'));
  assert.equal(r.code, 1);
  assert.match(r.err, /not-a-folder: is a file, not a folder; choose a folder for the output/);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  assert.equal(fs.readFileSync(file, 'utf8'), 'x');

  fs.writeFileSync(path.join(dir, 'u16.txt'), iconv.encode('北京 2023年6月18日\n', 'utf-16le'));
  fs.writeFileSync(path.join(dir, 'nul.txt'), '北京\u0000上海');
  fs.mkdirSync(path.join(dir, 'folder'));
  const a = cli('analyze', path.join(dir, 'u16.txt'), path.join(dir, 'nul.txt'), path.join(dir, 'folder'), path.join(dir, 'a.txt'));
  assert.equal(a.code, 1);
  assert.match(a.err, /u16\.txt: looks like UTF-16 LE without a byte-order mark/);
  assert.match(a.err, /nul\.txt: is a binary file \(it contains NUL bytes, the first at byte offset 6\)/);
  assert.match(a.err, /folder: is a folder, not an article file/);
  assert.equal(a.out.trim().split('\n').length, 1, 'the readable file is still analysed');
});
