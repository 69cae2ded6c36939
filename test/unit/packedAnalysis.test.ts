// The analysis handed to the diagnostics worker packed (server/src/lsp/packedAnalysis.ts): unpacked it must be the
// analysis itself, field for field, so the worker's findings are the findings of the thread.
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/analyze';
import { checkDocument } from '../../server/src/checks';
import { packAnalysis, unpackAnalysis } from '../../server/src/lsp/packedAnalysis';
import { sampleArticles } from '../fixtures/sampleCorpus';

const TEXT = sampleArticles().join('\r\n') + '\n𠮷𠮷李明说，6月1日至5日约3.5亿元，增长12.5%至20%，第三届。\n';

test('packed and unpacked, an analysis (all labels, astral characters, CRLF) is the same, and so are its findings', () => {
  const analysis = analyze(TEXT, { dct: '2023-06-18' });
  assert.ok(analysis.spans.some((s) => s.confidence !== undefined) && analysis.spans.some((s) => s.valueMax !== undefined));
  assert.ok(analysis.spans.some((s) => s.timex !== undefined) && analysis.spans.some((s) => s.mod !== undefined));
  const { transfer, ...packed } = packAnalysis(analysis);
  assert.equal(transfer.length, 4, 'the typed arrays travel as transferred buffers');
  // what a worker receives: a structured clone with the buffers moved
  const received = structuredClone(packed, { transfer });
  assert.equal(packed.offsets.length, 0, 'the sender\'s buffers are detached, not copied');
  const unpacked = unpackAnalysis(TEXT, received);
  assert.deepStrictEqual(unpacked, analysis);
  assert.deepStrictEqual(checkDocument(TEXT, unpacked), checkDocument(TEXT, analysis));
});

test('an analysis without spans packs to empty arrays', () => {
  const analysis = analyze('', {});
  const { transfer: _t, ...packed } = packAnalysis(analysis);
  assert.deepStrictEqual(unpackAnalysis('', packed), analysis);
});
