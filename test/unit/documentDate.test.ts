import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDocumentDate, dateInFileName, isDocumentDate, newestDateInText, parseDateString, resolveDocumentDate } from '../../server/src/core/documentDate';
import { analyze } from '../../server/src/analysis/analyze';

const BODY = '新华社北京电 2021年3月5日，会议召开。今年以来，经济平稳。';

test('precedence: stored → explicit → header → file name → text → none', () => {
  const header = '日期：2022-07-01\n' + BODY;
  const all = { dct: '2023-06-18', fileName: 'news_20200102.txt' };
  assert.deepEqual(resolveDocumentDate(header, { ...all, storedDct: '2024-01-02' }), {
    date: '2024-01-02', source: 'explicit', origin: 'file', detail: '2024-01-02',
  });
  assert.deepEqual(resolveDocumentDate(header, all), { date: '2023-06-18', source: 'explicit', origin: 'caller', detail: '2023-06-18' });
  assert.equal(resolveDocumentDate(header, { ...all, dctOrigin: 'setting' }).origin, 'setting');
  assert.deepEqual(resolveDocumentDate(header, { fileName: all.fileName }), {
    date: '2022-07-01', source: 'header', detail: 'line 1: 日期：2022-07-01',
  });
  assert.deepEqual(resolveDocumentDate(BODY, { fileName: all.fileName }), {
    date: '2020-01-02', source: 'filename', detail: 'news_20200102.txt',
  });
  assert.deepEqual(resolveDocumentDate(BODY, {}), { date: '2021-03-05', source: 'text', detail: '2021年3月5日' });
  assert.deepEqual(resolveDocumentDate('今年以来，经济平稳。', {}), { source: 'none' });
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
    const r = resolveDocumentDate(`${line}\n正文。`, {});
    assert.equal(r.source, 'header', line);
    assert.equal(r.date, date, line);
  }
  // a header after a title line, with CRLF and a BOM
  const r = resolveDocumentDate('\ufeff标题\r\n日期：2023-06-18\r\n正文', {});
  assert.deepEqual([r.date, r.source, r.detail], ['2023-06-18', 'header', 'line 2: 日期：2023-06-18']);
  // only the top lines count, and unknown keys are not headers
  assert.equal(resolveDocumentDate('1\n2\n3\n4\n5\n6\n日期：2023-06-18', {}).source, 'text');
  assert.equal(resolveDocumentDate('截止：2023-06-18\n', {}).source, 'text');
});

test('invalid explicit dates are reported and the next source is used', () => {
  const r = resolveDocumentDate(BODY, { dct: '2023-02-30' });
  assert.equal(r.source, 'text');
  assert.equal(r.date, '2021-03-05');
  assert.match(r.detail ?? '', /ignored the explicit date: '2023-02-30' is not a real date/);
  // an empty explicit value is no value
  assert.equal(resolveDocumentDate(BODY, { dct: '  ' }).source, 'text');
  // a broken stored date falls through to the explicit one
  const s = resolveDocumentDate(BODY, { storedDct: '2023-13-01', dct: '2023-06-18' });
  assert.deepEqual([s.date, s.origin], ['2023-06-18', 'caller']);
  assert.match(s.detail ?? '', /ignored the date stored for this file: '2023-13-01' is not a real date/);
});

test('one validator: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], real dates and times only', () => {
  for (const ok of ['2023-06-18', '2024-02-29', '2023-06-18T09:30', '2023-06-18T23:59:59', ' 2023-06-18 ']) {
    assert.equal(isDocumentDate(ok), true, ok);
  }
  assert.deepEqual(checkDocumentDate('2023-02-30'), { ok: false, problem: 'date', message: "'2023-02-30' is not a real date" });
  assert.equal(checkDocumentDate('2023-02-29').ok, false);
  assert.equal(checkDocumentDate('2023-00-10').ok, false);
  assert.deepEqual(checkDocumentDate('2023-06-18T24:00'), { ok: false, problem: 'time', message: "'2023-06-18T24:00' is not a real time of day" });
  assert.equal(checkDocumentDate('2023-06-18T09:60').ok, false);
  for (const bad of ['2023-6-18', '2023/06/18', '20230618', '2023-06-18T9:30', '2023-06-18 09:30', '2023-06-18T09', '']) {
    assert.equal(checkDocumentDate(bad).ok && bad, false, bad);
    assert.match((checkDocumentDate(bad) as { message: string }).message, /not a date of the form YYYY-MM-DD or YYYY-MM-DDTHH:MM\[:SS\]/);
  }
});

