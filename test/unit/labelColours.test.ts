// Label colours: every default label's shade reaches 4.5:1 on the default editor backgrounds of its theme kind (and
// on a confirmed tag's tint), the shades stay apart, and dates offered for an article without a document date.
import test from 'node:test';
import assert from 'node:assert/strict';
import { defaultSchema } from '../../server/src/annotations/labelSchema';
import { EDITOR_BACKGROUNDS, MIN_CONTRAST, backgroundsFor, contrast, labelShades, readableShade } from '../../client/src/tagging/labelColours';
import { dateCandidates } from '../../client/src/dateCandidates';

test('contrast ratio: WCAG values for black/white and a mid grey', () => {
  assert.equal(Math.round(contrast('#000000', '#ffffff') * 100) / 100, 21);
  assert.equal(Math.round(contrast('#777777', '#ffffff') * 100) / 100, 4.48);
});

test('every default label shade reaches 4.5:1 on every light and dark editor background and on its confirmed tint', () => {
  for (const label of defaultSchema().labels) {
    const shades = labelShades(label.color);
    for (const kind of ['light', 'dark'] as const) {
      for (const bg of backgroundsFor(kind, shades[kind])) {
        const ratio = contrast(shades[kind], bg);
        assert.ok(ratio >= MIN_CONTRAST, `${label.name} ${shades[kind]} on ${bg}: ${ratio.toFixed(2)}`);
      }
    }
  }
});

test('a colour readable already is kept; an unreadable one keeps its hue', () => {
  assert.equal(readableShade('#000080', 'light'), '#000080');
  const yellowOnWhite = readableShade('#ffff00', 'light');
  assert.ok(contrast(yellowOnWhite, EDITOR_BACKGROUNDS.light[0]) >= MIN_CONTRAST);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(yellowOnWhite.slice(i, i + 2), 16));
  assert.ok(r === g && b < r, `still a yellow: ${yellowOnWhite}`);
});

test('the default labels get eleven different shades in each theme kind', () => {
  const labels = defaultSchema().labels;
  for (const kind of ['light', 'dark'] as const) {
    assert.equal(new Set(labels.map((l) => labelShades(l.color)[kind])).size, labels.length, kind);
  }
});

test('dates offered for an article: file name, header lines, text (future dates too), each once', () => {
  const text = '标题：会议纪要\n发布：2023年6月18日\n\n正文提到2023-06-18和2099年1月1日前完成，以及二〇二二年三月五日。';
  const found = dateCandidates(text, '/corpus/news_20230617.txt');
  assert.deepEqual(found.map((c) => [c.date, c.source]), [
    ['2023-06-17', 'filename'],
    ['2023-06-18', 'header'],
    ['2099-01-01', 'text'],
    ['2022-03-05', 'text'],
  ]);
  assert.deepEqual(dateCandidates('今年产值增长，明年继续。', 'article.txt'), []);
});
