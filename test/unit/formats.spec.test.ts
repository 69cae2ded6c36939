// Each export checked against an independent reading of its format's specification: doccano's field names,
// Label Studio's result shape and labelling config, brat standoff and annotation.conf, the CoNLL column layout and
// the BIOES constraints, spaCy's character offsets (Python string indices) and Hugging Face's features.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exportDocuments } from '../../server/src/formats/exportCorpus';
import { FormatName } from '../../server/src/formats/datasetFormat';
import { LabelledDocument } from '../../server/src/formats/document';
import { splitSentences } from '../../server/src/formats/sentences';
import { escapeToken, unescapeToken } from '../../server/src/formats/tokenEscape';
import { assignSplits, parseRatios, splitCounts } from '../../server/src/formats/split';
import { decodeTags } from '../../server/src/formats/tagScheme';

const DOCS: LabelledDocument[] = [
  {
    id: 'd1',
    text: '𠮷野家在杭州市开店。\r\n浙江省温州市鹿城区投资约3.5亿元！',
    spans: [
      { start: 0, end: 3, label: 'ORG', text: '𠮷野家' },
      { start: 4, end: 7, label: 'LOC', text: '杭州市' },
      { start: 12, end: 15, label: 'LOC', text: '浙江省' },
      { start: 15, end: 18, label: 'LOC', text: '温州市' },
      { start: 18, end: 21, label: 'LOC', text: '鹿城区' },
      { start: 23, end: 29, label: 'MONEY', text: '约3.5亿元', value: 350000000, unit: 'CNY', mod: 'approx' },
    ],
    suggestions: [{ start: 9, end: 10, label: 'CARDINAL', text: '。' }],
  },
  { id: 'd2', text: '', spans: [] },
  { id: 'd3', text: '第三届（记者 李 明）', spans: [{ start: 0, end: 3, label: 'ORDINAL', text: '第三届', value: 3 }, { start: 7, end: 10, label: 'PER', text: '李 明' }] },
];

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(name: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `na-spec-${name}-`));
  made.push(d);
  return d;
}

async function exported(format: FormatName, docs = DOCS): Promise<string> {
  const out = tmp(format);
  await exportDocuments(docs, { format, outDir: out });
  return out;
}

const cp = (s: string) => Array.from(s);
const slice = (text: string, s: number, e: number) => cp(text).slice(s, e).join('');

test('doccano: one JSON object a line with "text" and "label": [[start, end, label]] in code points', async () => {
  const out = await exported('doccano');
  const lines = fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8').split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, 3);
  for (const [i, line] of lines.entries()) {
    const o = JSON.parse(line);
    assert.equal(o.text, DOCS[i].text);
    assert.ok(Array.isArray(o.label));
    for (const l of o.label) {
      assert.equal(l.length, 3);
      assert.ok(Number.isInteger(l[0]) && Number.isInteger(l[1]) && typeof l[2] === 'string');
    }
    const expected = [...DOCS[i].spans, ...(DOCS[i].suggestions ?? [])].map((s) => [s.start, s.end, s.label, s.text]);
    assert.deepEqual(
      o.label.map((l: [number, number, string]) => [l[0], l[1], l[2], slice(o.text, l[0], l[1])]).sort(),
      expected.sort(),
    );
  }
  const first = JSON.parse(lines[0]);
  assert.deepEqual(first.values, [{ start: 23, end: 29, label: 'MONEY', value: 350000000, unit: 'CNY', mod: 'approx' }]);
  assert.deepEqual(first.suggestions, [[9, 10, 'CARDINAL']]);
});

test('doccano import also reads the relation-project shape {"entities": [{label, start_offset, end_offset}]}', async () => {
  const dir = tmp('doccano-in');
  fs.writeFileSync(
    path.join(dir, 'r.jsonl'),
    JSON.stringify({ id: 7, text: '𠮷野家在杭州', entities: [{ id: 1, label: 'ORG', start_offset: 0, end_offset: 3 }, { id: 2, label: 'LOC', start_offset: 4, end_offset: 6 }], relations: [] }) + '\n',
  );
  const { doccano } = await import('../../server/src/formats/doccano');
  const problems: unknown[] = [];
  const docs = [];
  for await (const d of doccano.read(path.join(dir, 'r.jsonl'), (p) => problems.push(p))) docs.push(d);
  assert.deepEqual(problems, []);
  assert.deepEqual(docs[0].spans.map((s) => [s.label, s.text]), [['ORG', '𠮷野家'], ['LOC', '杭州']]);
  // a file that does not name its documents: ids from the file name and the record's own id
  assert.equal(docs[0].id, 'r-7');
});

