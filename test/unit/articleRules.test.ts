import test from 'node:test';
import assert from 'node:assert/strict';
import { cjkShare, looksLikeArticle } from '../../server/src/annotations/articleRules';

test('Chinese news counts as an article, digits and ASCII punctuation are neutral', () => {
  const news = '杭州市统计局6月18日发布数据：1-5月，全市规模以上工业增加值2,345.6亿元，同比增长8.2%。\n（记者 李 明）';
  assert.equal(looksLikeArticle(news, 0.5), true);
  assert.ok(cjkShare(news) > 0.95, String(cjkShare(news)));
});

test('English READMEs and logs are not articles', () => {
  assert.equal(looksLikeArticle('README\n\nThis corpus holds 3 articles. Run npm test to check them.', 0.5), false);
  assert.equal(looksLikeArticle('2023-06-18 12:00:01 INFO started pid=42', 0.5), false);
  assert.equal(looksLikeArticle('', 0.5), false);
});

test('a Chinese article quoting some English stays an article; a mostly English note with a Chinese word does not', () => {
  assert.equal(looksLikeArticle('苹果公司（Apple）首席执行官库克表示，iPhone在中国市场的销量增长了12%。', 0.5), true);
  assert.equal(looksLikeArticle('Notes on the 杭州 interviews, to be transcribed later this week.', 0.5), false);
});

test('only the first 2 KB are examined, and a share of 0 accepts everything', () => {
  const text = '中'.repeat(2048) + 'English text '.repeat(1000);
  assert.equal(cjkShare(text), 1);
  assert.equal(looksLikeArticle('plain English', 0), true);
});

test('astral ideographs (CJK Extension B) count as Chinese', () => {
  assert.equal(cjkShare('𠮷野家'), 1);
});

// ---------------------------------------------------------------------------------------------------------------
// The article rule as exports and the views apply it (issue 8 item 8, issue 13 item 4, issue 9 item 6)

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import {
  EXPORT_MARKER, annPathFor, articleVerdict, inExportFolder, reviewPathFor,
} from '../../server/src/annotations/articleRules';
import { listCorpus } from '../../server/src/formats/corpus';
import { exportCorpus } from '../../server/src/formats/exportCorpus';

const repo = path.join(__dirname, '..', '..');
const NEWS = '杭州市财政局公布：上半年全市一般公共预算收入达3.5亿元，同比增长12.5%。';

/** A corpus as users have them: articles, an English README.txt, requirements.txt, and an earlier export inside. */
function corpusWithStrangers(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'na-article-rules-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), NEWS);
  fs.writeFileSync(path.join(dir, 'a.ann'), 'T1\tLOC 0 3\t杭州市\n');
  fs.writeFileSync(path.join(dir, 'b.news'), 'This one is English but a .news file is always an article.');
  fs.writeFileSync(path.join(dir, 'README.txt'), 'README\n\nThis corpus holds 3 articles. Run npm test to check them.\n');
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy==1.26\npandas>=2\n');
  // an English .txt that was tagged anyway is an article (the annotator said so)
  fs.writeFileSync(path.join(dir, 'c.txt'), 'Reuters reported on Hangzhou.');
  fs.writeFileSync(path.join(dir, 'c.ann'), 'T1\tLOC 20 28\tHangzhou\n');
  return dir;
}

test('the rule: .news always; .txt when it matches the glob and is tagged or mostly Chinese', () => {
  const sample = (t: string) => () => t;
  assert.equal(articleVerdict({ relativePath: 'x.news', hasAnn: false, sample: sample('English') }), 'article');
  assert.equal(articleVerdict({ relativePath: 'news/a.txt', hasAnn: false, sample: sample(NEWS) }), 'article');
  assert.equal(articleVerdict({ relativePath: 'README.txt', hasAnn: false, sample: sample('README for the corpus') }), 'not-chinese');
  assert.equal(articleVerdict({ relativePath: 'c.txt', hasAnn: true, sample: sample('English') }), 'article');
  assert.equal(articleVerdict({ relativePath: 'notes.md', hasAnn: false, sample: sample(NEWS) }), 'not-a-candidate');
  const onlyNews = { glob: 'news/**/*.txt', minShare: 0.5 };
  assert.equal(articleVerdict({ relativePath: 'news/2023/a.txt', hasAnn: false, sample: sample(NEWS) }, onlyNews), 'article');
  assert.equal(articleVerdict({ relativePath: 'drafts/a.txt', hasAnn: false, sample: sample(NEWS) }, onlyNews), 'not-a-candidate');
  assert.equal(articleVerdict({ relativePath: 'a.txt', hasAnn: false, sample: sample(NEWS) }, { glob: '', minShare: 0.5 }), 'not-a-candidate');
});

