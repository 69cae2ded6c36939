// The tagging state's suggestions pushed as patches (server/src/annotations/taggingStatePatch.ts): the client's list
// after applying a patch must be the server's list, for any two lists, and the patch after an edit must be small.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applySuggestionsPatch, diffSuggestionSteps, diffSuggestions } from '../../server/src/annotations/taggingStatePatch';
import type { WireSuggestion } from '../../server/src/annotations/taggingProtocol';
import { analyze } from '../../server/src/analysis/analyze';
import { applyEdit, randomEdit } from './support/randomEdits';

/** Wire suggestions of a text's figures and dates, as the server builds them (code points = UTF-16 here). */
function wireSuggestions(text: string): WireSuggestion[] {
  const document = TextDocument.create('file:///a.news', 'news-article', 1, text);
  return analyze(text, { groups: ['figures', 'dates'], dct: '2023-06-18' }).spans.map((s) => ({
    key: `${s.start}:${s.end}:${s.label}`,
    label: s.label,
    text: s.text,
    start: s.start,
    end: s.end,
    ...(s.value !== undefined ? { value: s.value } : {}),
    range: { start: document.positionAt(s.start), end: document.positionAt(s.end) },
  }));
}

/** diffSuggestionSteps run to the end, comparing `every` suggestions between two pauses; checks that it pauses. */
function inSteps(prev: WireSuggestion[], next: WireSuggestion[], every: number) {
  const steps = diffSuggestionSteps(prev, next, every);
  let pauses = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) {
      // the first pause comes after `every` equal leading suggestions
      if (prev.length > every && next.length > every && prev.slice(0, every + 1).every((s, k) => JSON.stringify(s) === JSON.stringify(next[k]))) assert.ok(pauses > 0);
      return r.value;
    }
    pauses++;
  }
}

const PIECES = ['据', '3.5亿元', '2023年6月18日', '\n', '。', '次日', '12.5%', '6月1日至30日', '增长'];
const BASE = '2023年6月18日，国务院在北京召开会议，投资3.5亿元。\n次日，财政局公布预算12.5%。\n6月1日至30日，增长了2.1%。\n';

test('a patch applied to the previous suggestions gives the new ones (random edits of an article)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4 }), fc.array(randomEdit(PIECES, 12), { minLength: 1, maxLength: 6 }), (copies, edits) => {
      let text = BASE.repeat(copies);
      let prev = wireSuggestions(text);
      for (const e of edits) {
        text = applyEdit(text, e);
        const next = wireSuggestions(text);
        const patch = diffSuggestions(prev, next);
        assert.deepStrictEqual(applySuggestionsPatch(prev, patch), next);
        // the same patch when compared a few suggestions at a time (the server yields between the pieces)
        assert.deepStrictEqual(inSteps(prev, next, (edits.length % 3) + 1), patch);
        prev = next;
      }
    }),
    { numRuns: 200 },
  );
});

test('a patch applied to any list gives the other list (lists that are not edits of each other)', () => {
  const suggestion = fc.record({
    start: fc.integer({ min: 0, max: 50 }),
    len: fc.integer({ min: 1, max: 5 }),
    line: fc.integer({ min: 0, max: 4 }),
    character: fc.integer({ min: 0, max: 9 }),
    label: fc.constantFrom('DATE', 'MONEY', 'PER'),
  }).map(({ start, len, line, character, label }): WireSuggestion => ({
    key: `${start}:${start + len}:${label}`, label, text: 'x'.repeat(len), start, end: start + len,
    range: { start: { line, character }, end: { line, character: character + len } },
  }));
  fc.assert(
    fc.property(fc.array(suggestion, { maxLength: 12 }), fc.array(suggestion, { maxLength: 12 }), (prev, next) => {
      assert.deepStrictEqual(applySuggestionsPatch(prev, diffSuggestions(prev, next)), next);
      assert.deepStrictEqual(inSteps(prev, next, 1), diffSuggestions(prev, next));
    }),
    { numRuns: 500 },
  );
});

test('after one keystroke in a long article the patch carries the edited paragraph, not the list', () => {
  const text = BASE.repeat(300);
  const at = text.indexOf('\n', text.length >> 1) + 1;
  const prev = wireSuggestions(text);
  const next = wireSuggestions(text.slice(0, at) + '据' + text.slice(at));
  const patch = diffSuggestions(prev, next);
  assert.deepStrictEqual(applySuggestionsPatch(prev, patch), next);
  assert.ok(patch.insert.length <= 4, `${patch.insert.length} suggestions sent of ${next.length}`);
  assert.equal(patch.keep + patch.tail + patch.insert.length, next.length);
});