test('an explicit date with a time reaches the recognisers as written', () => {
  const r = resolveDocumentDate(BODY, { dct: '2023-06-18T09:30' });
  assert.deepEqual([r.date, r.source], ['2023-06-18T09:30', 'explicit']);
  // the date part anchors relative dates as before (the time part is for the date recognisers to use)
  const a = analyze('昨天下午，会议召开。', { dct: '2023-06-18T09:30' });
  assert.equal(a.dct.date, '2023-06-18T09:30');
  assert.ok(a.spans.some((s) => s.timex?.startsWith('2023-06-17')), JSON.stringify(a.spans));
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
  assert.equal(resolveDocumentDate('正文', { fileName: '/data/2023-06-18/story.txt' }).source, 'none');
});

test('the newest full date in the text wins', () => {
  const r = resolveDocumentDate('2022年3月1日发布；二〇二三年六月十八日修订；2021-12-01 起草。', {});
  assert.deepEqual([r.date, r.source, r.detail], ['2023-06-18', 'text', '二〇二三年六月十八日']);
  // dates in the future (plans, deadlines) cannot be the creation date
  assert.equal(resolveDocumentDate('2021年3月5日发布，2999年1月1日前完成。', {}).date, '2021-03-05');
  // partial dates (no day) and invalid ones do not count
  assert.equal(resolveDocumentDate('2023年6月，2023年2月30日', {}).source, 'none');
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

test('the newsAnnotator.documentDate setting pattern accepts what the validator accepts (and empty)', () => {
  const pkg = JSON.parse(require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const pattern = new RegExp(pkg.contributes.configuration.properties['newsAnnotator.documentDate'].pattern);
  assert.equal(pattern.test(''), true);
  for (const v of ['2023-06-18', '2023-06-18T09:30', '2023-06-18T09:30:15', '2023-6-18', '2023-06-18 09:30', '2023-06-18T9']) {
    // the pattern checks the form; the calendar (2023-02-30) is checked by the validator when the setting is read
    assert.equal(pattern.test(v), checkDocumentDate(v).ok, v);
  }
});

test('the newest date in the text is the one the plain global search of every full date finds (generated texts)', () => {
  // newestDateInText tries its expression only where four digits begin; this is the search it replaced, as it was.
  const CN = '〇零○一二三四五六七八九十';
  const fullDate = new RegExp(
    `([0-9０-９]{4}|[〇零○一二三四五六七八九]{4})[ \\t]*年[ \\t]*([0-9０-９]{1,2}|[${CN}]{1,3})[ \\t]*月[ \\t]*([0-9０-９]{1,2}|[${CN}]{1,3})[ \\t]*[日号]` +
      `|([0-9０-９]{4})([-/.])([0-9０-９]{1,2})\\5([0-9０-９]{1,2})(?![0-9０-９])`,
    'g',
  );
  const plain = (text: string, today: string) => {
    let best: { date: string; detail: string } | undefined;
    for (const m of text.matchAll(fullDate)) {
      const date = m[1] !== undefined ? parseDateString(m[0]) : /[0-9０-９]/.test(text[m.index! - 1] ?? '') ? undefined : parseDateString(m[0]);
      if (date && date <= today && (!best || date > best.date)) best = { date, detail: m[0] };
    }
    return best;
  };
  const pieces = ['2023', '2021', '1999', '２０２２', '二〇二三', '一九九八', '零八', '0', '1', '12', '３', '十', '十八', '六', '年', '月', '日', '号', '-', '/', '.', ' ', '\t', '，', '会', 'a'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(newestDateInText(text, '2024-12-31'), plain(text, '2024-12-31'));
    }),
    { numRuns: 3000, seed: 10 },
  );
  assert.deepEqual(newestDateInText('2021年3月5日，2023-06-18，12023-01-02', '2024-01-01'), { date: '2023-06-18', detail: '2023-06-18' });
});
