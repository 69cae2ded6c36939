// The document-level pass over entity spans (server/src/ner/documentConsistency.ts): names found with good
// confidence are suggested at their other occurrences, with the guards users rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentNames, NameTable, NamesContribution, commonWords, documentNameTable, spreadDocumentNames } from '../../server/src/ner/documentConsistency';
import { recogniseEntityUnits } from '../../server/src/ner/entities';
import { sampleArticles } from '../fixtures/sampleCorpus';
import { jiebaTag } from '../../server/src/ner/features';
import type { EntitySpan } from '../../server/src/ner/postRules';

const span = (text: string, name: string, label: EntitySpan['label'], confidence: number, from = 0): EntitySpan => {
  const start = text.indexOf(name, from);
  assert.ok(start >= 0, `${name} in ${text}`);
  return { start, end: start + name.length, label, confidence };
};
/** Where the word tagger's words start and end in the text (what the recogniser reports for its decoding units). */
const bounds = (text: string): number[] => {
  const out = [0];
  for (const { word } of jiebaTag(text)) out.push(out[out.length - 1] + word.length);
  return out;
};
const spread = (texts: string[], spans: EntitySpan[][]) =>
  spreadDocumentNames(texts.map((text, k) => ({ text, spans: spans[k], wordBounds: bounds(text), common: commonWords(text, spans[k]) })));
const shown = (text: string, spans: readonly EntitySpan[]) => spans.map((s) => `${s.label} ${text.slice(s.start, s.end)}`);

test('a name found with good confidence is suggested where the model missed it, in other paragraphs too, with a lower confidence', () => {
  const texts = ['中队长唐四清带领战士赶到现场。', '唐四清一个猛子扎进水里，唐四清的战友们随后赶到。'];
  const out = spread(texts, [[span(texts[0], '唐四清', 'PER', 0.97)], []]);
  assert.deepEqual(shown(texts[0], out[0]), ['PER 唐四清']);
  assert.deepEqual(shown(texts[1], out[1]), ['PER 唐四清', 'PER 唐四清']);
  assert.ok(out[1][0].confidence < 0.97 && out[1][0].confidence > 0.8);
});

test('a cut name inside an occurrence is replaced by the whole name; a longer span around an occurrence stays', () => {
  const text = '唐四清说，唐四清的家在北京。北京大学的学生来看唐四清。';
  const spans = [span(text, '唐四清', 'PER', 0.95), span(text, '唐四', 'PER', 0.3, 5), span(text, '北京', 'LOC', 0.99), span(text, '北京大学', 'ORG', 0.95)];
  const out = spread([text], [spans])[0];
  assert.deepEqual(shown(text, out), ['PER 唐四清', 'PER 唐四清', 'LOC 北京', 'ORG 北京大学', 'PER 唐四清']);
});

test('weak evidence, a common word, a name of two types, or an occurrence cutting through a word of the word tagger (张|华东) are not spread', () => {
  const weak = '记者王小明报道。王小明说。';
  assert.deepEqual(shown(weak, spread([weak], [[span(weak, '王小明', 'PER', 0.5)]])[0]), ['PER 王小明']);
  const common = '发展是硬道理，要发展经济。';
  assert.deepEqual(shown(common, spread([common], [[span(common, '发展', 'LOC', 0.95)]])[0]), ['LOC 发展']);
  const twoTypes = '贞雅说。贞雅有一个家。贞雅今年39岁。';
  const both = [span(twoTypes, '贞雅', 'PER', 0.95), span(twoTypes, '贞雅', 'LOC', 0.95, 3)];
  assert.deepEqual(shown(twoTypes, spread([twoTypes], [both])[0]), ['PER 贞雅', 'LOC 贞雅']);
  const road = '张华来了。张华东说，他不去。';
  assert.deepEqual(shown(road, spread([road], [[span(road, '张华', 'PER', 0.95)]])[0]), ['PER 张华']);
});

