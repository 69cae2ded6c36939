import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Translate,
  describeDocumentDate,
  describeDuration,
  describeFigure,
  describeSpan,
  describeTimex,
  formatNumber,
  timexRange,
} from '../../server/src/core/describe';
import { Span } from '../../server/src/core/types';

const dct = { date: '2023-06-18', source: 'filename' as const, detail: '2023-06-18-economy.txt' };

function span(partial: Partial<Span> & Pick<Span, 'label' | 'text'>): Span {
  return { start: 0, end: [...partial.text].length, ...partial };
}

test('numbers are grouped and lose binary noise', () => {
  assert.equal(formatNumber(350000000), '350,000,000');
  assert.equal(formatNumber(0.15000000000000002), '0.15');
  assert.equal(formatNumber(123.5), '123.5');
  assert.equal(formatNumber(-2.5), '-2.5');
  assert.equal(formatNumber(1e-7), '0.0000001');
});

test('money, percent, quantity, cardinal and ordinal values read as the brief shows', () => {
  assert.equal(describeFigure({ label: 'MONEY', value: 350000000, unit: 'CNY' }), '350,000,000 CNY');
  assert.equal(describeFigure({ label: 'MONEY', value: 6e9, unit: 'CNY', mod: 'approx' }), 'about 6,000,000,000 CNY');
  assert.equal(describeFigure({ label: 'PERCENT', value: 0.125 }), '0.125 (12.5%)');
  assert.equal(describeFigure({ label: 'PERCENT', value: 0.2, valueMax: 0.3 }), '0.2 – 0.3 (20 – 30%)');
  assert.equal(describeFigure({ label: 'PERCENT', value: 0.15, mod: 'more_than' }), 'more than 0.15 (15%)');
  assert.equal(describeFigure({ label: 'PERCENT', value: 0.02, unit: 'pp' }), '0.02 (2 percentage points)');
  assert.equal(describeFigure({ label: 'QUANTITY', value: 50000000, unit: '件' }), '50,000,000 件');
  assert.equal(describeFigure({ label: 'CARDINAL', value: 300, unit: '家', mod: 'more_than' }), 'more than 300 家');
  assert.equal(describeFigure({ label: 'CARDINAL', value: 15000, unit: '人次' }), '15,000 人次');
  assert.equal(describeFigure({ label: 'ORDINAL', value: 3 }), '3 (ordinal)');
  assert.equal(describeFigure({ label: 'CARDINAL' }), undefined);
});

test('modifiers read as words', () => {
  const cases: Array<[Span['mod'], string]> = [
    ['less_than', 'less than 5'],
    ['equal_or_more', 'at least 5'],
    ['equal_or_less', 'at most 5'],
  ];
  for (const [mod, expected] of cases) assert.equal(describeFigure({ label: 'CARDINAL', value: 5, mod }), expected);
  assert.equal(describeTimex('2023', 'since_start'), 'since the start of 2023 (2023-01-01 – 2023-12-31)');
  assert.equal(describeTimex('2023-06-18', 'on_or_before'), 'on or before 2023-06-18 (Sunday)');
  assert.equal(describeTimex('2023', 'after'), 'after 2023 (2023-01-01 – 2023-12-31)');
  assert.equal(describeTimex('2023-06', 'end'), 'the end of 2023-06 (2023-06-01 – 2023-06-30)');
});