test('Label Studio: tasks with data.text, annotations[].result[] of type labels, predictions, and a matching config', async () => {
  const out = await exported('label-studio');
  const tasks = JSON.parse(fs.readFileSync(path.join(out, 'all.json'), 'utf8'));
  const config = fs.readFileSync(path.join(out, 'labeling-config.xml'), 'utf8');
  const fromName = /<Labels name="([^"]+)" toName="([^"]+)"/.exec(config)!;
  const textName = /<Text name="([^"]+)" value="\$text"/.exec(config)!;
  assert.ok(fromName && textName);
  assert.equal(fromName[2], textName[1]);
  const configLabels = [...config.matchAll(/<Label value="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(Array.isArray(tasks) && tasks.length === 3);
  for (const [i, task] of tasks.entries()) {
    assert.equal(task.data.text, DOCS[i].text);
    const regions = (list: any[]) => list.flatMap((a) => a.result);
    for (const r of [...regions(task.annotations), ...regions(task.predictions ?? [])]) {
      assert.equal(typeof r.id, 'string');
      assert.equal(r.from_name, fromName[1]);
      assert.equal(r.to_name, textName[1]);
      assert.equal(r.type, 'labels');
      assert.deepEqual(Object.keys(r.value).sort(), ['end', 'labels', 'start', 'text']);
      assert.equal(r.value.text, slice(task.data.text, r.value.start, r.value.end));
      assert.equal(r.value.labels.length, 1);
      assert.ok(configLabels.includes(r.value.labels[0]));
    }
    assert.equal(regions(task.annotations).length, DOCS[i].spans.length);
  }
  assert.equal(tasks[0].predictions[0].result[0].value.labels[0], 'CARDINAL');
  assert.equal(typeof tasks[0].predictions[0].model_version, 'string');
  const money = tasks[0].annotations[0].result.find((r: any) => r.value.labels[0] === 'MONEY');
  assert.deepEqual(money.meta, { text: ['value=350000000; unit=CNY; mod=approx'], value: 350000000, unit: 'CNY', mod: 'approx' });
});

test('brat: .txt holds the exact text, T lines "ID\\tLABEL start end\\ttext" in code points, conf declares labels', async () => {
  const out = await exported('brat');
  const conf = fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8');
  const section = (name: string) => (new RegExp(`\\[${name}\\]\\n([\\s\\S]*?)(\\n\\[|$)`).exec(conf)?.[1] ?? '').split('\n').filter(Boolean);
  assert.ok(section('entities').includes('MONEY'));
  assert.deepEqual(section('attributes'), ['Suggestion\tArg:<ENTITY>']);
  for (const doc of DOCS) {
    const text = fs.readFileSync(path.join(out, `${doc.id}.txt`), 'utf8');
    assert.equal(text, doc.text);
    const ann = fs.readFileSync(path.join(out, `${doc.id}.ann`), 'utf8');
    const tags = [...ann.matchAll(/^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$/gm)];
    assert.equal(tags.length, doc.spans.length + (doc.suggestions?.length ?? 0));
    for (const m of tags) assert.equal(m[5], slice(text, Number(m[3]), Number(m[4])));
  }
  const ann1 = fs.readFileSync(path.join(out, 'd1.ann'), 'utf8');
  const moneyId = /^(T\d+)\tMONEY/m.exec(ann1)![1];
  assert.match(ann1, new RegExp(`^#\\d+\\tAnnotatorNotes ${moneyId}\\tvalue=350000000 unit=CNY mod=approx$`, 'm'));
  const suggestionId = /^(T\d+)\tCARDINAL/m.exec(ann1)![1];
  assert.match(ann1, new RegExp(`^A\\d+\\tSuggestion ${suggestionId}$`, 'm'));
});

/** An independent CoNLL reader: documents of sentences of [token, tag]. */
function readConll(file: string): Array<Array<Array<[string, string]>>> {
  const docs: Array<Array<Array<[string, string]>>> = [];
  let sentence: Array<[string, string]> = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      assert.equal(line, '-DOCSTART- -X- O O');
      docs.push([]);
    } else if (line === '') {
      if (sentence.length) docs[docs.length - 1].push(sentence);
      sentence = [];
    } else {
      const fields = line.split(' ');
      assert.equal(fields.length, 2, `two columns: ${JSON.stringify(line)}`);
      sentence.push([fields[0], fields[1]]);
    }
  }
  return docs;
}

