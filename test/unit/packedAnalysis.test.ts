// The analysis handed to the diagnostics worker packed (server/src/lsp/packedAnalysis.ts): unpacked it must be the
// analysis itself, field for field, so the worker's findings are the findings of the thread.
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/analyze';
import { checkDocument } from '../../server/src/checks';
import { IncrementalAnalysis, Segment } from '../../server/src/analysis/incrementalAnalysis';
import { recogniseEntityUnits } from '../../server/src/ner/entities';
import { packAnalysis, packSegments, unpackAnalysis } from '../../server/src/lsp/packedAnalysis';
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

test('packed from its segments, an incremental analysis is the same as its list of every span packed', () => {
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates', 'entities'], dct: '2023-06-18' });
  engine.update(TEXT);
  for (let t = engine.pendingEntityTexts(1e9); t.length; t = engine.pendingEntityTexts(1e9)) engine.addEntities(t, recogniseEntityUnits(t));
  // after an edit in the middle, so that segments after it sit at new offsets
  const at = TEXT.indexOf('\n', TEXT.length / 2) + 1;
  engine.update(TEXT.slice(0, at) + '6月2日，' + TEXT.slice(at));
  for (let t = engine.pendingEntityTexts(1e9); t.length; t = engine.pendingEntityTexts(1e9)) engine.addEntities(t, recogniseEntityUnits(t));
  const view = { dct: engine.documentDate(), segments: (visit: (s: Segment) => boolean) => engine.segments(visit) };
  const { transfer: _a, ...fromSegments } = packSegments(view);
  const { transfer: _b, ...fromList } = packAnalysis(engine.result());
  assert.ok(fromList.labels.length > 100);
  assert.deepStrictEqual(fromSegments, fromList);
});
