// The window of a DURATION anchored at the document date (core/durationWindows.ts): 最近三天 back from the DCT,
// 未来两天 / 十分钟之内 forward; no window without an anchoring word or a definite amount.
import test from 'node:test';
import assert from 'node:assert/strict';
import { recogniseDates } from '../../server/src/core/dates';
import { durationWindow } from '../../server/src/core/durationWindows';

const DCT = '2025-03-12T09:30';

/** The window of the first DURATION span of the text. */
function windowOf(text: string, dct: string | undefined = DCT): [string, string] | undefined {
  const s = recogniseDates(text, dct).find((x) => x.label === 'DURATION');
  assert.ok(s, `no DURATION in ${text}`);
  return durationWindow(text, s.start, s.end, s.timex ?? '', dct);
}

test('a duration after 最近 / 近 / 过去 reaches back from the DCT', () => {
  assert.deepEqual(windowOf('最近三天的天气'), ['2025-03-09T09:30:00', '2025-03-12T09:30:00']);
  assert.deepEqual(windowOf('近一个月的消费记录'), ['2025-02-12T09:30:00', '2025-03-12T09:30:00']);
  assert.deepEqual(windowOf('过去一周我走了多少步'), ['2025-03-05T09:30:00', '2025-03-12T09:30:00']);
  // Months keep the day, clamped to the month's end; a DCT without a clock is its midnight.
  assert.deepEqual(windowOf('近一个月的账单', '2025-03-31'), ['2025-02-28T00:00:00', '2025-03-31T00:00:00']);
});

test('a duration after 未来 / 接下来 / 后, or before 之内, reaches forward', () => {
  assert.deepEqual(windowOf('未来两天会下雨吗'), ['2025-03-12T09:30:00', '2025-03-14T09:30:00']);
  assert.deepEqual(windowOf('接下来两个小时有雨吗'), ['2025-03-12T09:30:00', '2025-03-12T11:30:00']);
  assert.deepEqual(windowOf('后两天有什么安排'), ['2025-03-12T09:30:00', '2025-03-14T09:30:00']);
  assert.deepEqual(windowOf('十分钟之内给我回电话'), ['2025-03-12T09:30:00', '2025-03-12T09:40:00']);
});

test('no window without an anchor, with an indefinite amount, or without a DCT', () => {
  assert.equal(windowOf('这项工程历时三年。'), undefined);
  assert.equal(windowOf('然后两天都没有消息。'), undefined);
  assert.equal(windowOf('最近几天的新闻'), undefined);
  assert.equal(durationWindow('最近三天的天气', 2, 4, 'P3D', undefined), undefined);
});