/** Spans from BIOES tags, asserting the scheme's constraints on the way. */
function bioesSpans(tags: string[]): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  let open: { start: number; label: string } | undefined;
  tags.forEach((t, i) => {
    const [p, label] = t === 'O' ? ['O', ''] : [t.slice(0, 1), t.slice(2)];
    if (p === 'I' || p === 'E') {
      assert.ok(open && open.label === label, `${t} at ${i} must continue an open ${label} (no I-/E- after O)`);
      if (p === 'E') {
        out.push([open!.start, i + 1, label]);
        open = undefined;
      }
      return;
    }
    assert.equal(open, undefined, `entity opened at ${open?.start} must be closed with E- before ${t}`);
    if (p === 'B') open = { start: i, label };
    if (p === 'S') out.push([i, i + 1, label]);
  });
  assert.equal(open, undefined, 'every entity is closed with E-/S- by the end of the sentence');
  return out;
}

test('CoNLL BIOES: one character a line, -DOCSTART- per document, BIOES constraints hold, tags match the source', async () => {
  const out = await exported('conll-bioes');
  const docs = readConll(path.join(out, 'all.conll'));
  assert.equal(docs.length, 3);
  docs.forEach((sentences, i) => {
    let offset = 0;
    let text = '';
    const spans: Array<[number, number, string]> = [];
    for (const s of sentences) {
      for (const [tok] of s) assert.equal(cp(unescapeToken(tok)).length, 1, 'one character per line');
      for (const [a, b, l] of bioesSpans(s.map((x) => x[1]))) spans.push([a + offset, b + offset, l]);
      text += s.map((x) => unescapeToken(x[0])).join('');
      offset += s.length;
    }
    assert.equal(text, DOCS[i].text);
    const expected = [...DOCS[i].spans, ...(DOCS[i].suggestions ?? [])].map((s) => [s.start, s.end, s.label]);
    assert.deepEqual(spans.sort(), expected.sort());
  });
  // sentences end after Chinese end punctuation (and the line break right after it)
  assert.equal(docs[0][0].map((x) => unescapeToken(x[0])).join(''), '𠮷野家在杭州市开店。\r\n');
});

test('CoNLL BIO: IOB2 (every entity starts with B-, I- only continues the same label)', async () => {
  const out = await exported('conll-bio');
  for (const sentences of readConll(path.join(out, 'all.conll'))) {
    for (const s of sentences) {
      s.forEach(([, t], i) => {
        assert.match(t, /^(O|[BI]-[A-Z]+)$/);
        if (t.startsWith('I-')) assert.ok([`B-${t.slice(2)}`, t].includes(s[i - 1]?.[1]), `${t} after ${s[i - 1]?.[1]}`);
      });
    }
  }
});

test('CoNLL words: jieba words, cut so that no tag starts or ends inside a word', async () => {
  const out = await exported('conll-word');
  const docs = readConll(path.join(out, 'all.conll'));
  const words = docs[0].flat().map(([w]) => unescapeToken(w));
  assert.ok(words.some((w) => cp(w).length > 1), 'multi-character words');
  assert.equal(words.join(''), DOCS[0].text);
  // token boundaries include every tag boundary
  const bounds = new Set<number>([0]);
  let p = 0;
  for (const w of words) bounds.add((p += cp(w).length));
  for (const s of DOCS[0].spans) assert.ok(bounds.has(s.start) && bounds.has(s.end), `${s.text} is whole words`);
  // the three LOC names written together are three entities
  const tags = docs[0].flat().map(([, t]) => t);
  assert.equal(tags.filter((t) => t === 'B-LOC').length, 4);
});

test('spaCy: entities are [start, end, label] in Python string indices (code points); make_docbin.py beside', async () => {
  const out = await exported('spacy');
  const lines = fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(lines[0]).sort(), ['entities', 'meta', 'text']);
  // Python's "𠮷野家在杭州市"[4:7] is 杭州市: one index per code point
  assert.deepEqual(lines[0].entities.find((e: any[]) => e[2] === 'LOC'), [4, 7, 'LOC']);
  const script = fs.readFileSync(path.join(out, 'make_docbin.py'), 'utf8');
  assert.match(script, /doc\.char_span\(start, end, label=label/);
  assert.match(script, /DocBin/);
});

