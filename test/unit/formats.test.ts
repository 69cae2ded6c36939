// Export → import round trips for every dataset format, on a corpus with astral characters, CRLF, normalised values,
// spaces inside tags, nested folders, an empty document and (for formats that allow it) overlapping tags.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FORMAT_NAMES, FormatName } from '../../server/src/formats/datasetFormat';
import { exportCorpus, exportDocuments } from '../../server/src/formats/exportCorpus';
import { importDataset } from '../../server/src/formats/importDataset';
import { listCorpus, loadDocument } from '../../server/src/formats/corpus';
import { FORMATS } from '../../server/src/formats/registry';
import { FormatError, LabelledDocument, CancelledError } from '../../server/src/formats/document';
import { Span } from '../../server/src/core/types';

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(name: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `na-formats-${name}-`));
  made.push(d);
  return d;
}

/** Writes an article and its .ann (written by hand here, independently of the exporters). */
function article(dir: string, rel: string, text: string, ann?: string): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  if (ann !== undefined) fs.writeFileSync(p.replace(/\.[^.]+$/, '.ann'), ann);
}

// 𠮷 is astral (two UTF-16 units, one code point); \r\n counts as two characters.
const TEXT_A = '𠮷野家在杭州市开店。\r\n投资约3.5亿元！增长12.5%，3至5年内完成。\r\n（记者 李 明）2023年6月18日';
const ANN_A = [
  'T1\tORG 0 3\t𠮷野家',
  'T2\tLOC 4 7\t杭州市',
  'T3\tMONEY 14 20\t约3.5亿元',
  '#1\tAnnotatorNotes T3\tvalue=350000000 unit=CNY mod=approx',
  'T4\tPERCENT 23 28\t12.5%',
  '#2\tAnnotatorNotes T4\tvalue=0.125',
  'T5\tDURATION 29 33\t3至5年',
  '#3\tAnnotatorNotes T5\tvalue=3 valueMax=5 unit=年 timex=P3Y',
  'T6\tPER 43 46\t李 明',
  'T7\tDATE 47 57\t2023年6月18日',
  '#4\tAnnotatorNotes T7\ttimex=2023-06-18',
  '',
].join('\n');
const TEXT_B = '浙江省温州市鹿城区委书记说：“𪚥\\字\t测试”';
const ANN_B = 'T1\tLOC 0 3\t浙江省\nT2\tLOC 3 6\t温州市\nT3\tORG 6 10\t鹿城区委\n';
// overlapping tags: LOC inside ORG
const TEXT_O = '杭州市财政局发布通知。';
const ANN_O = 'T1\tORG 0 6\t杭州市财政局\nT2\tLOC 0 3\t杭州市\n';

function flatCorpus(): string {
  const dir = tmp('corpus');
  article(dir, 'a.txt', TEXT_A, ANN_A);
  article(dir, 'sub/b.news', TEXT_B, ANN_B);
  article(dir, 'empty.txt', '', '');
  article(dir, 'untagged.txt', '没有标注的句子。\n第二行');
  return dir;
}

type Comparable = { id: string; text: string; spans: Array<Omit<Span, 'confidence'>> };

function readBack(dir: string): Comparable[] {
  return listCorpus([dir]).map((e) => {
    const d = loadDocument(e);
    const spans = d.spans
      .map(({ confidence: _c, ...s }) => s)
      .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
    return { id: d.id, text: d.text, spans };
  });
}

for (const format of FORMAT_NAMES) {
  test(`${format}: export → import gives back the same documents, texts, tags and values`, async () => {
    const corpus = flatCorpus();
    const out = tmp(`out-${format}`);
    const summary = await exportCorpus({ format, paths: [corpus], outDir: out });
    assert.equal(summary.documents, 4);
    assert.deepEqual(summary.warnings, []);
    assert.deepEqual(summary.tagsPerLabel, { ORG: 2, LOC: 3, MONEY: 1, PERCENT: 1, DURATION: 1, PER: 1, DATE: 1 });
    const into = tmp(`into-${format}`);
    const imported = await importDataset({ format, inputs: [out], intoDir: into });
    assert.deepEqual(imported.problems, []);
    assert.deepEqual(imported.conflicts, []);
    assert.equal(imported.documents, 4);
    assert.equal(imported.tagsAdded, 10);
    const original = readBack(corpus);
    const back = readBack(into);
    assert.deepEqual(back.map((d) => d.id).sort(), original.map((d) => d.id).sort());
    for (const d of original) {
      const b = back.find((x) => x.id === d.id)!;
      assert.equal(b.text, d.text, `${format}: text of ${d.id}`);
      assert.deepEqual(b.spans, d.spans, `${format}: tags of ${d.id}`);
    }
    // importing the same export again adds nothing
    const again = await importDataset({ format, inputs: [out], intoDir: into });
    assert.equal(again.tagsAdded, 0);
    assert.equal(again.duplicates, 10);
    assert.deepEqual(readBack(into), back);
  });
}

