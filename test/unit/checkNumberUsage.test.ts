// Number usage after GB/T 15835-2011 (usage-* rules). Written before the rules (issue #17).
import test from 'node:test';
import assert from 'node:assert/strict';
import { fixed, flagged } from './checkHelpers';

test('usage-percent-range: a percentage range with the sign on one end only, fixed by adding it', () => {
  assert.deepEqual(flagged('usage-percent-range', '增幅预计在20～30%之间，利润率5-8%。'), ['20～30%', '5-8%']);
  assert.equal(fixed('usage-percent-range', '增幅预计在20～30%之间。'), '增幅预计在20%～30%之间。');
  for (const text of ['增幅预计在20%～30%之间。', '从20提高到30%。', '比分3-1，增长30%。', '第2—3季度增长30%。']) {
    assert.deepEqual(flagged('usage-percent-range', text), [], text);
  }
});

test('usage-full-width-digits: full-width digits in a number, fixed to half-width', () => {
  assert.deepEqual(flagged('usage-full-width-digits', '２０２３年营收１２．５亿元，增长３０％。'), ['２０２３', '１２．５', '３０％']);
  assert.equal(fixed('usage-full-width-digits', '２０２３年营收１２．５亿元，增长３０％。'), '2023年营收12.5亿元，增长30%。');
  assert.deepEqual(flagged('usage-full-width-digits', '2023年营收12.5亿元，增长30%。Ａ股'), []);
});

test('usage-numeral-mixed: one kind of figure in Arabic and Chinese numerals in one article; the minority form is flagged', () => {
  const text = '一季度增长15%，二季度增长12%，三季度增长百分之二十。';
  assert.deepEqual(flagged('usage-numeral-mixed', text), ['百分之二十']);
  assert.deepEqual(flagged('usage-numeral-mixed', '投资3亿元，其中贷款2亿元，自筹五千二百万元。'), ['五千二百万元']);
  for (const text of [
    '一季度增长15%，二季度增长12%。三个企业、五家银行参与。', // counts in words are not percentages
    '投资3亿元，贷款二三十万元。', // neighbouring numbers for an estimate are written in Chinese
    '增长百分之二十，占百分之三十。',
    '第一季度增长15%，一方面……',
    '投资3亿元，其中贷款2亿元，自筹两万元。', // a round sum in words
    '投资3亿元，贷款2亿元，村民说“一百五十元一张”。', // quoted speech
    '增长15%，打2.6折，增长三成。', // 折 and 成 are forms of their own
  ]) {
    assert.deepEqual(flagged('usage-numeral-mixed', text), [], text);
  }
});

test('usage-short-year: a two-digit year in a text that writes full years', () => {
  assert.deepEqual(flagged('usage-short-year', '2023年营收增长，23年5月起实行新规。'), ['23年']);
  assert.deepEqual(flagged('usage-short-year', '2022年营收增长，去年底降至23年来最低。'), []);
  assert.deepEqual(flagged('usage-short-year', '他工作了23年，2023年退休。'), []);
  assert.deepEqual(flagged('usage-short-year', '23年5月起实行新规。'), [], 'no full year written: nothing to be consistent with');
});

test('usage-thousands-separator: separators used in some numbers of five or more digits and not in others', () => {
  assert.deepEqual(flagged('usage-thousands-separator', '观众12,000人，志愿者3,500人，工作人员15000人。'), ['15000']);
  for (const text of ['观众12,000人，志愿者3,500人。', '观众12000人，志愿者3500人。', '观众12,000人，2023年开幕，电话65512345。']) {
    assert.deepEqual(flagged('usage-thousands-separator', text), [], text);
  }
});
