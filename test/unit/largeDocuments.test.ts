// Large documents: analysis in slices (same result as one call, the event loop gets turns); in the language server,
// figures and dates at once and entities as they arrive, stale versions dropped, and above
// newsAnnotator.largeFileThreshold entities skipped while figures, dates and confirmed tags stay.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis/analyze';
import { AnalysisCancelled, analyzeInSlices, sliceBoundaries } from '../../server/src/analysis/slicedAnalysis';
import { AnalysisCache, AnalysisSettings, DEFAULT_SETTINGS } from '../../server/src/lsp/documentAnalysis';
import { DocumentDateStore } from '../../server/src/core/documentDateStore';
import { DocumentAnnotations } from '../../server/src/annotations/documentAnnotations';
import { ENTITY_LABELS, Label } from '../../server/src/core/types';
import type { RawSpan } from '../../server/src/core/types';
import { recogniseEntities } from '../../server/src/ner/entities';
import { sampleArticles } from '../fixtures/sampleCorpus';

const articles = sampleArticles();

/**
 * The sample articles repeated to about `size` UTF-16 units: every other copy with CRLF line ends, astral characters
 * (𠮷, 😀) before figures and names, a paragraph of many sentences without a line break (cut at 。), relative dates
 * that lean on an earlier date (当天, 次日), and a 《》 title spanning a line break.
 */
function largeText(size: number): string {
  const long = '据新华社北京2023年6月18日电 '.concat('国家统计局当天发布数据，5月份全国规模以上工业增加值同比增长3.5%，王毅会见了来访的法国外长。'.repeat(60));
  let text = '';
  for (let i = 0; text.length < size; i++) {
    let piece = articles[i % articles.length] + '\n𠮷😀 李明说，次日在上海召开的会议将讨论《关于\n统计的规定》第3条。\n';
    if (i % 4 === 1) piece += long + '\n';
    if (i % 2 === 1) piece = piece.replace(/\r?\n/g, '\r\n');
    text += piece;
  }
  return text;
}

const labelsOf = (spans: { label: Label }[]) => new Set(spans.map((s) => s.label));
const isEntity = (label: Label) => (ENTITY_LABELS as readonly Label[]).includes(label);

test('cut points: after a line break (CRLF kept whole) or a sentence-final 。, never inside a surrogate pair or a 《》 title', () => {
  const text = largeText(60_000);
  const cuts = sliceBoundaries(text, 1_500);
  assert.ok(cuts.length > 30, `${cuts.length - 1} slices`);
  assert.equal(cuts[0], 0);
  assert.equal(cuts.at(-1), text.length);
  let atFullStop = 0;
  for (const c of cuts.slice(1, -1)) {
    const before = text[c - 1];
    assert.ok(before === '\n' || before === '。', `cut ${c} after ${JSON.stringify(text.slice(c - 3, c + 3))}`);
    if (before === '。') {
      atFullStop++;
      assert.ok(!'”’"\'）)》」』】。！？!?…'.includes(text[c]), 'not before a closing quote');
    }
    const open = text.lastIndexOf('《', c - 1);
    assert.ok(open < 0 || text.lastIndexOf('》', c - 1) > open || text.indexOf('》', c) - open > 200, `cut ${c} inside a title`);
  }
  assert.ok(atFullStop > 0, 'the long paragraph is cut at a full stop');
  // A title that spans the only line break in reach is not cut; the slice grows to the next good cut instead.
  const titled = '甲'.repeat(90) + '《关于\n规定》' + '乙'.repeat(90) + '。\n' + '丙'.repeat(50);
  assert.deepEqual(sliceBoundaries(titled, 100), [0, titled.indexOf('乙'.repeat(90)) + 92, titled.length]);
  // Nor is a layout line break a name may run across (有限 / 公司 on two lines): the entity recogniser joins them.
  const laidOut = '甲'.repeat(90) + '某科技有限\n公司' + '乙'.repeat(40) + '。\n' + '丙'.repeat(50);
  assert.deepEqual(sliceBoundaries(laidOut, 100), [0, laidOut.indexOf('。') + 2, laidOut.length]);
  assert.deepEqual(sliceBoundaries('短文本。\n', 100), [0, 5], 'a short text is one slice');
});

test('sliced analysis gives exactly the spans and document date of one analyze() call (CRLF, astral characters)', async () => {
  const text = largeText(40_000);
  for (const options of [
    { fileName: '/news/2023-06-20-long.news' },
    { dct: '2021-03-04', groups: ['figures', 'dates'] as const },
    {},
  ]) {
    const whole = analyze(text, { ...options, groups: options.groups && [...options.groups] });
    let pauses = 0;
    const { result, failures } = await analyzeInSlices(text, { ...options, groups: options.groups && [...options.groups] }, {
      sliceLength: 1_500,
      pause: async () => {
        pauses++;
      },
    });
    assert.deepEqual(failures, []);
    assert.ok(pauses > 20, `${pauses} pauses`);
    assert.deepEqual(result.dct, whole.dct);
    assert.equal(result.spans.length, whole.spans.length);
    assert.deepEqual(result.spans, whole.spans);
  }
  // The test text exercises what it claims: astral characters before spans (code points differ from UTF-16), entities,
  // and dates resolved from an earlier date in another slice.
  const spans = analyze(text, { fileName: '/news/2023-06-20-long.news' }).spans;
  const last = spans.at(-1)!;
  assert.ok([...text].slice(last.start, last.end).join('') === last.text && text.indexOf(last.text, last.start + 1) !== last.start);
  assert.ok([...labelsOf(spans)].some(isEntity));
  assert.ok(spans.some((s) => s.text === '次日'));
});

