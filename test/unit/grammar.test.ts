// The News Article TextMate grammar: its patterns (Oniguruma syntax, checked here with JavaScript's compatible
// subset) pick out metadata header lines, bylines and datelines in the sample corpus,
// and nothing inside running text.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const grammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/news-article.tmLanguage.json'), 'utf8'));
const pattern = (name: string): RegExp => new RegExp(grammar.repository[name].match.replace(/\\A/g, '^'), 'g');

test('the grammar is wired to the language in package.json and every repository rule is used', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const entry = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'news-article');
  assert.equal(entry.scopeName, grammar.scopeName);
  assert.equal(path.normalize(entry.path), path.normalize('./syntaxes/news-article.tmLanguage.json'));
  const used = grammar.patterns.map((p: { include: string }) => p.include.slice(1)).sort();
  assert.deepEqual(used, Object.keys(grammar.repository).sort());
});

test('metadata header lines: key, separator and value', () => {
  const m = pattern('metadata').exec('日期：2023-06-18');
  assert.ok(m);
  assert.deepEqual([m[1], m[2], m[3]], ['日期', '：', '2023-06-18']);
  assert.ok(pattern('metadata').exec('Source: Xinhua'));
  assert.equal(pattern('metadata').exec('今年日期：未定'), null, 'only at the start of a line');
});

test('bylines and datelines at the start of a paragraph', () => {
  assert.equal(pattern('byline').exec('（记者 李 明 通讯员 王晓燕）')?.[1], '（记者 李 明 通讯员 王晓燕）');
  assert.equal(pattern('byline').exec('(本报记者 张华)')?.[1], '(本报记者 张华)');
  assert.equal(pattern('byline').exec('他说（记者 李 明）'), null);
  assert.equal(pattern('dateline').exec('新华社苏州4月12日电（记者 陈 静）')?.[1], '新华社苏州4月12日电');
  assert.equal(pattern('dateline').exec('本报讯 6月18日')?.[1], '本报讯');
});

test('no rule paints figures: semantic tokens and the tagging decorations colour them, one colour per label', () => {
  const text = '增加值达2345.6亿元，同比增长8.2%，共１２３４５人，投资1,200,000元';
  for (const name of Object.keys(grammar.repository)) {
    // the headline rule paints the first line of the file as a heading, whatever it holds
    if (name !== 'headline') assert.deepEqual(text.match(pattern(name)) ?? [], [], `rule ${name} matches inside a sentence`);
    assert.ok(!JSON.stringify(grammar.repository[name]).includes('constant.numeric'), `rule ${name} names constant.numeric`);
  }
});

test('the metadata header of the sample .news file is recognised, and nothing else in it', () => {
  const text = fs.readFileSync(path.join(root, 'test/fixtures/corpus/hangzhou-industry.news'), 'utf8');
  const headerLines = text.split('\n').filter((l) => pattern('metadata').test(l));
  assert.deepEqual(headerLines.map((l) => l.split('：')[0]), ['标题', '日期', '来源', '版次']);
});
