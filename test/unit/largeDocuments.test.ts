// Large documents in the language server (lsp/documentAnalysis.ts over analysis/incrementalAnalysis.ts): analysed in
// steps with the event loop getting turns, the same result as one analyze() call, figures and dates at once and
// entities as they arrive, stale versions dropped, and above newsAnnotator.largeFileThreshold entities skipped while
// figures, dates and confirmed tags stay.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis/analyze';
import { AnalysisCache, AnalysisCancelled, AnalysisSettings, DEFAULT_SETTINGS } from '../../server/src/lsp/documentAnalysis';
import { DocumentDateStore } from '../../server/src/core/documentDateStore';
import { DocumentAnnotations } from '../../server/src/annotations/documentAnnotations';
import { ENTITY_LABELS, Label } from '../../server/src/core/types';
import type { RawSpan } from '../../server/src/core/types';
import { UnitEntities, recogniseEntityUnits } from '../../server/src/ner/entities';
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

/** An entity recogniser whose batches wait until the test releases them. */
function heldEntities() {
  const held: (() => void)[] = [];
  let batches = 0;
  return {
    recognise: (texts: string[]) =>
      new Promise<UnitEntities[]>((resolve) => {
        batches++;
        held.push(() => resolve(recogniseEntityUnits(texts)));
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

test('other work runs while a large article is analysed: a request queued after the start is served first', async () => {
  const text = largeText(300_000);
  const document = TextDocument.create('untitled:long', 'news-article', 1, text);
  const cache = cacheWith();
  const settings: AnalysisSettings = { ...DEFAULT_SETTINGS, documentDate: '2023-06-18', labels: { enabled: { figures: true, dates: true, entities: false } } };
  const order: string[] = [];
  const running = cache.current(document, settings).then(() => order.push('analysis done'));
  setImmediate(() => order.push('hover answered'));
  await running;
  assert.deepEqual(order, ['hover answered', 'analysis done']);
});

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