test('a recogniser that fails is left out and named; the other groups still run in slices', async () => {
  const text = largeText(10_000);
  const { result, failures } = await analyzeInSlices(text, { dct: '2023-06-18' }, {
    sliceLength: 1_000,
    recognisers: {
      entities: () => {
        throw new Error('named-entity model not found at /x/ner.bin');
      },
    },
  });
  assert.deepEqual(failures, ['entities: named-entity model not found at /x/ner.bin']);
  assert.deepEqual(result, analyze(text, { dct: '2023-06-18', groups: ['figures', 'dates'] }));
});

test('other work runs between slices: a request queued after the start is served before the analysis ends', async () => {
  const text = largeText(30_000);
  const order: string[] = [];
  const running = analyzeInSlices(text, { groups: ['figures', 'dates'] }, { sliceLength: 2_000 }).then(() => order.push('analysis done'));
  setImmediate(() => order.push('hover answered'));
  await running;
  assert.deepEqual(order, ['hover answered', 'analysis done']);
});

/** An entity recogniser whose batches wait until the test releases them. */
function heldEntities() {
  const held: (() => void)[] = [];
  let batches = 0;
  return {
    recognise: (texts: string[]) =>
      new Promise<RawSpan[][]>((resolve) => {
        batches++;
        held.push(() => resolve(texts.map((t) => recogniseEntities(t))));
      }),
    release() {
      for (const r of held.splice(0)) r();
    },
    get batches() {
      return batches;
    },
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function cacheWith(options: ConstructorParameters<typeof AnalysisCache>[1] = {}) {
  return new AnalysisCache(new DocumentDateStore(), options);
}

test('a newer version answers the stale version’s waiters AnalysisCancelled; its own analysis equals analyze()', async () => {
  const text = largeText(20_000);
  const document = TextDocument.create('untitled:big', 'news-article', 1, text);
  const settings: AnalysisSettings = { ...DEFAULT_SETTINGS, documentDate: '2023-06-18' };
  const entities = heldEntities();
  const cache = cacheWith({ entities: entities.recognise, entityBatchChars: 4_000 });
  const stale = cache.get(document, settings);
  await turn();
  TextDocument.update(document, [{ text: '2024年1月2日，新的开头。\n' + text }], 2);
  cache.changed(document.uri, 2);
  await assert.rejects(stale, AnalysisCancelled);
  assert.equal(cache.peek(document.uri, 1), undefined, 'nothing cached for the stale version');

  const fresh = cache.get(document, settings);
  while (cache.busy(document.uri)) {
    entities.release();
    await turn();
  }
  const result = await fresh;
  assert.deepEqual(result.result, analyze(document.getText(), { dct: '2023-06-18', dctOrigin: 'setting', fileName: 'untitled:big' }));
  assert.deepEqual(cache.peek(document.uri, 2), result);
  assert.deepEqual(await cache.get(document, settings), result, 'cached for the version');
});

test('figures and dates are there at once; entities arrive paragraph batch by batch, then the analysis is complete', async () => {
  // Every paragraph different (equal paragraphs share one recognition).
  const text = largeText(12_000)
    .split('\n')
    .map((line, k) => (line.trim() ? `${line}（${k}）` : line))
    .join('\n');
  const document = TextDocument.create('untitled:partial', 'news-article', 1, text);
  const entities = heldEntities();
  const arrived: string[] = [];
  const cache = cacheWith({ entities: entities.recognise, entityBatchChars: 500, onEntities: (uri) => arrived.push(uri) });
  const now = await cache.current(document, DEFAULT_SETTINGS);
  assert.ok(now.pendingEntities > 0);
  assert.deepEqual(now.result, analyze(text, { groups: ['figures', 'dates'], fileName: 'untitled:partial' }));
  const complete = cache.get(document, DEFAULT_SETTINGS);
  entities.release();
  await turn();
  await turn();
  const later = await cache.current(document, DEFAULT_SETTINGS);
  assert.ok(later.pendingEntities < now.pendingEntities && later.pendingEntities > 0, `one batch done, more to come: ${now.pendingEntities} → ${later.pendingEntities}`);
  assert.ok([...labelsOf(later.result.spans)].some(isEntity));
  assert.deepEqual(arrived, ['untitled:partial']);
  while (cache.busy(document.uri)) {
    entities.release();
    await turn();
  }
  assert.deepEqual((await complete).result, analyze(text, { fileName: 'untitled:partial' }));
  assert.ok(entities.batches >= 3);

  // An edit: only the touched paragraph goes back to the recogniser.
  const before = entities.batches;
  TextDocument.update(document, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '张伟说，' }], 2);
  const edited = cache.get(document, DEFAULT_SETTINGS);
  await turn();
  entities.release();
  assert.deepEqual((await edited).result, analyze(document.getText(), { fileName: 'untitled:partial' }));
  assert.equal(entities.batches, before + 1);
});

