// What the editor gets per keystroke from the incremental analysis' segments (semantic tokens encoded segment by
// segment, the span under a hover found in one segment) equals what the whole-document path gives for the same text
// (encodeTokens over all spans, spanAt over all spans), after any edits: astral characters, CRLF and lone CR line
// ends, dates that run across units.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { applyEdit, randomEdit } from './support/randomEdits';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalAnalysis } from '../../server/src/analysis/incrementalAnalysis';
import { TokenLayout, encodeSegmentLayout, encodeSegmentTokens, encodeTokens, mergeTokenSpans, tokenEdits } from '../../server/src/lsp/semanticTokens';
import { spanAt } from '../../server/src/lsp/hover';
import { OffsetMap } from '../../server/src/core/offsets';
import { recogniseEntityUnits } from '../../server/src/ner/entities';

const corpus = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const article = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith('.news'))
  .sort()
  .slice(0, 2)
  .map((f) => fs.readFileSync(path.join(corpus, f), 'utf8'))
  .join('\n');

const PIECES = [
  '2023年6月18日', '当天', '次日', '6月1日至\n30日', '\n', '\r\n', '\r', '。', '《关于\n统计的规定》', '3.5亿元',
  '12.5%', '𠮷😀', '下午5:00到6:00', '9月3日22:30至\n次日凌晨2点', '1日。至5日', '，', ' ', '2023年1月至\r\n6月',
];

const editArb = randomEdit(PIECES, 20);

test('tokens from segments equal tokens from all spans (whole document and ranges), after random edits', () => {
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (edits, where) => {
      const engine = new IncrementalAnalysis({ groups: ['figures', 'dates'], fileName: 'a.news' });
      let text = article;
      engine.update(text);
      encodeSegmentTokens(TextDocument.create('file:///a.news', 'news-article', 1, text), (v, f) => engine.segments(v, f));
      for (const e of edits) {
        text = applyEdit(text, e);
        engine.update(text);
        const document = TextDocument.create('file:///a.news', 'news-article', 1, text);
        const segments = (v: Parameters<typeof engine.segments>[0], f?: number) => engine.segments(v, f);
        const expected = encodeTokens(document, mergeTokenSpans(engine.result().spans, []));
        assert.deepEqual(Array.from(encodeSegmentTokens(document, segments)), expected);
        const start = Math.floor(where * text.length);
        const range = { start, end: Math.min(text.length, start + 300) };
        assert.deepEqual(Array.from(encodeSegmentTokens(document, segments, range)), encodeTokens(document, mergeTokenSpans(engine.result().spans, []), range));
      }
    }),
    { numRuns: 60 },
  );
});

test('tokens made from the previous answer (its start and end segments copied) equal tokens from all spans, after random edits', () => {
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 10 }), fc.boolean(), (edits, withEntities) => {
      const groups = withEntities ? (['figures', 'dates', 'entities'] as const) : (['figures', 'dates'] as const);
      const engine = new IncrementalAnalysis({ groups: [...groups], fileName: 'a.news' });
      let text = article;
      engine.update(text);
      const segments = (v: Parameters<typeof engine.segments>[0], f?: number) => engine.segments(v, f);
      let layout: TokenLayout = encodeSegmentLayout(segments);
      // the answer before last is the array the next one is written into, as the language server does
      let spare: Uint32Array | undefined;
      for (const e of edits) {
        text = applyEdit(text, e);
        engine.update(text);
        if (withEntities) {
          // names arrive for some paragraphs only: segments change away from the edit too
          const pending = engine.pendingEntityTexts(400);
          if (pending.length) engine.addEntities(pending, recogniseEntityUnits(pending));
        }
        const before = Array.from(layout.data);
        const next = encodeSegmentLayout(segments, layout, spare);
        if (next.data !== layout.data) spare = layout.data;
        // the delta from what the two share (TokenLayout.from) turns the previous answer into this one
        assert.equal(next.from?.data, layout.data);
        for (const edit of tokenEdits(before, next.data, next.from)) before.splice(edit.start, edit.deleteCount, ...edit.data);
        assert.deepEqual(before, Array.from(next.data));
        layout = next;
        const document = TextDocument.create('file:///a.news', 'news-article', 1, text);
        assert.deepEqual(Array.from(layout.data), encodeTokens(document, mergeTokenSpans(engine.result().spans, [])));
      }
    }),
    { numRuns: 60 },
  );
});