test('Hugging Face: rows of character tokens with ClassLabel ids; features.json and label_names.json agree', async () => {
  const out = await exported('hf');
  const names = JSON.parse(fs.readFileSync(path.join(out, 'label_names.json'), 'utf8'));
  const features = JSON.parse(fs.readFileSync(path.join(out, 'features.json'), 'utf8'));
  assert.equal(names[0], 'O');
  assert.deepEqual(features.ner_tags, { feature: { names, _type: 'ClassLabel' }, _type: 'Sequence' });
  assert.deepEqual(features.tokens, { feature: { dtype: 'string', _type: 'Value' }, _type: 'Sequence' });
  const rows = fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const r of rows) {
    assert.deepEqual(Object.keys(r).sort(), Object.keys(features).sort());
    assert.equal(r.tokens.length, r.ner_tags.length);
    for (const t of r.tokens) assert.equal(cp(t).length, 1);
    r.ner_tags.forEach((id: number, i: number) => {
      assert.ok(Number.isInteger(id) && id >= 0 && id < names.length);
      const tag = names[id];
      if (tag.startsWith('I-')) assert.ok([`B-${tag.slice(2)}`, tag].includes(names[r.ner_tags[i - 1]]));
    });
  }
  // documents are rebuilt exactly from their rows, and `start` is each row's code-point offset
  const d1 = rows.filter((r) => r.document === 'd1');
  assert.equal(d1.map((r) => r.tokens.join('')).join(''), DOCS[0].text);
  let offset = 0;
  for (const r of d1) {
    assert.equal(r.start, offset);
    offset += r.tokens.length;
  }
  assert.deepEqual(rows.filter((r) => r.document === 'd2').map((r) => r.tokens), [[]], 'an empty document is one empty row');
});

test('sentence splitting: after 。！？；… (with closing quotes and the line break), never inside a tag, configurable', () => {
  const chars = cp('他说：“好。”然后走了！\n新行没有句号\n\n最后？');
  const ranges = splitSentences(chars, []);
  const texts = ranges.map(([a, b]) => chars.slice(a, b).join(''));
  assert.deepEqual(texts, ['他说：“好。”', '然后走了！\n', '新行没有句号\n', '\n', '最后？']);
  assert.equal(ranges.map(([a, b]) => b - a).reduce((x, y) => x + y), chars.length);
  // a tag across the 。 keeps its sentence together
  const kept = splitSentences(chars, [{ start: 3, end: 8 }]).map(([a, b]) => chars.slice(a, b).join(''));
  assert.equal(kept[0], '他说：“好。”然');
  const custom = splitSentences(cp('甲，乙。丙\n丁'), [], { enders: '，', splitOnNewline: false }).map(([a, b]) => b - a);
  assert.deepEqual(custom, [2, 5]);
});

test('token escapes keep whitespace and backslashes reversible and column-safe', () => {
  for (const s of [' ', '\t', '\n', '\r', '\\', '\u3000', 'a b', '\\s', '𠮷']) {
    const e = escapeToken(s);
    assert.doesNotMatch(e, /\s/u);
    assert.equal(unescapeToken(e), s);
  }
});

test('tag decoding reports BIOES violations with token indexes but loses no entity', () => {
  const r = decodeTags(['B-LOC', 'I-LOC', 'O', 'I-ORG', 'E-ORG', 'B-PER'], [0, 1, 2, 3, 4, 5, 6], 'BIOES');
  assert.deepEqual(r.spans, [
    { start: 0, end: 2, label: 'LOC' },
    { start: 3, end: 5, label: 'ORG' },
    { start: 5, end: 6, label: 'PER' },
  ]);
  assert.deepEqual(r.problems.map((p) => p.token), [0, 3, 5]);
});

test('split helpers: ratios parsed strictly, counts sum to n, assignment independent of input order', () => {
  assert.deepEqual(parseRatios('0.8,0.1,0.1'), [0.8, 0.1, 0.1]);
  assert.deepEqual(parseRatios('8,2'), [8, 2]);
  for (const bad of ['0.8', 'a,b', '1,-1', '0,0', '1,,2']) assert.throws(() => parseRatios(bad), /--split/);
  assert.deepEqual(splitCounts(10, [0.8, 0.1, 0.1]), [8, 1, 1]);
  assert.deepEqual(splitCounts(7, [1, 1, 1]), [3, 2, 2]);
  const ids = Array.from({ length: 50 }, (_, i) => `doc${i}`);
  const a = assignSplits(ids, { ratios: [0.6, 0.2, 0.2], seed: 42 });
  const b = assignSplits([...ids].reverse(), { ratios: [0.6, 0.2, 0.2], seed: 42 });
  assert.deepEqual([...a.entries()].sort(), [...b.entries()].sort());
});
