// change-rate-mismatch: a stated rate of change that contradicts the stated start and end values. Written before
// the rule (issue #17), with the traps the issue lists.
import test from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, fixed, flagged } from './checkHelpers';

const RULE = 'change-rate-mismatch';

test('change-rate-mismatch: a rate that contradicts 从…增至… is flagged at the rate, with the rate the figures give', () => {
  const text = '公司营收从80万元增至120万元，增长40%。';
  assert.deepEqual(flagged(RULE, text), ['40%']);
  const [f] = findingsOf(RULE, text);
  assert.match(f.message, /50%/);
  assert.match(f.messageZh, /50%/);
  assert.equal(f.related?.length, 2, 'the start and end values as related information');
  assert.equal(fixed(RULE, text), '公司营收从80万元增至120万元，增长50%。');
});

test('change-rate-mismatch: varied wording — 由…增加到…, 降幅, 提高了…个百分点, an amount of change, the rate before the values', () => {
  assert.deepEqual(flagged(RULE, '销量由500台下降到400台，降幅为25%。'), ['25%']);
  assert.equal(fixed(RULE, '销量由500台下降到400台，降幅为25%。'), '销量由500台下降到400台，降幅为20%。');
  assert.deepEqual(flagged(RULE, '合格率从30%提高到45%，提高了10个百分点。'), ['10个百分点']);
  assert.deepEqual(flagged(RULE, '投资从80万元增至120万元，增加了50万元。'), ['50万元']);
  assert.deepEqual(flagged(RULE, '利润增长40%，由80万元增加到120万元。'), ['40%']);
  assert.deepEqual(flagged(RULE, '营收120万元，比上年的80万元增长40%。'), ['40%']);
});

test('change-rate-mismatch: 同比/环比 with both values given', () => {
  assert.deepEqual(flagged(RULE, '一季度营收为120亿元，去年同期为100亿元，同比增长25%。'), ['25%']);
  assert.deepEqual(flagged(RULE, '本月销量80万辆，上月为100万辆，环比下降25%。'), ['25%']);
  assert.deepEqual(flagged(RULE, '一季度营收为120亿元，去年同期为100亿元，同比增长20%。'), []);
  assert.deepEqual(flagged(RULE, '一季度营收为120亿元，同比增长25%。'), [], 'one value only: nothing to compare');
});

test('change-rate-mismatch: 增长了N倍 is read as the net increase, and the message says so', () => {
  // 8万 → 36万 is 增长了3.5倍 (net) or 增长到4.5倍 (the multiple)
  assert.deepEqual(flagged(RULE, '收入由8万元增加到36万元，增长了3.5倍。'), []);
  assert.deepEqual(flagged(RULE, '收入由8万元增加到36万元，增长到4.5倍。'), []);
  assert.deepEqual(flagged(RULE, '收入由8万元增加到36万元，增长了4.5倍。'), ['4.5倍']);
  const [net] = findingsOf(RULE, '收入由8万元增加到36万元，增长了4.5倍。');
  assert.match(net.message, /net increase/);
  assert.match(net.message, /3\.5/);
  assert.match(net.messageZh, /净增/);
  assert.equal(fixed(RULE, '收入由8万元增加到36万元，增长了4.5倍。'), '收入由8万元增加到36万元，增长了3.5倍。');
  assert.deepEqual(flagged(RULE, '收入由8万元增加到36万元，增长到3.5倍。'), ['3.5倍']);
  assert.match(findingsOf(RULE, '收入由8万元增加到36万元，增长到3.5倍。')[0].message, /multiple/);
  assert.deepEqual(flagged(RULE, '产量从50万吨增至150万吨，翻了一番。'), ['翻了一番']);
  assert.deepEqual(flagged(RULE, '产量从50万吨增至100万吨，翻了一番。'), []);
});

test('change-rate-mismatch: rounding as written is allowed (28.1% for 28.125%, 约33% for 33.3%), and rounded start and end values', () => {
  assert.deepEqual(flagged(RULE, '收入从32万元增至41万元，增长28.1%。'), []);
  assert.deepEqual(flagged(RULE, '收入从30万元增至40万元，增长约33%。'), []);
  assert.deepEqual(flagged(RULE, '收入从30万元增至40万元，增长33.3%。'), []);
  assert.deepEqual(flagged(RULE, '收入从1.23亿元增至1.58亿元，增长28.7%。'), [], '1.225–1.235 → 1.575–1.585 allows 27.5%–29.4%');
  assert.deepEqual(flagged(RULE, '收入从3200万元增至4100万元，增长28.1%。'), []);
  assert.deepEqual(flagged(RULE, '收入从3200万元增至4100万元，增长28.9%。'), ['28.9%']);
  // 32万 and 41万 stand for 31.5万–32.5万 and 40.5万–41.5万: 24.6%–31.7%, so 28.9% is within what they allow
  assert.deepEqual(flagged(RULE, '收入从32万元增至41万元，增长28.9%。'), []);
  assert.deepEqual(flagged(RULE, '收入从80万元增至120万元，增长超过40%。'), [], '超过40%: 50% is more than 40%');
  assert.deepEqual(flagged(RULE, '收入从80万元增至120万元，增长近60%。'), ['近60%']);
});

test('change-rate-mismatch: not flagged — annual averages, a rate of something else, pairs each with its own rate, 分别, other units', () => {
  for (const text of [
    '产值从2010年的80万元增至2015年的120万元，年均增长8.4%。',
    '营收从80万元增至120万元，其中利润增长40%。',
    '收入从80万元增至120万元，增长50%，利润从20万元增至25万元，增长25%。',
    '收入和利润分别从80万元和20万元增至120万元和25万元，分别增长50%和25%。',
    '出口从80万美元增至120万元人民币，增长40%。',
    '合格率从30%提高到45%，提高了15个百分点。',
    '合格率从30%提高到45%，提高了50%。',
    '投资从80万元增至120万元，增加40万元。',
    '从1到10，增长40%的目标。',
  ]) {
    assert.deepEqual(flagged(RULE, text), [], text);
  }
});
