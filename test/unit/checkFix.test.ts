// Quick fixes: applyFixes on code points, the server's quick-fix code actions (from the diagnostic's data), and
// `news-annotator check --fix` (writes only with --fix, atomically, in the file's own encoding).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind } from 'vscode-languageserver/node';
import { analyze } from '../../server/src/analysis/analyze';
import { checkDocument } from '../../server/src/checks';
import { applyFixes } from '../../server/src/checks/fixes';
import { quickFixes, toDiagnostics } from '../../server/src/lsp/diagnostics';

const root = path.join(__dirname, '..', '..');

test('applyFixes: code-point edits after astral characters; overlapping fixes are left for a second pass', () => {
  const text = '𠮷增幅20～30%';
  const f = checkDocument(text, analyze(text)).filter((x) => x.rule === 'usage-percent-range');
  assert.equal(applyFixes(text, f.map((x) => x.fixes![0])), '𠮷增幅20%～30%');
  const fix = (start: number, end: number, newText: string) => ({ title: '', titleZh: '', edits: [{ start, end, newText }] });
  assert.equal(applyFixes('abcdef', [fix(1, 3, 'X'), fix(2, 4, 'Y'), fix(5, 5, '!')]), 'aXde!f');
});

test('quick fixes: a finding with a fix becomes a quickfix code action with the edit in UTF-16 positions', () => {
  const text = '标题\n𠮷公司营收从80万元增至120万元，增长40%。';
  const doc = TextDocument.create('file:///a.news', 'news-article', 1, text);
  const diagnostics = toDiagnostics(doc, checkDocument(text, analyze(text)), false);
  const rate = diagnostics.find((d) => d.code === 'change-rate-mismatch')!;
  assert.ok(rate, 'the contradiction is a diagnostic');
  const actions = quickFixes({ textDocument: { uri: doc.uri }, range: rate.range, context: { diagnostics: [rate] } });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, CodeActionKind.QuickFix);
  assert.equal(actions[0].title, 'Change to 50%');
  const edits = actions[0].edit!.changes![doc.uri];
  assert.equal(TextDocument.applyEdits(doc, edits), '标题\n𠮷公司营收从80万元增至120万元，增长50%。');
  assert.equal(quickFixes({ textDocument: { uri: doc.uri }, range: rate.range, context: { diagnostics: [rate], only: [CodeActionKind.Refactor] } }).length, 0);
  const zh = toDiagnostics(doc, checkDocument(text, analyze(text)), true).find((d) => d.code === 'change-rate-mismatch')!;
  assert.equal(quickFixes({ textDocument: { uri: doc.uri }, range: zh.range, context: { diagnostics: [zh] } })[0].title, '改为50%');
});

test('CLI check --fix: writes only with --fix, in the file\'s encoding, and reports what is left', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'na-fix-'));
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/cli/cli.ts'), 'check', ...args], { cwd: root, encoding: 'utf-8' });
  const text = '营收从80万元增至120万元，增长40%。\r\n增幅预计在20～30%之间，２０２３年。\r\n三家企业分别投资3000万元、5000万元和4000万元，共计1.1亿元。\r\n';
  const utf8 = path.join(tmp, 'a.txt');
  fs.writeFileSync(utf8, '\ufeff' + text);
  const dry = cli([utf8]);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /4 problems \(0 errors, 2 warnings, 2 info; 4 fixable with --fix\)/);
  assert.equal(fs.readFileSync(utf8, 'utf8'), '\ufeff' + text, 'no --fix: the file is untouched');

  const fixed = cli(['--fix', utf8]);
  assert.equal(fixed.status, 0, fixed.stderr);
  assert.match(fixed.stderr, /a\.txt: 4 problems fixed/);
  assert.equal(
    fs.readFileSync(utf8, 'utf8'),
    '\ufeff营收从80万元增至120万元，增长50%。\r\n增幅预计在20%～30%之间，2023年。\r\n三家企业分别投资3000万元、5000万元和4000万元，共计1.2亿元。\r\n',
  );
  assert.deepEqual(fs.readdirSync(tmp), ['a.txt'], 'no temporary file left');
  assert.equal(cli([utf8]).stdout, '', 'nothing left to report');

  const gb = path.join(tmp, 'b.txt');
  fs.writeFileSync(gb, iconv.encode('这是一篇用国标码保存的新闻稿件。营收从80万元增至120万元，增长40%。\n', 'gb18030'));
  assert.equal(cli(['--fix', gb]).status, 0);
  assert.equal(iconv.decode(fs.readFileSync(gb), 'gb18030'), '这是一篇用国标码保存的新闻稿件。营收从80万元增至120万元，增长50%。\n');
});