const OVERLAP_FORMATS = FORMAT_NAMES.filter((f) => FORMATS[f].canOverlap);
const FLAT_FORMATS = FORMAT_NAMES.filter((f) => !FORMATS[f].canOverlap);

test('formats that cannot hold overlapping tags are exactly the token formats', () => {
  assert.deepEqual(OVERLAP_FORMATS, ['doccano', 'label-studio', 'brat', 'spacy']);
  assert.deepEqual(FLAT_FORMATS, ['conll-bio', 'conll-bioes', 'conll-word', 'hf']);
});

for (const format of OVERLAP_FORMATS) {
  test(`${format}: overlapping tags survive the round trip`, async () => {
    const corpus = tmp('overlap');
    article(corpus, 'o.txt', TEXT_O, ANN_O);
    const out = tmp(`out-${format}`);
    const s = await exportCorpus({ format, paths: [corpus], outDir: out });
    assert.deepEqual(s.warnings, []);
    const into = tmp(`into-${format}`);
    await importDataset({ format, inputs: [out], intoDir: into });
    assert.deepEqual(readBack(into), readBack(corpus));
  });
}

for (const format of FLAT_FORMATS) {
  test(`${format}: an overlapping tag is left out with a warning naming file and tag, never silently`, async () => {
    const corpus = tmp('overlap');
    article(corpus, 'o.txt', TEXT_O, ANN_O);
    const out = tmp(`out-${format}`);
    const seen: string[] = [];
    const s = await exportCorpus({ format, paths: [corpus], outDir: out }, { onWarning: (m) => seen.push(m) });
    assert.equal(s.warnings.length, 1);
    assert.deepEqual(seen, s.warnings);
    assert.match(s.warnings[0], /o\.txt/);
    assert.match(s.warnings[0], /LOC \[0, 3\) "杭州市"/);
    assert.match(s.warnings[0], /overlaps ORG \[0, 6\)/);
    const into = tmp(`into-${format}`);
    await importDataset({ format, inputs: [out], intoDir: into });
    const [doc] = readBack(into);
    assert.deepEqual(doc.spans.map((x) => [x.start, x.end, x.label]), [[0, 6, 'ORG']]);
  });
}

const SUGGESTING: LabelledDocument = {
  id: 'news/s1',
  text: '𠮷利公司在上海投资2亿元。',
  spans: [{ start: 0, end: 4, label: 'ORG', text: '𠮷利公司' }],
  suggestions: [
    { start: 5, end: 7, label: 'LOC', text: '上海' },
    { start: 9, end: 12, label: 'MONEY', text: '2亿元', value: 200000000, unit: 'CNY', confidence: 0.9 },
  ],
};

for (const format of FORMAT_NAMES) {
  test(`${format}: suggestions are marked as such and only imported as tags when asked`, async () => {
    const out = tmp(`out-${format}`);
    const s = await exportDocuments([SUGGESTING], { format, outDir: out });
    assert.deepEqual(s.suggestionsPerLabel, { LOC: 1, MONEY: 1 });
    const into = tmp('into');
    const plain = await importDataset({ format, inputs: [out], intoDir: into });
    assert.equal(plain.tagsAdded, 1);
    assert.equal(plain.suggestionsSkipped, 2);
    const into2 = tmp('into2');
    const all = await importDataset({ format, inputs: [out], intoDir: into2, includeSuggestions: true });
    assert.equal(all.tagsAdded, 3);
    const [doc] = readBack(into2);
    assert.equal(doc.id, 'news/s1');
    assert.deepEqual(doc.spans.map((x) => [x.label, x.text, x.value, x.unit]), [
      ['ORG', '𠮷利公司', undefined, undefined],
      ['LOC', '上海', undefined, undefined],
      ['MONEY', '2亿元', 200000000, 'CNY'],
    ]);
  });
}