test('a request for a newer version cancels the waiting one; settings changes and closing stop it too', async () => {
  const text = largeText(12_000);
  const document = TextDocument.create('untitled:big2', 'news-article', 1, text);
  const entities = heldEntities();
  const cache = cacheWith({ entities: entities.recognise });
  const first = cache.get(document, DEFAULT_SETTINGS);
  TextDocument.update(document, [{ text: text + '\n又一段。' }], 2);
  const second = cache.get(document, DEFAULT_SETTINGS);
  await assert.rejects(first, AnalysisCancelled);
  while (cache.busy(document.uri)) {
    entities.release();
    await turn();
  }
  assert.deepEqual((await second).result, analyze(document.getText(), { fileName: 'untitled:big2' }));

  TextDocument.update(document, [{ text: text + '\n另一段，李明说。' }], 3);
  const third = cache.get(document, DEFAULT_SETTINGS);
  cache.clear();
  await assert.rejects(third, AnalysisCancelled);
  TextDocument.update(document, [{ text: text + '\n另一段，王芳说。' }], 4);
  const fourth = cache.get(document, DEFAULT_SETTINGS);
  cache.forget(document.uri);
  await assert.rejects(fourth, AnalysisCancelled);
});

test('a failing entity recogniser is named once; figures and dates stay', async () => {
  const text = largeText(3_000);
  const document = TextDocument.create('untitled:broken', 'news-article', 1, text);
  const cache = cacheWith({
    entities: async () => {
      throw new Error('named-entity model not found at /x/ner.bin');
    },
  });
  const result = await cache.get(document, { ...DEFAULT_SETTINGS, documentDate: '2023-06-18' });
  assert.deepEqual(result.recogniserProblems, ['entities: named-entity model not found at /x/ner.bin']);
  assert.deepEqual(result.result, analyze(text, { dct: '2023-06-18', dctOrigin: 'setting', groups: ['figures', 'dates'] }));
});

test('above largeFileThreshold entities are skipped (and reported); figures, dates and confirmed tags stay', async () => {
  const text = largeText(6_000);
  const document = TextDocument.create('untitled:threshold', 'news-article', 1, text);
  const cache = cacheWith();
  const full = await cache.get(document, { ...DEFAULT_SETTINGS, documentDate: '2023-06-18' });
  assert.equal(full.tooLargeForEntities, undefined);
  assert.ok([...labelsOf(full.result.spans)].some(isEntity), 'below the threshold entities are suggested');

  const limited = await cache.get(document, { ...DEFAULT_SETTINGS, documentDate: '2023-06-18', largeFileThreshold: 5_000 });
  assert.deepEqual(limited.tooLargeForEntities, { length: text.length, threshold: 5_000 });
  assert.ok(![...labelsOf(limited.result.spans)].some(isEntity), 'no entity suggestions above the threshold');
  assert.deepEqual(limited.result, analyze(text, { dct: '2023-06-18', dctOrigin: 'setting', groups: ['figures', 'dates'] }));

  const unlimited = await cache.get(document, { ...DEFAULT_SETTINGS, documentDate: '2023-06-18', largeFileThreshold: 0 });
  assert.equal(unlimited.tooLargeForEntities, undefined, '0: no limit');
  assert.deepEqual(unlimited.result, full.result);
  const noEntities = await cache.get(document, {
    ...DEFAULT_SETTINGS,
    labels: { enabled: { figures: true, dates: true, entities: false } },
    largeFileThreshold: 5_000,
  });
  assert.equal(noEntities.tooLargeForEntities, undefined, 'nothing to report when entities are switched off anyway');

  // The tagging store keeps confirmed tags whatever the analysis suggests; manual entity tags still work.
  const store = new DocumentAnnotations(text);
  store.setMachineSpans(full.result.spans);
  const entity = store.suggestions().find((s) => isEntity(s.label))!;
  assert.ok(store.accept(entity.start).ok);
  store.setMachineSpans(limited.result.spans);
  assert.deepEqual(store.tags().map((t) => [t.start, t.end, t.label]), [[entity.start, entity.end, entity.label]]);
  assert.ok(!store.suggestions().some((s) => isEntity(s.label)));
  assert.ok(store.suggestions().length > 0, 'figure and date suggestions remain');
  const figure = store.suggestions()[0];
  assert.ok(store.accept(figure.start).ok);
  assert.equal(store.tags().length, 2);
});

