import test from 'node:test';
import assert from 'node:assert/strict';
import { OffsetMap, codePointLength } from '../../server/src/core/offsets';
import { flatten, toCodePointSpans } from '../../server/src/analysis/analyze';

test('BMP-only text maps offsets one to one', () => {
  const m = new OffsetMap('杭州市财政局\r\n3.5亿元');
  assert.equal(m.hasAstral, false);
  assert.equal(m.toCodePoint(8), 8);
  assert.equal(m.toUtf16(8), 8);
  assert.equal(m.codePointLength, 13);
});

test('offsets after astral characters differ by one per astral character, both ways', () => {
  const text = '𠮷a😀b𪚥c';
  const m = new OffsetMap(text);
  const cps = [...text];
  assert.equal(m.codePointLength, cps.length);
  assert.equal(codePointLength(text), 6);
  let u = 0;
  for (let cp = 0; cp <= cps.length; cp++) {
    assert.equal(m.toUtf16(cp), u, `toUtf16(${cp})`);
    assert.equal(m.toCodePoint(u), cp, `toCodePoint(${u})`);
    if (cp < cps.length) u += cps[cp].length;
  }
  assert.equal(m.slice(1, 4), 'a😀b');
  // an offset inside a surrogate pair maps to the start of its character
  assert.equal(m.toCodePoint(1), 0);
});

test('a lone surrogate counts as one code point, as JavaScript iterates it', () => {
  const text = 'a\ud800b';
  assert.equal(new OffsetMap(text).codePointLength, [...text].length);
  assert.equal(codePointLength(text), 3);
});

test('flatten keeps the longer of two overlapping spans, then the higher-priority label', () => {
  const spans = [
    { start: 0, end: 4, label: 'CARDINAL' as const },
    { start: 0, end: 6, label: 'MONEY' as const },
    { start: 10, end: 12, label: 'LOC' as const },
    { start: 10, end: 12, label: 'ORG' as const },
    { start: 12, end: 14, label: 'PER' as const },
  ];
  assert.deepEqual(flatten(spans).map((s) => s.label), ['MONEY', 'ORG', 'PER']);
});

test('recogniser spans in UTF-16 become code-point spans with their text', () => {
  const text = '😀约60亿元';
  const [s] = toCodePointSpans(text, [{ start: 2, end: 7, label: 'MONEY', value: 6e9, unit: 'CNY', mod: 'approx' }]);
  assert.deepEqual(s, { start: 1, end: 6, label: 'MONEY', text: '约60亿元', value: 6e9, unit: 'CNY', mod: 'approx' });
});

test('OffsetMap.edited equals the map of the edited text built afresh (random edits, astral characters)', async () => {
  const fc = (await import('fast-check')).default;
  const { applyEdit, randomEdit } = await import('./support/randomEdits');
  const { diffUtf16 } = await import('../../server/src/annotations/textEdits');
  const pieces = ['𠮷', 'a', '😀', '。', '\n', '杭州', '𪚥c'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.array(randomEdit(pieces, 6), { minLength: 1, maxLength: 8 }), (start, edits) => {
      let text = start.join('');
      let map = new OffsetMap(text);
      for (const e of edits) {
        const next = applyEdit(text, e);
        const d = diffUtf16(text, next);
        map = d ? map.edited(next, d.prefix, text.length - d.suffix) : map;
        text = next;
        const fresh = new OffsetMap(text);
        assert.equal(map.codePointLength, fresh.codePointLength);
        assert.equal(map.hasAstral, fresh.hasAstral);
        for (let u = 0; u <= text.length; u++) assert.equal(map.toCodePoint(u), fresh.toCodePoint(u));
        for (let c = 0; c <= fresh.codePointLength; c++) assert.equal(map.toUtf16(c), fresh.toUtf16(c));
      }
    }),
    { numRuns: 300 },
  );
});
