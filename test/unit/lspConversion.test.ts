// The language server's conversions: code-point spans → semantic tokens at UTF-16 positions, hovers for the span under
// the cursor, and stored tags taking precedence over suggestions.
import test from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LEGEND, encodeTokens, mergeTokenSpans, tokenTypeOf } from '../../server/src/lsp/semanticTokens';
import { countOccurrences, escapeMarkdown, hoverAt, spanAt } from '../../server/src/lsp/hover';
import { english } from '../../server/src/core/describe';
import { AnalysisResult, Label, Span } from '../../server/src/core/types';

function doc(text: string): TextDocument {
  return TextDocument.create('file:///a.news', 'news-article', 1, text);
}

/** Spans found by searching the text, with code-point offsets. */
function spansOf(text: string, found: Array<[string, Label, Partial<Span>?]>): Span[] {
  const cps = [...text];
  return found
    .map(([needle, label, extra]) => {
      const at = text.indexOf(needle);
      assert.ok(at >= 0, needle);
      const start = [...text.slice(0, at)].length;
      const end = start + [...needle].length;
      assert.equal(cps.slice(start, end).join(''), needle);
      return { start, end, label, text: needle, ...extra } as Span;
    })
    .sort((a, b) => a.start - b.start);
}

function decode(document: TextDocument, data: number[]) {
  const out: Array<{ text: string; type: string; modifiers: string[]; line: number }> = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const start = document.offsetAt({ line, character: char });
    out.push({
      text: document.getText().slice(start, start + data[i + 2]),
      type: LEGEND.tokenTypes[data[i + 3]],
      modifiers: LEGEND.tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0),
      line,
    });
  }
  return out;
}

test('the legend has one token type per label, named as in package.json', () => {
  assert.equal(tokenTypeOf('PER'), 'newsPer');
  assert.equal(tokenTypeOf('MONEY'), 'newsMoney');
  assert.equal(tokenTypeOf('DURATION'), 'newsDuration');
  assert.equal(LEGEND.tokenTypes.length, 11);
  assert.deepEqual(LEGEND.tokenModifiers, ['suggestion', 'confirmed']);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifest = require('../../package.json');
  const contributed = manifest.contributes.semanticTokenTypes.map((t: { id: string }) => t.id).sort();
  assert.deepEqual(contributed, [...LEGEND.tokenTypes].sort());
  assert.deepEqual(Object.keys(manifest.contributes.semanticTokenScopes[0].scopes).sort(), [...LEGEND.tokenTypes].sort());
});

test('tokens land on the right UTF-16 columns after astral characters and CRLF line breaks', () => {
  const text = '标题\r\n𠮷野家宣布新开门店20家，投资3.5亿元。\r\n𪚥𪚥今年增长12.5%';
  const document = doc(text);
  const spans = spansOf(text, [
    ['20家', 'CARDINAL'],
    ['3.5亿元', 'MONEY'],
    ['今年', 'DATE'],
    ['12.5%', 'PERCENT'],
  ]);
  const tokens = decode(document, encodeTokens(document, mergeTokenSpans(spans, [])));
  assert.deepEqual(
    tokens.map((t) => [t.text, t.type, t.line]),
    [
      ['20家', 'newsCardinal', 1],
      ['3.5亿元', 'newsMoney', 1],
      ['今年', 'newsDate', 2],
      ['12.5%', 'newsPercent', 2],
    ],
  );
  assert.ok(tokens.every((t) => t.modifiers.join() === 'suggestion'));
});

test('a span across a line break becomes one token per line; a range request keeps only what touches it', () => {
  const text = '第一行末尾三\n点五亿元在第二行';
  const document = doc(text);
  const span: Span = { start: 5, end: 10, label: 'MONEY', text: '三\n点五亿' };
  const tokens = decode(document, encodeTokens(document, mergeTokenSpans([span], [])));
  assert.deepEqual(tokens.map((t) => [t.text, t.line]), [['三', 0], ['点五亿', 1]]);
  const two = spansOf('一月二月三月', [['一月', 'DATE'], ['三月', 'DATE']]);
  const d2 = doc('一月二月三月');
  assert.deepEqual(decode(d2, encodeTokens(d2, mergeTokenSpans(two, []), { start: 4, end: 6 })).map((t) => t.text), ['三月']);
});

test('stored tags are confirmed tokens and hide the suggestions they overlap', () => {
  const suggestions = [
    { start: 0, end: 2, label: 'LOC' as Label, text: '杭州' },
    { start: 5, end: 8, label: 'MONEY' as Label, text: '3亿元' },
    { start: 10, end: 12, label: 'DATE' as Label, text: '今年' },
  ];
  const confirmed = [
    { start: 0, end: 4, label: 'ORG' as Label },
    { start: 11, end: 13, label: 'DATE' as Label },
  ];
  const merged = mergeTokenSpans(suggestions, confirmed);
  assert.deepEqual(
    merged.map((m) => [m.start, m.end, m.label, m.modifier]),
    [
      [0, 4, 'ORG', 'confirmed'],
      [5, 8, 'MONEY', 'suggestion'],
      [11, 13, 'DATE', 'confirmed'],
    ],
  );
});

test('hover finds the span under the cursor and describes it with its range', () => {
  const text = '𠮷野家今年投资3.5亿元，杭州杭州。';
  const document = doc(text);
  const spans = spansOf(text, [
    ['今年', 'DATE', { timex: '2023' }],
    ['3.5亿元', 'MONEY', { value: 350000000, unit: 'CNY' }],
    ['杭州', 'LOC', { confidence: 0.91 }],
  ]);
  const analysis: AnalysisResult = { dct: { date: '2023-06-18', source: 'filename' }, spans };
  const at = (needle: string) => text.indexOf(needle) + 1;
  const money = hoverAt(document, analysis, at('3.5亿元'), english);
  assert.ok(money && typeof money.contents === 'object' && 'value' in money.contents);
  assert.match(money.contents.value, /\*\*MONEY\*\*/);
  assert.match(money.contents.value, /350,000,000 CNY/);
  // UTF-16: 𠮷 takes two units, so 3.5亿元 (code points 7–12) sits at columns 8–13
  assert.deepEqual(money.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 13 } });
  const date = hoverAt(document, analysis, at('今年'), english)!;
  assert.match((date.contents as { value: string }).value, /Document date 2023-06-18 — from the file name/);
  const place = hoverAt(document, analysis, at('杭州'), english)!;
  assert.match((place.contents as { value: string }).value, /confidence 91%/);
  assert.match((place.contents as { value: string }).value, /1 other mention in this document/);
  assert.equal(hoverAt(document, analysis, text.indexOf('投资'), english), null);
});

test('helpers: spanAt at edges, occurrences, Markdown escaping', () => {
  const spans = [{ start: 2, end: 4 }, { start: 6, end: 7 }] as Span[];
  assert.equal(spanAt(spans, 1), undefined);
  assert.equal(spanAt(spans, 2), spans[0]);
  assert.equal(spanAt(spans, 3), spans[0]);
  assert.equal(spanAt(spans, 4), undefined);
  assert.equal(spanAt(spans, 6), spans[1]);
  assert.equal(countOccurrences('aaaa', 'aa'), 2);
  assert.equal(countOccurrences('杭州到杭州', '杭州'), 2);
  assert.equal(escapeMarkdown('a*b_c'), 'a\\*b\\_c');
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('0.125 (12.5%)'), '0.125 (12.5%)');
});
