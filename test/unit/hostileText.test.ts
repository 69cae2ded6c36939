// Recognisers on hostile text: long runs and unclosed brackets must neither overflow the stack nor take quadratic
// time. The inputs below are sized so that the code before the fix crashed (stack) or ran for minutes; those run on
// a worker stopped at a deadline (a hang guard, not a speed measurement: `npm run bench:adversarial` prints times).
import test from 'node:test';
import assert from 'node:assert/strict';
import { recogniseFigures } from '../../server/src/core/figures';
import { recogniseDates } from '../../server/src/core/dates';
import { analyze } from '../../server/src/analysis/analyze';
import { recogniseWithDeadline } from './support/recogniseWithDeadline';

/** A hang guard far above what the linear code needs (under 2 s on a loaded 2-core machine), not a speed test. */
const DEADLINE_MS = 30_000;

test('a run of 20,000 第 does not overflow the date scanner stack', () => {
  const text = '第'.repeat(20_000) + '，2023年6月18日';
  const dates = recogniseDates(text, '2023-06-18');
  assert.deepEqual(dates.map((d) => text.slice(d.start, d.end)), ['2023年6月18日']);
});

test('an unclosed 《 does not make every later 《 scan to the end of the text', async () => {
  // Before: 100,000 × 《 took about 70 s per recogniser (each 《 looked for 》 to the end of the text).
  const text = '《'.repeat(150_000) + '增长3%';
  const figures = await recogniseWithDeadline('figures', text, DEADLINE_MS);
  assert.deepEqual(figures.spans?.map(([s, e]) => text.slice(s, e)), ['3%']);
  assert.deepEqual(await recogniseWithDeadline('dates', text, DEADLINE_MS), { spans: [] });
});

test('titles closed within reach are still skipped; an unclosed 《 does not hide what follows', () => {
  assert.deepEqual(recogniseFigures('《第一财经日报》报道增长3%').map((f) => f.value), [0.03]);
  const unclosed = '《某报道称今年增长3%，达到5亿元。';
  assert.deepEqual(recogniseFigures(unclosed).map((f) => unclosed.slice(f.start, f.end)), ['3%', '5亿元']);
  assert.deepEqual(recogniseDates('《2023年工作报告》', '2023-06-18'), []);
  // A title longer than the reach is not a title: its figures are read.
  const long = '《' + '啊'.repeat(70) + '3个》';
  assert.deepEqual(recogniseFigures(long).map((f) => long.slice(f.start, f.end)), ['3个']);
});

test('runs of 万 / 万亿 / 百万 are read in linear time', async () => {
  // Before: 万 × 20,000 took 29 s and 万亿 × 10,000 took 15 s, growing with the square of the length.
  for (const unit of ['万', '万亿', '百万']) {
    const text = unit.repeat(Math.ceil(60_000 / unit.length)) + '，共3个';
    const out = await recogniseWithDeadline('figures', text, DEADLINE_MS);
    assert.ok(out.spans, `${unit}: ${JSON.stringify(out)}`);
    for (const [s, e] of out.spans) assert.ok(s >= 0 && e <= text.length && s < e);
    const [s, e] = out.spans[out.spans.length - 1];
    assert.equal(text.slice(s, e), '3个');
  }
  assert.deepEqual(recogniseFigures('百分之十五').map((f) => f.value), [0.15]);
  assert.deepEqual(recogniseFigures('万分之三').map((f) => f.value), [0.0003]);
});

test('dates next to and after long runs of Chinese numerals are read; the runs themselves are no date', () => {
  // A run longer than any numeral is not read to its end at each position asked about (it was once read whole every
  // time: time grew faster than the length). `npm run bench:adversarial` prints the times.
  const run = '一二三四五六七八九十百千'.repeat(20_000);
  const spans = (text: string) => recogniseDates(text, '2023-06-18').map((d) => [text.slice(d.start, d.end), d.label, d.timex]);
  assert.deepEqual(spans(run + '，二〇二三年六月十八日'), [['二〇二三年六月十八日', 'DATE', '2023-06-18']]);
  assert.deepEqual(spans('二〇二三年六月' + run), [['二〇二三年六月', 'DATE', '2023-06']]);
  assert.deepEqual(spans('2023年6月' + run + '日'), [['2023年6月', 'DATE', '2023-06']]);
  assert.deepEqual(spans('二〇二三年，' + run + '。十二月三十一日'), [['二〇二三年', 'DATE', '2023'], ['十二月三十一日', 'DATE', '2023-12-31']]);
  assert.deepEqual(spans('农历' + run + '，农历八月十五'), [['农历八月十五', 'DATE', '2023-09-29']]);
  assert.deepEqual(spans(run + '年' + run + '月' + run + '日，3月5日'), [['3月5日', 'DATE', '2023-03-05']]);
  assert.deepEqual(spans('从' + '〇'.repeat(100_000) + '年到二〇二三年'), [['二〇二三年', 'DATE', '2023']]);
  assert.deepEqual(spans('〇'.repeat(200_000) + '年'), []);
});

test('analyze of a text with 200,000 figures returns them all (no stack overflow from spreading them)', () => {
  // push(...array) with more than about 120,000 arguments threw RangeError before (a 4 M-character article).
  const text = '3个，'.repeat(200_000);
  const result = analyze(text, { dct: '2023-06-18', groups: ['figures'] });
  assert.equal(result.spans.length, 200_000);
  assert.equal(result.spans[0].text, '3个');
});

test('entity post-rules run block by block on long texts (linear time) with the same result as on the whole text', () => {
  // 1 M characters of news took 21 s of CPU against 1.1 s for 100 k (post-rules rebuilt the span list per match).
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const { entityRecogniser } = require('../../server/src/ner/entities') as typeof import('../../server/src/ner/entities');
  const { applyPostRules } = require('../../server/src/ner/postRules') as typeof import('../../server/src/ner/postRules');
  const dir = path.join(__dirname, '..', 'fixtures', 'corpus');
  const news = fs.readdirSync(dir).filter((f) => /\.(news|txt)$/.test(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n') + '\n';
  const text = news.repeat(Math.ceil(45_000 / news.length)).slice(0, 45_000); // three blocks
  const recogniser = entityRecogniser();
  const gazetteer = recogniser.model.extractor.config.gazetteer;
  const whole = applyPostRules(text, recogniser.recognise(text, { postRules: false }), { isAdminName: (n) => (gazetteer.kindOf(n) & 1) !== 0 });
  const blocks = recogniser.recognise(text);
  assert.ok(blocks.length > 500);
  assert.deepEqual(blocks, whole);
});