test('suggestions from the corpus: analysis output minus rejected ones minus those overlapping a confirmed tag', async () => {
  const corpus = tmp('suggest');
  article(corpus, 'n.txt', '杭州市投资3.5亿元，增长12%。', 'T1\tLOC 0 3\t杭州市\n');
  fs.writeFileSync(path.join(corpus, 'n.review.json'), JSON.stringify({ version: 1, reviewed: false, rejected: [{ label: 'PERCENT', start: 13, end: 16, text: '12%' }] }));
  const seen: string[] = [];
  const suggest = (text: string, o: { fileName?: string }) => {
    seen.push(`${o.fileName}:${text.length}`);
    return [
      { start: 0, end: 2, label: 'LOC' as const, text: '杭州' }, // overlaps the confirmed tag
      { start: 5, end: 10, label: 'MONEY' as const, text: '3.5亿元', value: 350000000, unit: 'CNY' },
      { start: 13, end: 16, label: 'PERCENT' as const, text: '12%', value: 0.12 }, // rejected
    ];
  };
  const out = tmp('out');
  const s = await exportCorpus({ format: 'doccano', paths: [corpus], outDir: out, includeSuggestions: true, suggest });
  assert.deepEqual(seen, ['n.txt:17']);
  assert.deepEqual(s.tagsPerLabel, { LOC: 1 });
  assert.deepEqual(s.suggestionsPerLabel, { MONEY: 1 });
  const line = JSON.parse(fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8'));
  assert.deepEqual(line.label, [[0, 3, 'LOC'], [5, 10, 'MONEY']]);
  assert.deepEqual(line.suggestions, [[5, 10, 'MONEY']]);
  // without the option, no analysis runs and only tags are exported
  seen.length = 0;
  await exportCorpus({ format: 'doccano', paths: [corpus], outDir: out, suggest });
  assert.deepEqual(seen, []);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8')).label, [[0, 3, 'LOC']]);
});

test('malformed .ann lines and discontinuous spans are reported as warnings, the rest is exported', async () => {
  const corpus = tmp('warn');
  article(corpus, 'w.txt', '上海和北京', 'T1\tLOC 0 2\t上海\nT2\tLOC 0 1;3 4\t上北\nbroken line\nT3\tLOC 3 5\t北京\n');
  const s = await exportCorpus({ format: 'spacy', paths: [corpus], outDir: tmp('out') });
  assert.equal(s.warnings.length, 2);
  assert.match(s.warnings[0], /w\.ann:3: .*\(line not exported\)/);
  assert.match(s.warnings[1], /w\.ann: T2 LOC is a discontinuous span; it is not exported/);
  assert.deepEqual(s.tagsPerLabel, { LOC: 2 });
});

test('a tag that does not match its text leaves that document out, naming the file and the tag; the rest is exported', async () => {
  const corpus = tmp('bad');
  article(corpus, 'ok.txt', '上海', 'T1\tLOC 0 2\t上海\n');
  article(corpus, 'bad.txt', '投资3.5亿元。', 'T1\tLOC 0 2\t投资\nT2\tMONEY 3 8\t3.5亿元\n');
  const out = tmp('out');
  const s = await exportCorpus({ format: 'doccano', paths: [corpus], outDir: out });
  assert.equal(s.documents, 1);
  assert.equal(s.documentsSkipped, 1);
  assert.equal(s.warnings.length, 1);
  assert.match(s.warnings[0], /bad\.ann: tag T2 MONEY \[3, 8\) "3\.5亿元" does not match bad\.txt, which has "\.5亿元。" there; document not exported/);
  assert.deepEqual(fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).document), ['ok']);
  // an in-memory document with a stale tag is refused the same way
  await assert.rejects(
    exportDocuments([{ id: 'x', text: 'abc', spans: [{ start: 0, end: 2, label: 'ORG', text: 'bc' }] }], { format: 'hf', outDir: tmp('out') }),
    /x: tag ORG \[0, 2\) "bc" does not match the text, which has "ab" there/,
  );
});

