import test from 'node:test';
import assert from 'node:assert/strict';
import { cjkShare, looksLikeArticle } from '../../client/src/articleText';

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