test('one place for the files beside an article: x.txt → x.ann → x.review.json', () => {
  assert.equal(annPathFor('/c/2023/article.txt'), '/c/2023/article.ann');
  assert.equal(annPathFor('/c/a.b/news'), '/c/a.b/news.ann');
  assert.equal(reviewPathFor('/c/2023/article.ann'), '/c/2023/article.review.json');
  assert.equal(reviewPathFor('/c/2023/article.news'), '/c/2023/article.review.json');
});

test('listCorpus takes only articles; README.txt and requirements.txt are left out and named', () => {
  const dir = corpusWithStrangers();
  const leftOut: string[] = [];
  const ids = listCorpus([dir], { onLeftOut: (f) => leftOut.push(path.basename(f)) }).map((e) => e.id);
  assert.deepEqual(ids, ['a', 'b', 'c']);
  assert.deepEqual(leftOut.sort(), ['README.txt', 'requirements.txt']);
  // a file named on the command line is taken as given
  assert.deepEqual(listCorpus([path.join(dir, 'README.txt')]).map((e) => e.id), ['README']);
});

test('an export is marked, never taken as input again, and refused when named as the corpus', async () => {
  const dir = corpusWithStrangers();
  const out = path.join(dir, 'export');
  const first = await exportCorpus({ format: 'brat', paths: [dir], outDir: out });
  assert.equal(first.documents, 3);
  assert.deepEqual(first.leftOut.map((f) => path.basename(f)).sort(), ['README.txt', 'requirements.txt']);
  assert.ok(fs.existsSync(path.join(out, EXPORT_MARKER)));
  assert.ok(fs.existsSync(path.join(out, 'a.txt')), 'brat writes .txt copies with their .ann');
  assert.equal(inExportFolder(path.join(out, 'a.txt'), dir), true);
  assert.equal(inExportFolder(path.join(dir, 'a.txt'), dir), false);
  // the second export into the same folder sees the same 3 articles, not 6
  const second = await exportCorpus({ format: 'brat', paths: [dir], outDir: out });
  assert.equal(second.documents, 3);
  // and an export elsewhere does not pick up the copies either
  const third = await exportCorpus({ format: 'doccano', paths: [dir], outDir: fs.mkdtempSync(path.join(os.tmpdir(), 'na-out-')) });
  assert.equal(third.documents, 3);
  await assert.rejects(exportCorpus({ format: 'doccano', paths: [out], outDir: path.join(dir, 'x') }), /holds an earlier export/);
});

test('news-annotator export prints what it left out', () => {
  const dir = corpusWithStrangers();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'server/src/cli/cli.ts'), 'export', '--format', 'doccano', '--out', path.join(dir, 'out'), dir], {
    cwd: repo,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Exported 3 documents/);
  assert.match(r.stdout, /Not articles, left out: 2 \(.*README\.txt, .*requirements\.txt\)/);
});

test('one home: the article extensions, annPathFor and reviewPathFor are written only in articleRules.ts', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && rel !== 'server/src/annotations/articleRules.ts') {
        const text = fs.readFileSync(path.join(repo, rel), 'utf8');
        if (/function (annPathFor|reviewPathFor)\b|\[\s*'\.txt',\s*'\.news'\s*\]|\[\s*'\.news',\s*'\.txt'\s*\]|'\.review\.json'/.test(text)) offenders.push(rel);
      }
    }
  };
  walk('server/src');
  walk('client/src');
  assert.deepEqual(offenders, []);
});
