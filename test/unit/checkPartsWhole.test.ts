// parts-whole-mismatch: parts that add up to more than their whole, totals that differ from the listed parts,
// shares of one whole summing past 100%. Written before the rule (issue #17), with the traps the issue lists.
import test from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, fixed, flagged } from './checkHelpers';

const RULE = 'parts-whole-mismatch';

test('parts-whole-mismatch: parts after 其中 that exceed the whole', () => {
  const text = '全年粮食总产量500万吨，其中早稻120万吨、中稻300万吨、晚稻100万吨。';
  assert.deepEqual(flagged(RULE, text), ['500万吨']);
  const [f] = findingsOf(RULE, text);
  assert.match(f.message, /520/);
  assert.equal(f.related?.length, 3);
  assert.deepEqual(flagged(RULE, '全厂共有职工1200人，其中男职工700人，女职工600人。'), ['1200人']);
});

test('parts-whole-mismatch: a total after 共计/合计/总计 that differs from the sum of the listed parts, with the right total as a fix', () => {
  const text = '三家企业分别投资3000万元、5000万元和4000万元，共计1.1亿元。';
  assert.deepEqual(flagged(RULE, text), ['1.1亿元']);
  assert.equal(fixed(RULE, text), '三家企业分别投资3000万元、5000万元和4000万元，共计1.2亿元。');
  assert.deepEqual(flagged(RULE, '合计1.2亿元，分别为3000万元、5000万元和5000万元。'), ['1.2亿元']);
  assert.deepEqual(flagged(RULE, '甲地捐款20万元，乙地捐款35万元，丙地捐款15万元，总计80万元。'), ['80万元']);
});

test('parts-whole-mismatch: shares of one whole (占…%) summing past 100%', () => {
  assert.deepEqual(flagged(RULE, '第一产业占12%，第二产业占48%，第三产业占45%。'), ['45%']);
  assert.deepEqual(flagged(RULE, '三类产品分别占35%、40%和30%。'), ['30%']);
});

test('parts-whole-mismatch: not flagged — parts that need not exhaust the whole, rates of parts, exact and rounded totals, other units', () => {
  for (const text of [
    '全年粮食总产量500万吨，其中早稻120万吨、中稻300万吨。',
    '全市工业增加值增长12%，其中轻工业增长10%，重工业增长15%。',
    '全市工业增加值增长12%，其中轻工业增长60%，重工业增长55%。',
    '合计1.2亿元，分别为3000万元、5000万元和4000万元。',
    '合计1.2亿元，分别为3120万元、4980万元和4000万元。',
    '总投资500万元，其中外资600万美元。',
    '全省有企业500家，其中国有企业120家，职工30万人。',
    '第一产业占12%，第二产业占48%，第三产业占40%。',
    '出口增长35%，进口增长40%，顺差增长30%。',
    '城市的村占76%，农村占40%。', // far past 100%: shares of different wholes
    '逼全村每人交30元，总计6万元。', // an amount per head is not a part
    '两项投资分别为1306亿元和4500亿元，专项资金总额达19亿元。',
    '全国有学校1000所，其中小学800所，在校学生2000人。',
  ]) {
    assert.deepEqual(flagged(RULE, text), [], text);
  }
});
