import test from 'node:test';
import assert from 'node:assert/strict';
import { dateInFileName, findDocumentDate, parseDateString } from '../../server/src/core/documentDate';
import { analyze } from '../../server/src/core/analyze';

const BODY = '新华社北京电 2021年3月5日，会议召开。今年以来，经济平稳。';

test('precedence: explicit → header → file name → text → none', () => {
  const header = '日期：2022-07-01\n' + BODY;
  const all = { explicit: '2023-06-18', fileName: 'news_20200102.txt' };
  assert.deepEqual(findDocumentDate(header, all), { date: '2023-06-18', source: 'explicit', detail: '2023-06-18' });
  assert.deepEqual(findDocumentDate(header, { fileName: all.fileName }), {
    date: '2022-07-01', source: 'header', detail: 'line 1: 日期：2022-07-01',
  });
  assert.deepEqual(findDocumentDate(BODY, { fileName: all.fileName }), {
    date: '2020-01-02', source: 'filename', detail: 'news_20200102.txt',
  });
  assert.deepEqual(findDocumentDate(BODY, {}), { date: '2021-03-05', source: 'text', detail: '2021年3月5日' });
  assert.deepEqual(findDocumentDate('今年以来，经济平稳。', {}), { source: 'none' });
});

test('header keys and value formats', () => {
  const cases: [string, string][] = [
    ['date: 2023-06-18', '2023-06-18'],
    ['Date：2023/6/18', '2023-06-18'],
    ['DCT: 20230618', '2023-06-18'],
    ['发布时间：2023年6月18日 10:30', '2023-06-18'],
    ['发布日期: 二〇二三年六月十八日', '2023-06-18'],
    ['# published: 2023.06.18', '2023-06-18'],
  ];
  for (const [line, date] of cases) {
    const r = findDocumentDate(`${line}\n正文。`, {});
    assert.equal(r.source, 'header', line);
    assert.equal(r.date, date, line);
  }
  // a header after a title line, with CRLF and a BOM
  const r = findDocumentDate('\ufeff标题\r\n日期：2023-06-18\r\n正文', {});
  assert.deepEqual([r.date, r.source, r.detail], ['2023-06-18', 'header', 'line 2: 日期：2023-06-18']);
  // only the top lines count, and unknown keys are not headers
  assert.equal(findDocumentDate('1\n2\n3\n4\n5\n6\n日期：2023-06-18', {}).source, 'text');
  assert.equal(findDocumentDate('截止：2023-06-18\n', {}).source, 'text');
});

test('invalid explicit dates are reported and the next source is used', () => {
  const r = findDocumentDate(BODY, { explicit: '2023-02-30' });
  assert.equal(r.source, 'text');
  assert.equal(r.date, '2021-03-05');
  assert.match(r.detail ?? '', /ignored the explicit date "2023-02-30"/);
  // an empty explicit value is no value
  assert.equal(findDocumentDate(BODY, { explicit: '  ' }).source, 'text');
});

test('dates in file names', () => {
  assert.equal(dateInFileName('2023-06-18.txt'), '2023-06-18');
  assert.equal(dateInFileName('/corpus/2023/news_2023_06_18_a.txt'), '2023-06-18');
  assert.equal(dateInFileName('C:\\corpus\\20230618-xinhua.txt'), '2023-06-18');
  assert.equal(dateInFileName('人民日报2023年6月18日.txt'), '2023-06-18');
  assert.equal(dateInFileName('news_20231318.txt'), undefined); // month 13
  assert.equal(dateInFileName('news_20230230.txt'), undefined); // 30 February
  assert.equal(dateInFileName('id_120230618.txt'), undefined); // part of a longer number
  assert.equal(dateInFileName('report.txt'), undefined);
  // only the base name counts, not directories
  assert.equal(findDocumentDate('正文', { fileName: '/data/2023-06-18/story.txt' }).source, 'none');
});

test('the newest full date in the text wins', () => {
  const r = findDocumentDate('2022年3月1日发布；二〇二三年六月十八日修订；2021-12-01 起草。', {});
  assert.deepEqual([r.date, r.source, r.detail], ['2023-06-18', 'text', '二〇二三年六月十八日']);
  // dates in the future (plans, deadlines) cannot be the creation date
  assert.equal(findDocumentDate('2021年3月5日发布，2999年1月1日前完成。', {}).date, '2021-03-05');
  // partial dates (no day) and invalid ones do not count
  assert.equal(findDocumentDate('2023年6月，2023年2月30日', {}).source, 'none');
});

test('parseDateString', () => {
  assert.equal(parseDateString('2023-06-18'), '2023-06-18');
  assert.equal(parseDateString('2023-6-8'), '2023-06-08');
  assert.equal(parseDateString('２０２３年６月１８日'), '2023-06-18');
  assert.equal(parseDateString('2023-06-18T10:30:00Z'), '2023-06-18');
  assert.equal(parseDateString('18/06/2023'), undefined);
  assert.equal(parseDateString('yesterday'), undefined);
});

test('analyze() resolves relative dates from each DCT source', () => {
  const year = (text: string, opts: { dct?: string; fileName?: string }) =>
    analyze(text, { ...opts, groups: ['dates'] }).spans.find((s) => s.text === '今年')?.timex;
  assert.equal(year('今年', { dct: '2019-01-01' }), '2019');
  assert.equal(year('date: 2018-05-05\n今年', {}), '2018');
  assert.equal(year('今年', { fileName: '2017-05-05.txt' }), '2017');
  assert.equal(year('2016年5月5日。今年', {}), '2016');
  assert.equal(year('今年', {}), 'XXXX');
});
