// Export scope: reviewed only / tagged only / all, with the counts of each reported before anything is written;
// a split that would leave a part empty is refused with the numbers (core and CLI).
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exportCorpus } from '../../server/src/formats/exportCorpus';
import { checkSplitNotEmpty } from '../../server/src/formats/exportScope';
import { FormatError } from '../../server/src/formats/document';

const repoRoot = path.resolve(__dirname, '..', '..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'export-scope-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Five articles: a and b reviewed and tagged, c tagged, d and e untagged (d has an empty .ann). */
function corpus(): string {
  const dir = fs.mkdtempSync(path.join(root, 'corpus-'));
  const write = (name: string, text: string, ann?: string, reviewed?: boolean) => {
    fs.writeFileSync(path.join(dir, `${name}.txt`), text);
    if (ann !== undefined) fs.writeFileSync(path.join(dir, `${name}.ann`), ann);
    if (reviewed !== undefined) fs.writeFileSync(path.join(dir, `${name}.review.json`), JSON.stringify({ reviewed, rejected: [] }));
  };
  write('a', '杭州市开店。', 'T1\tLOC 0 3\t杭州市\n', true);
  write('b', '苏州市开店。', 'T1\tLOC 0 3\t苏州市\n', true);
  write('c', '温州市开店。', 'T1\tLOC 0 3\t温州市\n', false);
  write('d', '今天开店。', '');
  write('e', '明天开店。');
  return dir;
}

test('the scope picks reviewed, tagged or all articles, and the counts of each come before anything is written', async () => {
  const dir = corpus();
  for (const [scope, documents] of [['reviewed', 2], ['tagged', 3], ['all', 5]] as const) {
    const out = fs.mkdtempSync(path.join(root, 'out-'));
    const seen: unknown[] = [];
    const s = await exportCorpus(
      { format: 'doccano', paths: [dir], outDir: out, scope },
      { onScope: (counts, chosen) => seen.push({ counts, chosen, written: fs.readdirSync(out).length }) },
    );
    assert.equal(s.documents, documents, scope);
    assert.deepEqual(seen, [{ counts: { reviewed: 2, tagged: 3, all: 5 }, chosen: scope, written: 0 }]);
  }
});

test('a scope with no article is refused with the counts', async () => {
  const dir = fs.mkdtempSync(path.join(root, 'untagged-'));
  fs.writeFileSync(path.join(dir, 'x.txt'), '今天开店。');
  await assert.rejects(
    exportCorpus({ format: 'doccano', paths: [dir], outDir: path.join(root, 'never'), scope: 'reviewed' }),
    /No reviewed articles to export \(0 reviewed, 0 tagged, 1 articles in all\)/,
  );
  assert.ok(!fs.existsSync(path.join(root, 'never')), 'nothing written');
});

test('a split leaving a part with a non-zero ratio empty is refused with the numbers; a zero ratio may be empty', async () => {
  assert.throws(() => checkSplitNotEmpty(5, [0.8, 0.1, 0.1]), (e: Error) => e instanceof FormatError && /A 0\.8\/0\.1\/0\.1 split of 5 documents leaves test empty \(train 4, dev 1, test 0\)/.test(e.message));
  assert.throws(() => checkSplitNotEmpty(1, [8, 1, 1]), /leaves dev and test empty \(train 1, dev 0, test 0\)/);
  checkSplitNotEmpty(10, [0.8, 0.1, 0.1]);
  checkSplitNotEmpty(5, [0.8, 0.2, 0]);
  const dir = corpus();
  const out = path.join(root, 'split-out');
  await assert.rejects(exportCorpus({ format: 'doccano', paths: [dir], outDir: out, split: { ratios: [80, 10, 10], seed: 1 } }), /split of 5 documents leaves test empty/);
  assert.ok(!fs.existsSync(out), 'nothing written');
});

test('CLI: --documents prints the counts first; a bad value is a usage error; an empty split part exits 1 with the numbers', () => {
  const dir = corpus();
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/cli/cli.ts'), 'export', ...args], { encoding: 'utf8', cwd: repoRoot });
  const ok = cli('--format', 'doccano', '--out', path.join(root, 'cli-out'), '--documents', 'tagged', dir);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout.split('\n')[0], /^Articles: 5 in all, 2 reviewed, 3 tagged; exporting the tagged 3$/);
  assert.match(ok.stdout, /Exported 3 documents/);
  const bad = cli('--format', 'doccano', '--out', path.join(root, 'cli-bad'), '--documents', 'some', dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--documents must be one of reviewed, tagged, all/);
  const split = cli('--format', 'doccano', '--out', path.join(root, 'cli-split'), '--split', '0.8,0.1,0.1', dir);
  assert.equal(split.status, 1);
  assert.match(split.stderr, /split of 5 documents leaves test empty \(train 4, dev 1, test 0\)/);
});