test('splits: by document, ratios respected, the same seed gives the same split, another seed another', async () => {
  const corpus = tmp('split');
  for (let i = 0; i < 20; i++) article(corpus, `d${String(i).padStart(2, '0')}.txt`, `文档${i}。`, '');
  const run = async (seed: number) => {
    const out = tmp('out');
    const s = await exportCorpus({ format: 'doccano', paths: [corpus], outDir: out, split: { ratios: [0.8, 0.1, 0.1], seed } });
    const ids = (f: string) =>
      fs.readFileSync(path.join(out, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l).document as string);
    return { s, train: ids('train.jsonl'), dev: ids('dev.jsonl'), test: ids('test.jsonl') };
  };
  const a = await run(7);
  const b = await run(7);
  const c = await run(8);
  assert.deepEqual(a.s.documentsPerSplit, { train: 16, dev: 2, test: 2 });
  assert.deepEqual([a.train, a.dev, a.test], [b.train, b.dev, b.test]);
  assert.notDeepEqual([a.train, a.dev, a.test], [c.train, c.dev, c.test]);
  const all = [...a.train, ...a.dev, ...a.test].sort();
  assert.equal(new Set(all).size, 20);
});

for (const format of FORMAT_NAMES) {
  test(`${format}: documents exported into train/dev/test come back under their own ids`, async () => {
    const corpus = flatCorpus();
    const out = tmp(`out-${format}`);
    const s = await exportCorpus({ format, paths: [corpus], outDir: out, split: { ratios: [0.5, 0.25, 0.25], seed: 9 } });
    assert.deepEqual(s.documentsPerSplit, { train: 2, dev: 1, test: 1 });
    const into = tmp(`into-${format}`);
    const r = await importDataset({ format, inputs: [out], intoDir: into });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(readBack(into).map((d) => d.id).sort(), ['a', 'empty', 'sub/b', 'untagged']);
  });
}

test('progress is reported per document and an aborted export stops with CancelledError', async () => {
  const corpus = tmp('progress');
  for (let i = 0; i < 120; i++) article(corpus, `d${i}.txt`, `第${i}篇。`, '');
  const seen: number[] = [];
  await exportCorpus({ format: 'spacy', paths: [corpus], outDir: tmp('out') }, { onProgress: (p) => seen.push(p.done, p.total) });
  assert.equal(seen.length, 240);
  assert.deepEqual(seen.slice(-2), [120, 120]);
  const controller = new AbortController();
  let done = 0;
  await assert.rejects(
    exportCorpus({ format: 'spacy', paths: [corpus], outDir: tmp('out') }, {
      signal: controller.signal,
      onProgress: (p) => {
        done = p.done;
        if (p.done === 10) controller.abort();
      },
    }),
    CancelledError,
  );
  assert.equal(done, 10);
});

test('import merges into existing .ann files: no duplicates, values filled in, conflicts reported and left out', async () => {
  const into = tmp('merge');
  // the folder already has the article with one matching tag (no values) and one conflicting tag
  article(into, 'a.txt', TEXT_A, 'T1\tORG 0 3\t𠮷野家\nT2\tMONEY 14 20\t约3.5亿元\nT9\tORG 4 8\t杭州市开\n#1\tfree text note\n');
  const out = tmp('out');
  const corpus = tmp('corpus');
  article(corpus, 'a.txt', TEXT_A, ANN_A);
  await exportCorpus({ format: 'label-studio', paths: [corpus], outDir: out });
  const r = await importDataset({ format: 'label-studio', inputs: [out], intoDir: into });
  assert.equal(r.duplicates, 2);
  assert.equal(r.valuesAdded, 1);
  assert.equal(r.conflicts.length, 1);
  assert.match(r.conflicts[0].imported, /LOC \[4, 7\) "杭州市"/);
  assert.match(r.conflicts[0].existing, /T9 ORG \[4, 8\)/);
  assert.equal(r.tagsAdded, 4);
  const ann = fs.readFileSync(path.join(into, 'a.ann'), 'utf8');
  assert.match(ann, /^#1\tfree text note$/m, 'foreign lines are kept');
  assert.match(ann, /AnnotatorNotes T2\tvalue=350000000 unit=CNY mod=approx/);
  assert.equal(ann.match(/\tORG 0 3\t/g)!.length, 1);
});

test('import refuses a document whose article already exists with a different text, and keeps going', async () => {
  const into = tmp('mismatch');
  article(into, 'a.txt', '完全不同的文本', '');
  const out = tmp('out');
  await exportDocuments(
    [
      { id: 'a', text: '上海', spans: [{ start: 0, end: 2, label: 'LOC', text: '上海' }] },
      { id: 'b', text: '北京', spans: [{ start: 0, end: 2, label: 'LOC', text: '北京' }] },
    ],
    { format: 'spacy', outDir: out },
  );
  const r = await importDataset({ format: 'spacy', inputs: [out], intoDir: into });
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0].message, /text of a differs from .*a\.txt from character 0 on/);
  assert.equal(r.documents, 1);
  assert.equal(fs.readFileSync(path.join(into, 'b.ann'), 'utf8'), 'T1\tLOC 0 2\t北京\n');
  assert.equal(fs.readFileSync(path.join(into, 'a.ann'), 'utf8'), '');
});

