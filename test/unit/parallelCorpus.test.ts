// `export --jobs N` and `import --jobs N` (articles read, documents merged on a worker-thread pool) write the same
// bytes and print the same messages as `--jobs 1`: compared file by file on the fixture articles, with tags, a
// malformed .ann line, a stale tag, astral characters, CRLF, a GB18030 article, suggestions, a split, and an import
// that meets duplicates, conflicts and the same document twice.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { analyze } from '../../server/src/analysis/analyze';

const repoRoot = path.resolve(__dirname, '..', '..');
const fixtures = path.join(repoRoot, 'test', 'fixtures');
const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(name: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `na-parallel-${name}-`));
  made.push(d);
  return d;
}

function cli(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/cli/cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Every file under `dir` (relative path → bytes). */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function assertSameTree(a: string, b: string): number {
  const ta = tree(a);
  const tb = tree(b);
  assert.deepEqual([...tb.keys()], [...ta.keys()]);
  for (const [k, v] of ta) assert.ok(v.equals(tb.get(k)!), `${k} differs`);
  return ta.size;
}

/** Articles with tags: the fixtures, each in three folders, tags from the figures and dates found in them. */
function corpus(): string {
  const dir = tmp('corpus');
  const articles = ['corpus/2023-06-18-wenzhou-investment.txt', 'corpus/hangzhou-industry.news', 'corpus/suzhou-park-exports.txt', 'tagging/astral.txt', 'tagging/basic.txt', 'encodings/crlf-astral.txt'];
  for (const copy of ['a', 'b', 'c']) {
    fs.mkdirSync(path.join(dir, copy));
    articles.forEach((rel, k) => {
      const text = fs.readFileSync(path.join(fixtures, rel), 'utf8');
      const file = path.join(dir, copy, path.basename(rel));
      fs.writeFileSync(file, text);
      // every other article tagged (the others export as untagged documents)
      if ((k + copy.charCodeAt(0)) % 2 === 0) {
        const spans = analyze(text, { groups: ['figures', 'dates'], dct: '2023-06-18' }).spans.filter((s) => !/[\r\n]/.test(s.text));
        fs.writeFileSync(file.replace(/\.(txt|news)$/, '.ann'), spans.map((s, i) => `T${i + 1}\t${s.label} ${s.start} ${s.end}\t${s.text}\n`).join(''));
      }
    });
  }
  fs.copyFileSync(path.join(fixtures, 'encodings', 'gb18030.txt'), path.join(dir, 'gb18030.txt'));
  fs.writeFileSync(path.join(dir, 'malformed.txt'), '杭州市投资3.5亿元。\n');
  fs.writeFileSync(path.join(dir, 'malformed.ann'), 'T1\tLOC 0 3\t杭州市\nnot a brat line\nT2\tMONEY 5 10\t3.5亿元\n');
  fs.writeFileSync(path.join(dir, 'stale.txt'), '北京');
  fs.writeFileSync(path.join(dir, 'stale.ann'), 'T1\tLOC 0 2\t上海\n');
  return dir;
}

test('export --jobs 3 writes the same files and messages as --jobs 1 (all formats, a split)', () => {
  const input = corpus();
  const runs = [1, 3].map((jobs) => {
    const out = tmp(`export-${jobs}`);
    const r = cli('export', '--format', 'all', '--split', '0.6,0.2,0.2', '--seed', '3', '--jobs', String(jobs), '--out', out, input);
    return { dir: out, code: r.code, err: r.err.split(out).join('OUT'), stdout: r.out.split(out).join('OUT') };
  });
  assert.equal(runs[0].code, 1, runs[0].err); // the stale tag is reported
  assert.match(runs[0].err, /stale\.ann: tag T1 LOC/);
  assert.match(runs[0].err, /malformed\.ann:2/);
  assert.equal(runs[1].code, runs[0].code);
  assert.equal(runs[1].stdout, runs[0].stdout);
  assert.equal(runs[1].err, runs[0].err);
  assert.ok(assertSameTree(runs[0].dir, runs[1].dir) > 20);
});

test('export --include-suggestions --jobs 2 gives the same suggestions as --jobs 1', () => {
  const input = corpus();
  const runs = [1, 2].map((jobs) => {
    const out = tmp(`suggest-${jobs}`);
    const r = cli('export', '--format', 'doccano', '--include-suggestions', '--dct', '2023-06-18', '--jobs', String(jobs), '--out', out, path.join(input, 'a'));
    return { dir: out, code: r.code, err: r.err.split(out).join('OUT'), stdout: r.out.split(out).join('OUT') };
  });
  assert.equal(runs[0].code, 0, runs[0].err);
  assert.match(runs[0].stdout, /Suggestions per label: .*PER/);
  assert.equal(runs[1].stdout, runs[0].stdout);
  assert.equal(runs[1].err, runs[0].err);
  assertSameTree(runs[0].dir, runs[1].dir);
});

test('import --jobs 3 merges into the same files with the same summary as --jobs 1 (duplicates, conflicts, a document twice)', () => {
  const input = corpus();
  const exported = tmp('exported');
  assert.equal(cli('export', '--format', 'conll-bio', '--out', exported, input).code, 1);
  // the same documents again under another file name: each id comes twice
  fs.copyFileSync(path.join(exported, 'all.conll'), path.join(exported, 'again.conll'));
  fs.copyFileSync(path.join(exported, 'all.values.jsonl'), path.join(exported, 'again.values.jsonl'));
  const runs = [1, 3].map((jobs) => {
    const into = tmp(`into-${jobs}`);
    // an article already there with a tag that conflicts with an imported one
    fs.mkdirSync(path.join(into, 'a'));
    fs.copyFileSync(path.join(input, 'a', 'basic.txt'), path.join(into, 'a', 'basic.txt'));
    const text = fs.readFileSync(path.join(input, 'a', 'basic.txt'), 'utf8');
    fs.writeFileSync(path.join(into, 'a', 'basic.ann'), `T1\tORG 0 4\t${[...text].slice(0, 4).join('')}\n`);
    const r = cli('import', '--format', 'conll-bio', '--jobs', String(jobs), '--into', into, exported);
    return { into, code: r.code, out: r.out.split(into).join('INTO'), err: r.err.split(into).join('INTO') };
  });
  assert.match(runs[0].out, /Imported \d+ documents/);
  assert.match(runs[0].err, /appears twice/);
  assert.equal(runs[1].code, runs[0].code);
  assert.equal(runs[1].out, runs[0].out);
  assert.equal(runs[1].err, runs[0].err);
  assert.ok(assertSameTree(runs[0].into, runs[1].into) > 20);
});

test('--jobs takes a whole number of at least 1 (export and import)', () => {
  for (const args of [['export', '--format', 'brat', '--out', tmp('x'), '--jobs', '0', '.'], ['import', '--format', 'brat', '--into', tmp('y'), '--jobs', 'two', '.']]) {
    const r = cli(...args);
    assert.equal(r.code, 2);
    assert.match(r.err, /--jobs takes a whole number of at least 1/);
  }
});
