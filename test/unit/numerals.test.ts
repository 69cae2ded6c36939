import test from 'node:test';
import assert from 'node:assert/strict';
import { findNumbers, parseNumeral, roundFloat, toHalfWidth, isNumeralChar, isArabicDigit, isChineseDigit } from '../../server/src/core/numerals';

/** [text, value] of every number findNumbers finds. */
function numbers(text: string): [string, number, number?][] {
  return findNumbers(text).map((n) => (n.valueMax === undefined ? [text.slice(n.start, n.end), n.value] : [text.slice(n.start, n.end), n.value, n.valueMax]));
}

test('parseNumeral reads Arabic, full-width, separated and mixed numerals', () => {
  assert.equal(parseNumeral('1,200'), 1200);
  assert.equal(parseNumeral('１２'), 12);
  assert.equal(parseNumeral('3.5亿'), 350000000);
  assert.equal(parseNumeral('1200万'), 12000000);
  assert.equal(parseNumeral('1.2万亿'), 1.2e12);
  assert.equal(parseNumeral('3.3亿'), 330000000);
  assert.equal(parseNumeral('-3.5'), -3.5);
});

test('parseNumeral reads Chinese numerals', () => {
  assert.equal(parseNumeral('两千三百万'), 23000000);
  assert.equal(parseNumeral('一百二十三点五'), 123.5);
  assert.equal(parseNumeral('二〇二三'), 2023);
  assert.equal(parseNumeral('十五'), 15);
  assert.equal(parseNumeral('两万五'), 25000);
  assert.equal(parseNumeral('一千零五'), 1005);
  assert.equal(parseNumeral('一亿五千万'), 150000000);
  assert.equal(parseNumeral('四万万'), 400000000);
  assert.equal(parseNumeral('壹佰伍拾'), 150);
  assert.equal(parseNumeral('三点五亿'), 350000000);
  assert.equal(parseNumeral('四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二'), 4569831148725382);
});

test('parseNumeral rejects what is not a numeral', () => {
  for (const s of ['', '万', '万万', '五十千', '一十百', '点五', 'abc', '3点', '两两']) assert.equal(parseNumeral(s), undefined, s);
});

test('character helpers and normalisation keep their contracts', () => {
  assert.equal(toHalfWidth('１２．５，３'), '12.5,3');
  assert.ok(isNumeralChar('万') && isNumeralChar('点') && isNumeralChar('７') && !isNumeralChar('年'));
  assert.ok(isArabicDigit('７') && isArabicDigit('7') && !isArabicDigit('七'));
  assert.ok(isChineseDigit('七') && isChineseDigit('两') && !isChineseDigit('十'));
  assert.equal(roundFloat(3.3 * 1e8), 330000000);
  assert.equal(roundFloat(0.1 + 0.2), 0.3);
  assert.equal(roundFloat(4569831148725382), 4569831148725382);
});

test('findNumbers finds bare numbers with UTF-16 offsets', () => {
  const text = '共有1,050,000,000人，二百五十家，３．５和负十二';
  const found = findNumbers(text);
  assert.deepEqual(
    found.map((n) => [n.start, n.end, n.value]),
    [[2, 15, 1050000000], [17, 21, 250], [23, 26, 3.5], [27, 30, -12]],
  );
});

test('findNumbers keeps the longest well-formed numeral and splits the rest', () => {
  assert.deepEqual(numbers('两百点两'), [['两百', 200], ['两', 2]]);
  assert.deepEqual(numbers('一点两小时'), [['一', 1], ['两', 2]]);
  assert.deepEqual(numbers('五十千'), [['五十', 50]]);
  assert.deepEqual(numbers('1, 234, 567'), [['1', 1], ['234', 234], ['567', 567]]);
  assert.deepEqual(numbers('2222.2222.22222'), [['2222', 2222], ['2222', 2222], ['22222', 22222]]);
  assert.deepEqual(numbers('十点二三三'), [['十点二三三', 10.233]]);
});

test('findNumbers reads multipliers, placeholders, spaces and ranges', () => {
  assert.deepEqual(numbers('4.78万亿'), [['4.78万亿', 4.78e12]]);
  assert.deepEqual(numbers('5万4千6百'), [['5万4千6百', 54600]]);
  assert.deepEqual(numbers('3万4000'), [['3万4000', 34000]]);
  assert.deepEqual(numbers('十 余 万'), [['十 余 万', 100000]]);
  assert.deepEqual(numbers('一千多万'), [['一千多万', 10000000]]);
  assert.deepEqual(numbers('四百多'), [['四百', 400]]);
  assert.deepEqual(numbers('三四十人'), [['三四十', 30, 40]]);
  assert.deepEqual(numbers('１１.92亿'), [['１１.92亿', 1192000000]]);
  assert.deepEqual(numbers('４，５６５'), [['４，５６５', 4565]]);
  // A Chinese comma between half-width digits separates list items.
  assert.deepEqual(numbers('100，200'), [['100', 100], ['200', 200]]);
});

test('findNumbers reads fractions, exponents and dozens', () => {
  assert.deepEqual(numbers('五分之一'), [['五分之一', 0.2]]);
  assert.deepEqual(numbers('负一又二分之一'), [['负一又二分之一', -1.5]]);
  assert.deepEqual(numbers('３／５'), [['３／５', 0.6]]);
  assert.deepEqual(numbers('1 3/5'), [['1 3/5', 1.6]]);
  assert.deepEqual(numbers('2e5'), [['2e5', 200000]]);
  assert.deepEqual(numbers('十打苹果'), [['十打', 120]]);
  // 百分之 is a marker: the number after it is found.
  assert.deepEqual(numbers('百分之五十五点五七九'), [['五十五点五七九', 55.579]]);
  // Dates written with slashes are not fractions.
  assert.deepEqual(numbers('2023/06/18'), [['2023', 2023], ['06', 6], ['18', 18]]);
});

test('findNumbers skips words, URLs and codes that only contain numeral characters', () => {
  for (const s of ['一切', '统一', '十分重要', '四川', '陆地', '收拾房间', '队伍', '万一', '订单号A202107211321', 'issn%280024%2D9114']) {
    assert.deepEqual(numbers(s), [], s);
  }
  assert.deepEqual(numbers('三的另一种写法是叁'), [['三', 3], ['一', 1], ['叁', 3]]);
  // A digit run beyond the range of a double has no value: dropped whole, not split.
  assert.deepEqual(numbers('9'.repeat(400) + '和5'), [['5', 5]]);
});