test('timex values map to calendar ranges', () => {
  assert.deepEqual(timexRange('2023'), { start: '2023-01-01', end: '2023-12-31' });
  assert.deepEqual(timexRange('2024-02'), { start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(timexRange('2023-02'), { start: '2023-02-01', end: '2023-02-28' });
  assert.deepEqual(timexRange('2023-06-18'), { start: '2023-06-18', end: '2023-06-18' });
  assert.deepEqual(timexRange('2023-Q2'), { start: '2023-04-01', end: '2023-06-30' });
  assert.deepEqual(timexRange('2023-Q4'), { start: '2023-10-01', end: '2023-12-31' });
  assert.deepEqual(timexRange('2023-H1'), { start: '2023-01-01', end: '2023-06-30' });
  assert.deepEqual(timexRange('2023-H2'), { start: '2023-07-01', end: '2023-12-31' });
  assert.deepEqual(timexRange('2023-SP'), { start: '2023-03-01', end: '2023-05-31' });
  assert.deepEqual(timexRange('2023-WI'), { start: '2023-12-01', end: '2024-02-29' });
  // ISO weeks: 2023-W01 starts on Monday 2 January 2023; 2020-W53 exists and ends on 3 January 2021.
  assert.deepEqual(timexRange('2023-W01'), { start: '2023-01-02', end: '2023-01-08' });
  assert.deepEqual(timexRange('2023-W24'), { start: '2023-06-12', end: '2023-06-18' });
  assert.deepEqual(timexRange('2020-W53'), { start: '2020-12-28', end: '2021-01-03' });
  assert.deepEqual(timexRange('2023-W24-WE'), { start: '2023-06-17', end: '2023-06-18' });
  assert.deepEqual(timexRange('201'), { start: '2010-01-01', end: '2019-12-31' });
  assert.deepEqual(timexRange('20'), { start: '2000-01-01', end: '2099-12-31' });
  assert.deepEqual(timexRange('2023-01/2023-05'), { start: '2023-01-01', end: '2023-05-31' });
  assert.equal(timexRange('2023-05/2023-01'), undefined);
  assert.deepEqual(timexRange('2023-06-18T09:30'), { start: '2023-06-18', end: '2023-06-18' });
  for (const none of ['PAST_REF', 'XXXX-06-18', 'P3Y', '2023-13', '2023-02-30', 'nonsense']) {
    assert.equal(timexRange(none), undefined, none);
  }
});

test('timex values read as words', () => {
  assert.equal(describeTimex('2023-Q2'), '2023-Q2 (2023-04-01 – 2023-06-30)');
  assert.equal(describeTimex('2023-06-18'), '2023-06-18 (Sunday)');
  assert.equal(describeTimex('2023-01/2023-05'), '2023-01 – 2023-05 (2023-01-01 – 2023-05-31)');
  // an interval with clock times: both ends with their day and time
  assert.equal(describeTimex('2024-09-03T22:30/2024-09-04T02'), '2024-09-03 22:30 – 2024-09-04 02');
  assert.equal(describeTimex('T08:00/T17:30'), '08:00 (day unknown) – 17:30 (day unknown)');
  assert.equal(describeTimex('2024-10-01/2024-10-07'), '2024-10-01 – 2024-10-07 (2024-10-01 – 2024-10-07)');
  assert.equal(describeTimex('2023-06-18T09:30'), '2023-06-18 09:30');
  assert.equal(describeTimex('T09:30'), '09:30 (day unknown)');
  assert.equal(describeTimex('2023-06-18TAF'), '2023-06-18 afternoon');
  assert.equal(describeTimex('PAST_REF'), 'the past (before the document date)');
  assert.equal(describeTimex('P3Y'), 'P3Y (3 years)');
  assert.equal(describeTimex('PT2H', 'more_than'), 'more than PT2H (2 hours)');
  assert.equal(describeTimex('XXXX-06-18'), 'XXXX-06-18');
});

test('durations read as words', () => {
  assert.equal(describeDuration('P1Y6M'), '1 year 6 months');
  assert.equal(describeDuration('PT2H30M'), '2 hours 30 minutes');
  assert.equal(describeDuration('P1DT12H'), '1 day 12 hours');
  assert.equal(describeDuration('PXD'), 'several days');
  assert.equal(describeDuration('P1.5Y'), '1.5 years');
  assert.equal(describeDuration('P2DE'), '2 decades');
  assert.equal(describeDuration('P'), undefined);
  assert.equal(describeDuration('2023'), undefined);
});

test('the document date names its source', () => {
  assert.equal(describeDocumentDate(dct), 'Document date 2023-06-18 — from the file name');
  assert.equal(describeDocumentDate({ date: '2023-06-18', source: 'header' }), 'Document date 2023-06-18 — from the metadata header');
  assert.equal(describeDocumentDate({ date: '2023-06-18', source: 'text' }), 'Document date 2023-06-18 — from the text');
  assert.equal(describeDocumentDate({ date: '2023-06-18', source: 'explicit' }, undefined, 'file'), 'Document date 2023-06-18 — set for this file');
  assert.equal(
    describeDocumentDate({ date: '2023-06-18', source: 'explicit' }, undefined, 'setting'),
    'Document date 2023-06-18 — from the setting newsAnnotator.documentDate',
  );
  assert.equal(describeDocumentDate({ source: 'none' }), 'No document date: relative dates are not resolved');
});

test('hovers combine label, value and document date; entities show confidence and mentions', () => {
  assert.deepEqual(describeSpan(span({ label: 'DATE', text: '二季度', timex: '2023-Q2' }), { dct }), [
    '**DATE** · date · 二季度',
    '2023-Q2 (2023-04-01 – 2023-06-30)',
    'Document date 2023-06-18 — from the file name',
  ]);
  assert.deepEqual(describeSpan(span({ label: 'MONEY', text: '3.5亿元', value: 350000000, unit: 'CNY' }), { dct }), [
    '**MONEY** · amount of money · 3.5亿元',
    '350,000,000 CNY',
  ]);
  assert.deepEqual(describeSpan(span({ label: 'ORG', text: '海康威视', confidence: 0.874 }), { dct, otherMentions: 2 }), [
    '**ORG** · organisation · 海康威视',
    'confidence 87%',
    '2 other mentions in this document',
  ]);
  assert.equal(describeSpan(span({ label: 'PER', text: '李 明' }), { dct, otherMentions: 1 })[1], '1 other mention in this document');
});

test('a translate function localises every word', () => {
  const zh: Record<string, string> = {
    'about {0}': '约 {0}',
    'amount of money': '金额',
    'Document date {0} — from the file name': '文档日期 {0}（取自文件名）',
    date: '日期',
  };
  const t: Translate = (m, ...args) => (zh[m] ?? m).replace(/\{(\d+)\}/g, (_, i) => String(args[+i]));
  assert.equal(describeFigure({ label: 'MONEY', value: 6e9, unit: 'CNY', mod: 'approx' }, t), '约 6,000,000,000 CNY');
  assert.deepEqual(describeSpan(span({ label: 'DATE', text: '今年', timex: '2023' }), { dct, t }), [
    '**DATE** · 日期 · 今年',
    '2023 (2023-01-01 – 2023-12-31)',
    '文档日期 2023-06-18（取自文件名）',
  ]);
});

test('timexRange: a start and a length, and a week of a month', () => {
  assert.deepEqual(timexRange('2021-W01/P2W'), { start: '2021-01-04', end: '2021-01-17' });
  assert.deepEqual(timexRange('2023-01/P5M'), { start: '2023-01-01', end: '2023-05-31' });
  assert.deepEqual(timexRange('2022-01-01/P10D'), { start: '2022-01-01', end: '2022-01-10' });
  assert.deepEqual(timexRange('2024-02-W05'), { start: '2024-02-29', end: '2024-02-29' });
  assert.deepEqual(timexRange('2023-10-W01'), { start: '2023-10-01', end: '2023-10-07' });
  assert.equal(timexRange('2023-02-W05'), undefined);
  assert.equal(timexRange('XXXX-01/P5M'), undefined);
});
