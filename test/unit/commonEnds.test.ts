// core/commonEnds.ts: the common beginning and end of two versions of a text, as a character-by-character comparison
// finds them, on texts long enough for every block size (4,096 / 256 / 16) to be used and to fail part-way.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { commonEnds } from '../../server/src/core/commonEnds';
import { applyEdit, randomEdit } from './support/randomEdits';

function naive(a: string, b: string, wholePairs: boolean): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a[p] === b[p]) p++;
  if (wholePairs && p > 0 && /[\ud800-\udbff]/.test(a[p - 1])) p--;
  let s = 0;
  while (s < max - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  if (wholePairs && s > 0 && /[\udc00-\udfff]/.test(a[a.length - s])) s--;
  return { prefix: p, suffix: s };
}

const pieces = ['据', 'a', '𠮷', '。', '\n', '2023年6月18日', '据据据据据据据据据据据据据据据据据'];

test('commonEnds equals a character-by-character comparison (random texts and edits, surrogate pairs kept whole or not)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...pieces), { maxLength: 900 }),
      fc.array(randomEdit(pieces, 40), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      (start, edits, wholePairs) => {
        const a = start.join('');
        let b = a;
        for (const e of edits) b = applyEdit(b, e);
        assert.deepEqual(commonEnds(a, b, wholePairs), naive(a, b, wholePairs));
      },
    ),
    { numRuns: 300 },
  );
});

test('commonEnds of a keystroke in the middle of a long text: the inserted character between the two ends', () => {
  const text = '国家统计局发布数据。\n'.repeat(1000);
  const at = 5003;
  const edited = text.slice(0, at) + '据' + text.slice(at);
  assert.deepEqual(commonEnds(text, edited), { prefix: at, suffix: text.length - at });
  assert.deepEqual(commonEnds(edited, text), { prefix: at, suffix: text.length - at });
  assert.deepEqual(commonEnds(text, text), { prefix: text.length, suffix: 0 });
});