test('a segment without spans that changes length moves the segments after it on its line (made from the previous answer)', () => {
  // (the sentence without spans is long: the one after it keeps its spans array, the edit being far enough from it)
  let text = `前言${'很'.repeat(80)}。会议于2023年6月18日举行，投资3.5亿元。\n次日发布。\n`;
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates'], fileName: 'a.news' });
  engine.update(text);
  const segments = (v: Parameters<typeof engine.segments>[0], f?: number) => engine.segments(v, f);
  let layout = encodeSegmentLayout(segments);
  for (const insert of ['简短', '', '\n', '。']) {
    text = text.slice(0, 1) + insert + text.slice(1);
    engine.update(text);
    layout = encodeSegmentLayout(segments, layout);
    const document = TextDocument.create('file:///a.news', 'news-article', 1, text);
    assert.deepEqual(Array.from(layout.data), encodeTokens(document, mergeTokenSpans(engine.result().spans, [])), JSON.stringify(text));
  }
});

test('removing the last token before unchanged paragraphs: the delta re-places the first token after it', () => {
  // (every line ends a sentence: a line that does not is joined to the next, as a name may run across it)
  const tail = `${'很'.repeat(80)}。\n投资3.5亿元，增长12%。\n`;
  let text = `标题。\n会议于2023年6月18日举行。\n${tail}`;
  // (a document date of its own: the date removed is not the one that dates the others, which would all change)
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates'], fileName: 'a.news', dct: '2024-01-01' });
  engine.update(text);
  const segments = (v: Parameters<typeof engine.segments>[0], f?: number) => engine.segments(v, f);
  let layout = encodeSegmentLayout(segments);
  for (const next of [`标题。\n会议举行。\n${tail}`, `标题。\n会议举行。\n\n${tail}`, `标题。\n会议于2023年6月18日举行。\n${tail}`]) {
    const before = Array.from(layout.data);
    text = next;
    engine.update(text);
    layout = encodeSegmentLayout(segments, layout);
    const document = TextDocument.create('file:///a.news', 'news-article', 1, text);
    assert.deepEqual(Array.from(layout.data), encodeTokens(document, mergeTokenSpans(engine.result().spans, [])));
    assert.ok((layout.from?.tail ?? 0) > 0, 'the last paragraph is copied');
    for (const edit of tokenEdits(before, layout.data, layout.from)) before.splice(edit.start, edit.deleteCount, ...edit.data);
    assert.deepEqual(before, Array.from(layout.data), JSON.stringify(text));
  }
});

test('the span under an offset, found in its segment, is the one the whole span list gives', () => {
  let text = article + '\n𠮷𠮷2023年6月18日，3.5亿元。次日\r\n6月1日至\n5日举行。';
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates'], fileName: 'a.news' });
  engine.update(text);
  text = '😀' + text;
  engine.update(text);
  const spans = engine.result().spans;
  const map = new OffsetMap(text);
  let found = 0;
  for (let utf16 = 0; utf16 <= text.length; utf16++) {
    const expected = spanAt(spans, map.toCodePoint(utf16));
    const actual = engine.spanAt(utf16);
    assert.deepEqual(actual?.span, expected, `at ${utf16}`);
    if (expected) {
      found++;
      assert.equal(actual!.start, map.toUtf16(expected.start));
      assert.equal(actual!.end, map.toUtf16(expected.end));
    }
  }
  assert.ok(found > 100);
});

test('a keystroke re-encodes only what changed: the delta against the previous tokens is a few integers', () => {
  let text = article.repeat(5);
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates'], fileName: 'a.news' });
  engine.update(text);
  const segments = (v: Parameters<typeof engine.segments>[0], f?: number) => engine.segments(v, f);
  const before = encodeSegmentTokens(TextDocument.create('file:///a.news', 'news-article', 1, text), segments);
  const at = text.indexOf('\n', text.length >> 1) + 1;
  text = text.slice(0, at) + '据' + text.slice(at);
  engine.update(text);
  const after = encodeSegmentTokens(TextDocument.create('file:///a.news', 'news-article', 2, text), segments);
  const edits = tokenEdits(before, after);
  assert.ok(before.length > 1000);
  assert.ok(edits.length <= 1 && (edits[0]?.data.length ?? 0) <= 10, JSON.stringify(edits));
});
