// Large documents in the language server: analysis in slices (same result as one call, the event loop gets turns),
// a newer version cancels a stale run, and above newsAnnotator.largeFileThreshold entities are skipped while
// figures, dates and confirmed tags stay.
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

const corpus = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const articles = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith('.news') || (f.endsWith('.txt') && f !== 'README.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(corpus, f), 'utf8'));

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
  const titled = '甲'.repeat(90) + '《关于\n规定》' + '乙'.repeat(90) + '\n' + '丙'.repeat(50);
  assert.deepEqual(sliceBoundaries(titled, 100), [0, titled.indexOf('乙'.repeat(90)) + 91, titled.length]);
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

function cacheWith(pause: () => Promise<void>) {
  return new AnalysisCache(new DocumentDateStore(), { sliceLength: 1_000, debounceMs: 0, pause });
}

test('a newer version cancels the stale analysis, which stops at its next slice', async () => {
  const text = largeText(20_000);
  const slices = sliceBoundaries(text, 1_000).length - 1;
  const document = TextDocument.create('untitled:big', 'news-article', 1, text);
  const settings: AnalysisSettings = { ...DEFAULT_SETTINGS, documentDate: '2023-06-18' };
  let pauses = 0;
  let cache: AnalysisCache;
  const pause = async () => {
    pauses++;
    if (pauses === 3) {
      TextDocument.update(document, [{ text: '2024年1月2日，新的开头。\n' + text }], 2);
      cache.changed(document.uri, 2);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  cache = cacheWith(pause);
  const stale = cache.get(document, settings);
  assert.equal(cache.get(document, settings), stale, 'a second request for the same version shares the running analysis');
  await assert.rejects(stale, AnalysisCancelled);
  assert.ok(pauses < slices, `stopped after ${pauses} of ${slices + 2} steps`);
  assert.equal(cache.peek(document.uri, 1), undefined, 'nothing cached for the stale version');

  const fresh = await cache.get(document, settings);
  assert.deepEqual(fresh.result, analyze(document.getText(), { dct: '2023-06-18', dctOrigin: 'setting', fileName: 'untitled:big' }));
  assert.equal(cache.peek(document.uri, 2), fresh);
  assert.equal(await cache.get(document, settings), fresh, 'cached for the version');
  assert.equal(cache.busy(document.uri), false);
});

test('a request for a newer version cancels the running one; settings changes and closing stop it too', async () => {
  const text = largeText(12_000);
  const document = TextDocument.create('untitled:big2', 'news-article', 1, text);
  const cache = cacheWith(() => new Promise<void>((resolve) => setImmediate(resolve)));
  const first = cache.get(document, DEFAULT_SETTINGS);
  TextDocument.update(document, [{ text: text + '\n又一段。' }], 2);
  const second = cache.get(document, DEFAULT_SETTINGS);
  await assert.rejects(first, AnalysisCancelled);
  assert.equal((await second).result.spans.length, analyze(document.getText(), { fileName: 'untitled:big2' }).spans.length);

  TextDocument.update(document, [{ text }], 3);
  const third = cache.get(document, DEFAULT_SETTINGS);
  cache.clear();
  await assert.rejects(third, AnalysisCancelled);
  const fourth = cache.get(document, DEFAULT_SETTINGS);
  cache.forget(document.uri);
  await assert.rejects(fourth, AnalysisCancelled);
});

test('above largeFileThreshold entities are skipped (and reported); figures, dates and confirmed tags stay', async () => {
  const text = largeText(6_000);
  const document = TextDocument.create('untitled:threshold', 'news-article', 1, text);
  const cache = cacheWith(async () => {});
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

test('re-analysis of a long document waits for a pause in typing, and a keystroke during the wait replaces it', async () => {
  const text = largeText(3_000);
  const document = TextDocument.create('untitled:typing', 'news-article', 1, text);
  const cache = new AnalysisCache(new DocumentDateStore(), { sliceLength: 1_000, debounceMs: 150 });
  cache.changed(document.uri, 1); // the server reports an opened document as a change too
  await cache.get(document, DEFAULT_SETTINGS);
  TextDocument.update(document, [{ text: text + '。' }], 2);
  cache.changed(document.uri, 2);
  const t0 = performance.now();
  const edited = cache.get(document, DEFAULT_SETTINGS);
  await new Promise((r) => setTimeout(r, 50));
  TextDocument.update(document, [{ text: text + '。。' }], 3);
  cache.changed(document.uri, 3);
  const latest = cache.get(document, DEFAULT_SETTINGS);
  await assert.rejects(edited, AnalysisCancelled, 'the keystroke 50 ms later replaces the waiting run');
  const result = await latest;
  const typedMs = performance.now() - t0;
  assert.ok(typedMs >= 50 + 150 - 5, `analysed ${typedMs.toFixed(0)} ms after the first keystroke, 150 ms after the last`);
  assert.equal(result, cache.peek(document.uri, 3));
});
