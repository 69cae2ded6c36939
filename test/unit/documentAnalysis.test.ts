// The server's analysis layer: a failing recogniser must not blank the rest. (Settings: settings.test.ts.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeWhatWorks, filePathOf } from '../../server/src/lsp/documentAnalysis';
import { AnalysisOptions, AnalysisResult, LabelGroup } from '../../server/src/core/types';

test('file URIs become paths; other schemes have none', () => {
  assert.equal(filePathOf('file:///tmp/a%20b/%E6%96%B0%E9%97%BB.txt'), '/tmp/a b/新闻.txt');
  assert.equal(filePathOf('untitled:Untitled-1'), undefined);
});

test('a recogniser that throws is skipped and named; the other groups still run', () => {
  const calls: string[][] = [];
  const fake = (_text: string, options: AnalysisOptions = {}): AnalysisResult => {
    const groups = [...(options.groups ?? [])] as LabelGroup[];
    calls.push(groups);
    if (groups.includes('entities')) throw new Error('named-entity model not found at /x/ner.bin');
    return {
      dct: { date: options.dct, source: options.dct ? 'explicit' : 'none' },
      spans: groups.includes('dates') ? [{ start: 0, end: 2, label: 'DATE', text: '今年', timex: '2023' }] : [],
    };
  };
  const { result, failures } = analyzeWhatWorks('今年', { dct: '2023-06-18', groups: ['figures', 'dates', 'entities'] }, fake);
  assert.deepEqual(failures, ['entities: named-entity model not found at /x/ner.bin']);
  assert.deepEqual(result.spans.map((s) => s.text), ['今年']);
  assert.equal(result.dct.date, '2023-06-18');
  assert.deepEqual(calls.at(-1), ['figures', 'dates']);

  const ok = analyzeWhatWorks('今年', { groups: ['dates'] }, fake);
  assert.deepEqual(ok.failures, []);
  assert.equal(ok.result.spans.length, 1);
});