test('malformed input lines are reported with line numbers and skipped; the rest is imported', async () => {
  const dir = tmp('bad-input');
  fs.writeFileSync(
    path.join(dir, 'x.jsonl'),
    [
      '{"text": "上海和北京", "label": [[0, 2, "LOC"]], "document": "one"}',
      '{"text": "broken',
      '{"label": []}',
      '{"text": "杭州", "label": [[0, 2, "LOC"], [1, 9, "LOC"], [0, 1, "bad label!"]], "document": "two"}',
    ].join('\n') + '\n',
  );
  const into = tmp('into');
  const r = await importDataset({ format: 'doccano', inputs: [dir], intoDir: into });
  assert.deepEqual(r.problems.map((p) => p.line), [2, 3, 4, 4]);
  assert.match(r.problems[0].message, /not valid JSON/);
  assert.match(r.problems[2].message, /\[1, 9\) lies outside the text \(2 characters\)/);
  assert.match(r.problems[3].message, /invalid label name "bad label!"/);
  assert.equal(r.tagsAdded, 2);
  assert.equal(fs.readFileSync(path.join(into, 'two.ann'), 'utf8'), 'T1\tLOC 0 2\t杭州\n');

  const conll = tmp('bad-conll');
  fs.writeFileSync(
    path.join(conll, 'x.conll'),
    '-DOCSTART- O\n\n上 B-LOC\n海 E-LOC\nlonely\n和 O\n北 I-LOC\n京 E-LOC\n\n',
  );
  const r2 = await importDataset({ format: 'conll-bioes', inputs: [conll], intoDir: tmp('into') });
  assert.deepEqual(r2.problems.map((p) => [p.line, p.message.slice(0, 20)]), [
    [5, 'expected "TOKEN TAG"'],
    [7, 'I-LOC follows O (rea'],
  ]);
  assert.equal(r2.tagsAdded, 2, 'the orphan I- still opens an entity, nothing is lost');
});

test('an output folder inside the corpus is refused before anything is written', async () => {
  const corpus = flatCorpus();
  article(corpus, 'out/old.txt', 'x', '');
  await assert.rejects(exportCorpus({ format: 'brat', paths: [corpus], outDir: path.join(corpus, 'out') }), /holds input documents/);
});

test('several formats in one pass write the same files as one export per format', async () => {
  const corpus = flatCorpus();
  const multi = tmp('multi');
  const formats = ['doccano', 'conll-bioes', 'hf'] as const;
  const s = await exportCorpus({ format: formats, paths: [corpus], outDir: multi, split: { ratios: [1, 1], seed: 3 } });
  assert.deepEqual(s.formats, formats);
  assert.equal(s.documents, 4);
  for (const f of formats) {
    const single = tmp(f);
    await exportCorpus({ format: f, paths: [corpus], outDir: single, split: { ratios: [1, 1], seed: 3 } });
    for (const name of fs.readdirSync(single).filter((n) => !n.startsWith('.'))) {
      assert.equal(fs.readFileSync(path.join(multi, f, name), 'utf8'), fs.readFileSync(path.join(single, name), 'utf8'), `${f}/${name}`);
    }
  }
});
