// Incremental analysis (server/src/analysis/incrementalAnalysis.ts): after any sequence of edits, the spans and the
// document date equal one analyze() call on the final text; an edit re-analyses only the units near it.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { RandomEdit, applyEdit, randomEdit } from './support/randomEdits';
import { analyze } from '../../server/src/analysis/analyze';
import { recogniseEntityUnits } from '../../server/src/ner/entities';
import { IncrementalAnalysis, unitBoundaries } from '../../server/src/analysis/incrementalAnalysis';
import { LabelGroup } from '../../server/src/core/types';
import { sampleArticles } from '../fixtures/sampleCorpus';

const articles = sampleArticles();

/** Pieces edits insert: dates leaning on earlier dates, ranges across a line break, titles, figures, astral text. */
const PIECES = [
  '2023年6月18日', '当天', '次日', '同年10月', '6月1日至\n30日', '至30日', '\n', '\r\n', '。', '《关于\n统计的规定》',
  '《', '》', '3.5亿元', '12.5%', '第三届', '约300余家', '王毅会见了法国外长', '国家统计局', '𠮷😀', '下午5:00到6:00',
  '日期：2024-01-02\n', '去年同期', '，', ' ', '上海', '5月份', '2022年', '20', '日',
  // ranges joined into one span, also across a line break or a sentence end
  '2023年1月至\n6月', '从2023年1月 至 6月', '9月3日22:30至\n次日凌晨2点', '1日。至5日', '至', '——', '每天', '周一到周五', '每天早上7点', '。每', '天\n', '3点', '早上', '日。\n', '《a》',
];

const editArb = randomEdit(PIECES, 30);

/** A name the model cuts in each sentence, made whole by the document-level pass (ner/documentConsistency.ts). */
const REPEATED = '乡长郑全军得知此事后，立即赶到现场。郑全军又找到村干部商量。\n大家都说郑全军是个好干部。\n';
const base = articles.join('\n') + '\n李明说，次日在上海召开的会议将讨论《关于\n统计的规定》第3条。6月1日至\n5日举行。\n' + REPEATED;

function check(groups: LabelGroup[], runs: number, entities: boolean) {
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 12 }), fc.constantFrom('', '2023-06-18'), (edits: RandomEdit[], dct: string) => {
      const engine = new IncrementalAnalysis({ groups, dct: dct || undefined, fileName: 'article.news' });
      let text = base;
      engine.update(text);
      if (entities) fillEntities(engine);
      for (const e of edits) {
        text = applyEdit(text, e);
        engine.update(text);
        if (entities) {
          fillEntities(engine);
          // the document's names are brought up to date after each edit (as the editor reads its tokens), not at the end
          assert.deepEqual(engine.result(), analyze(text, { groups, dct: dct || undefined, fileName: 'article.news' }));
        }
      }
      const expected = analyze(text, { groups, dct: dct || undefined, fileName: 'article.news' });
      assert.deepEqual(engine.result(), expected);
    }),
    { numRuns: runs },
  );
}

function fillEntities(engine: IncrementalAnalysis) {
  for (let texts = engine.pendingEntityTexts(); texts.length; texts = engine.pendingEntityTexts()) {
    engine.addEntities(texts, recogniseEntityUnits(texts));
  }
}

test('the document-level entity pass runs over all units: a name cut in each unit is whole in each, as analyze() makes it', () => {
  const engine = new IncrementalAnalysis({ groups: ['entities'] });
  let text = '前文。\n' + REPEATED;
  engine.update(text);
  fillEntities(engine);
  const names = (spans: readonly { text: string; label: string }[]) => spans.filter((s) => s.text.startsWith('郑')).map((s) => `${s.label} ${s.text}`);
  assert.deepEqual(names(engine.result().spans), ['PER 郑全军', 'PER 郑全军', 'PER 郑全军']);
  assert.deepEqual(engine.result(), analyze(text, { groups: ['entities'] }));
  // one unit's spans as the editor reads them (segments): whole there too
  const inUnit: string[] = [];
  engine.segments((seg) => (inUnit.push(...names(seg.spans)), true));
  assert.deepEqual(inUnit, ['PER 郑全军', 'PER 郑全军', 'PER 郑全军']);
  // the evidence goes with an edit (two of the three occurrences renamed): the table changes, and so do the others
  text = text.replace('乡长郑全军', '乡长王明').replace('郑全军又', '王明又');
  engine.update(text);
  fillEntities(engine);
  assert.deepEqual(engine.result(), analyze(text, { groups: ['entities'] }));
  assert.notDeepEqual(names(engine.result().spans), ['PER 郑全军']);
});