test('a two-character name always followed by the same character, with different text after it, is completed to three', () => {
  const texts = ['裁军大使李长和9日在日内瓦发言。', '李长和说，谈判还要继续。'];
  const out = spread(texts, [[span(texts[0], '李长', 'PER', 0.75)], [span(texts[1], '李长', 'PER', 0.74)]]);
  assert.deepEqual(shown(texts[0], out[0]), ['PER 李长和']);
  assert.deepEqual(shown(texts[1], out[1]), ['PER 李长和']);
  // the same character and the same text after it every time: a word goes on (于青报道), nothing completed
  const byline = ['记者于青报道：会议开幕。', '记者于青报道：会议闭幕。'];
  const kept = spread(byline, byline.map((t) => [span(t, '于青', 'PER', 0.8)]));
  assert.deepEqual(kept.map((s, k) => shown(byline[k], s)), [['PER 于青'], ['PER 于青']]);
});

test('analyze(): a name the model cuts in every sentence is one PER at each occurrence, also in a long text', async () => {
  const { analyze } = await import('../../server/src/analysis/analyze');
  const article = '乡长郑全军得知此事后，立即赶到现场。郑全军又找到村干部商量。大家都说郑全军是个好干部。\n';
  const names = (spans: { label: string; text: string }[]) => spans.filter((s) => s.text.startsWith('郑')).map((s) => `${s.label} ${s.text}`);
  assert.deepEqual(names(analyze(article, { groups: ['entities'] }).spans), ['PER 郑全军', 'PER 郑全军', 'PER 郑全军']);
  // without the pass the model's cut spans stay
  assert.notDeepEqual(names(analyze(article, { groups: ['entities'], documentNames: false }).spans), ['PER 郑全军', 'PER 郑全军', 'PER 郑全军']);
  const text = ('新华社北京6月18日电 国务院总理李强主持召开国务院常务会议。\n'.repeat(40) + article).repeat(3);
  assert.deepEqual(names(analyze(text).spans), Array(9).fill('PER 郑全军'));
});

test('the name table kept as paragraphs come and go is the table of the paragraphs there, and says which names changed', () => {
  // paragraphs of the sample corpus with the model's spans, and some with a name the model cuts (completed by the pass)
  const texts = [
    ...sampleArticles().join('\n').split(/(?<=[。\n])/).filter((t) => t.trim()),
    '乡长郑全军得知此事后，立即赶到现场。', '郑全军又找到村干部商量。', '大家都说郑全军是个好干部。', '记者王小明报道。', '王小明说。',
    // another character after the cut name (no completion while it is there), and the whole name found
    '郑全说了。', '郑全军很忙。',
  ];
  const units = recogniseEntityUnits(texts);
  const parts = texts.map((text, k) => ({ text, spans: units[k].spans as EntitySpan[], common: units[k].common }));
  const entries = (table: NameTable) => [...table.byFirst.values()].flat().map((e) => `${e.name} ${e.label} ${e.confidence}`).sort();
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(parts.length - 1)), { minLength: 1, maxLength: 60 }), (ops) => {
      const names = new DocumentNames();
      const present = new Map<number, NamesContribution[]>();
      let before = entries(names.table);
      for (const [add, k] of ops) {
        const list = present.get(k) ?? [];
        if (add) list.push(names.add(parts[k]));
        else if (list.length) names.remove(list.pop()!);
        present.set(k, list);
        const changed = names.update();
        const now = entries(names.table);
        const fresh = documentNameTable([...present].flatMap(([j, l]) => l.map(() => parts[j])));
        assert.deepEqual(now, entries(fresh));
        // every entry added, changed or removed is among the names said to have changed
        const diff = [...new Set([...before, ...now])].filter((e) => before.includes(e) !== now.includes(e)).map((e) => e.split(' ')[0]);
        for (const name of diff) assert.ok(changed.has(name), `${name} changed`);
        // longest first at each first character
        for (const list of names.table.byFirst.values()) for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].name.length >= list[i].name.length);
        before = now;
      }
    }),
    { numRuns: 40, seed: 5 },
  );
});