test('units: cuts after line breaks and sentence-final 。, none inside a 《》 title; any stretch is cut as the whole text is', () => {
  const text = '第一段。”引语\n《关于\n规定》后文。再一句：\r\n末尾';
  const cuts = unitBoundaries(text);
  assert.deepEqual(cuts.map((c) => text.slice(0, c).slice(-2)), ['', '语\n', '文。', '\r\n', '末尾']);
  assert.deepEqual(unitBoundaries(text, cuts[1], text.length), cuts.slice(1));
});

test('units: no cut inside a layout line break a name runs across (有限 / 公司 on two lines), so a unit keeps the whole name', () => {
  const text = '温州某科技有限\r\n\r\n公司签约。\n下一段\n\n\n另起一块';
  const cuts = unitBoundaries(text);
  // the name's two lines stay one unit; after a sentence end, and across two blank lines, lines are cut as before
  assert.deepEqual(cuts.map((c) => text.slice(c, c + 2)), ['温州', '\n下', '下一', '\n\n', '\n另', '另起', '']);
  for (let k = 1; k < cuts.length - 1; k++) assert.deepEqual(unitBoundaries(text, cuts[k], text.length), cuts.slice(k));
  const engine = new IncrementalAnalysis({ groups: ['entities'] });
  engine.update('前文。\n' + text);
  fillEntities(engine);
  const fresh = analyze('前文。\n' + text, { groups: ['entities'] });
  assert.ok(fresh.spans.some((s) => s.text.includes('有限\r\n\r\n公司')), JSON.stringify(fresh.spans));
  assert.deepEqual(engine.result(), fresh);
});

test('figures and dates: after random edits the incremental result equals analyze() of the final text', () => {
  check(['figures', 'dates'], 60, false);
});

test('with entities: after random edits the incremental result equals analyze() of the final text', () => {
  check(['figures', 'dates', 'entities'], 10, true);
});

test('an edit re-analyses only the units near it, and dates only until the scan state is the same again', () => {
  const text = (base + '\n').repeat(40);
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates'] });
  engine.update(text);
  const at = Math.floor(text.length / 2);
  const stats = engine.update(text.slice(0, at) + '好' + text.slice(at));
  assert.ok(stats.charsReanalysed < 3_000, `re-analysed ${stats.charsReanalysed} of ${text.length} characters`);
  assert.ok(stats.dateUnitsRescanned < 30, `re-scanned dates of ${stats.dateUnitsRescanned} units`);
});

test('entities arrive later: figures and dates first, the units already recognised keep theirs across edits', () => {
  const engine = new IncrementalAnalysis({ groups: ['figures', 'dates', 'entities'], dct: '2023-06-18' });
  engine.update(base);
  assert.equal(engine.complete, false);
  const partial = engine.result();
  assert.ok(partial.spans.length > 0 && partial.spans.every((s) => !['PER', 'LOC', 'ORG'].includes(s.label)));
  fillEntities(engine);
  assert.equal(engine.complete, true);
  const edited = base.replace('李明说', '李明表示');
  engine.update(edited);
  assert.equal(engine.pendingUnits, 1, 'only the edited unit waits for entities');
  fillEntities(engine);
  assert.deepEqual(engine.result(), analyze(edited, { dct: '2023-06-18' }));
});
