// Property tests (fast-check) on generated and adversarial text: unclosed brackets, long runs of numerals, units,
// 第, 年, digits and punctuation, mixed scripts, astral characters, lone surrogates, CRLF. For the recognisers
// (analyze), the .ann parser, every import format's reader, the JSONL command and the tagging store: no exception,
// and every span lies within the text and equals the text's slice. Time on such input is measured by
// `npm run bench:adversarial` (10 k / 100 k / 1 M characters per family), not here.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import fc from 'fast-check';
import { analyze } from '../../server/src/analysis/analyze';
import { recogniseFigures } from '../../server/src/core/figures';
import { recogniseDates } from '../../server/src/core/dates';
import { parseAnn, serializeAnn } from '../../server/src/annotations/annFile';
import { DocumentAnnotations } from '../../server/src/annotations/documentAnnotations';
import { FORMAT_NAMES } from '../../server/src/formats/datasetFormat';
import { FORMATS } from '../../server/src/formats/registry';
import { exportDocuments } from '../../server/src/formats/exportCorpus';
import { LabelledDocument } from '../../server/src/formats/document';
import { analyzeJsonLines } from '../../server/src/cli/analyzeCommand';
import { Span } from '../../server/src/core/types';

/** One fixed seed, so a failure is reproducible; the case counts are printed at the end. */
const SEED = 8;
const counts: Record<string, number> = {};
after(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`property cases: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}; total ${total}`);
});

function check<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, predicate: (v: T) => void): void {
  fc.assert(fc.property(arb, predicate), { seed: SEED, numRuns });
  counts[name] = (counts[name] ?? 0) + numRuns;
}

/** Pieces that trigger the recognisers' special paths, and characters that break naive offset arithmetic. */
const PIECES = [
  '《', '》', '「', '」', '第', '年', '月', '日', '号', '时', '分', '秒', '万', '亿', '百万', '万亿', '千', '百', '十', '零',
  '〇', '一', '二', '三', '两', '五', '九', '0', '1', '2', '9', '19', '2023', '.', '．', '·', '%', '％', '‰', '元', '美元',
  '亿元', '个', '家', '人次', '吨', '公里', '季度', '上半年', '下旬', '前', '后', '以来', '至', '到', '-', '—', '～', '/', ':',
  '：', '，', '。', '、', '；', '（', '）', '(', ')', '“', '”', '"', '\r\n', '\n', '\r', '\t', ' ', '\u3000', 'a', 'Z', 'B12',
  'iPhone', 'http://x.cn/1', '𠀀', '𠮷', '🇨🇳', '😀', '\ud800', '\udfff', '\ufeff', '农历', '正月', '初一', '廿三', '春节',
  '周三', '星期', '上午', '下午', '点', '约', '近', '逾', '余', '多', '左右', '以上', '以下', '北京', '王明', '有限公司', '省',
  '市', '区', '记者', '$', '￥', '€', '负', '半', '折', '成', '倍', '分之', '百分之', '十四五', '第一时间', '一些', '万一',
];

const piece = fc.constantFrom(...PIECES);
/** Mixed pieces; long runs of one piece (unclosed 《, 万亿 × n, 第 × n); any code points; runs with noise. */
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 120 }).map((a) => a.join('')) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.array(piece, { maxLength: 5 }), piece, fc.integer({ min: 1, max: 1500 }), fc.array(piece, { maxLength: 10 }))
      .map(([before, p, n, rest]) => before.join('') + p.repeat(n) + rest.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('万', '亿', '百', '千', '十', '第', '年', '《', '1', '0', '.', '%', '元'), maxLength: 400 }) },
);

function codePointSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

function assertSpans(text: string, spans: readonly { start: number; end: number; text?: string }[], what: string): void {
  const chars = Array.from(text);
  for (const s of spans) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: integer offsets`);
    assert.ok(s.start >= 0 && s.start < s.end && s.end <= chars.length, `${what}: [${s.start}, ${s.end}) within ${chars.length}`);
    if (s.text !== undefined) assert.equal(s.text, chars.slice(s.start, s.end).join(''), `${what}: text equals the slice`);
  }
}

test('recognisers (analyze, figures, dates): no exception, spans within the text and equal to its slice', () => {
  check('analyze', hostileText, 250, (text) => {
    const r = analyze(text, { dct: '2023-06-18' });
    assertSpans(text, r.spans, 'analyze');
    for (let i = 1; i < r.spans.length; i++) assert.ok(r.spans[i - 1].end <= r.spans[i].start, 'analyze: spans do not overlap');
  });
  check('figures+dates', hostileText, 400, (text) => {
    for (const s of [...recogniseFigures(text), ...recogniseDates(text, '2023-06-18'), ...recogniseDates(text, undefined)]) {
      assert.ok(s.start >= 0 && s.start < s.end && s.end <= text.length, `raw span [${s.start}, ${s.end}) within ${text.length}`);
    }
  });
});

/** .ann-like content: well-formed and broken lines of every brat kind, with hostile tag texts and CRLF. */
const annLine = fc.oneof(
  fc.tuple(fc.nat(50), fc.constantFrom('PER', 'LOC', 'MONEY', 'X-Y', '中文', ''), fc.nat(40), fc.nat(40), hostileText.map((t) => t.slice(0, 30)))
    .map(([id, l, s, e, t]) => `T${id}\t${l} ${s} ${e}\t${t}`),
  fc.tuple(fc.nat(9), fc.nat(9), fc.nat(9)).map(([a, b, c]) => `T${a}\tLOC ${b} ${b + 1};${c} ${c + 2}\t北 京`),
  fc.tuple(fc.nat(9), fc.nat(9)).map(([a, b]) => `#${a}\tAnnotatorNotes T${b}\tvalue=1e400 unit=CNY mod=approx`),
  fc.constantFrom('R1\tIn Arg1:T1 Arg2:T2', 'E1\tX:T1', 'A1\tSuggestion T1', 'M1\tNeg T1', 'N1\tReference T1 Wiki:1\t北京', '*\tEquiv T1 T2', 'garbage', '', 'T', 'T1', 'T1\t', '#'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const annContent = fc
  .tuple(fc.array(annLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, last]) => (bom ? '\ufeff' : '') + lines.join(eol) + (last ? eol : ''));

test('.ann parser: never throws, and writing back what it read gives the same text', () => {
  check('parseAnn', annContent, 600, (content) => {
    const ann = parseAnn(content);
    assert.equal(serializeAnn(ann), content);
  });
});

test('tagging store: hostile .ann and text, edits and tag operations never throw; tags stay within the text', () => {
  const ops = fc.array(
    fc.oneof(
      fc.tuple(fc.constant('tag' as const), fc.nat(60), fc.nat(8), fc.constantFrom('PER', 'LOC', 'MONEY', 'bad label', '')),
      fc.tuple(fc.constant('edit' as const), fc.nat(60), fc.nat(8), piece),
      fc.tuple(fc.constant('remove' as const), fc.nat(60), fc.nat(0), fc.constant('')),
      fc.tuple(fc.constant('undo' as const), fc.nat(0), fc.nat(0), fc.constant('')),
      fc.tuple(fc.constant('acceptAll' as const), fc.nat(0), fc.nat(0), fc.constant('')),
    ),
    { maxLength: 12 },
  );
  check('tagging store', fc.tuple(hostileText.map((t) => t.slice(0, 300)), annContent, ops), 300, ([text, ann, steps]) => {
    const store = new DocumentAnnotations(text, ann, '{"reviewed":false}');
    store.setMachineSpans(analyze(store.text, { groups: ['figures'] }).spans);
    for (const [op, a, b, arg] of steps) {
      const n = store.offsets.codePointLength;
      if (op === 'tag') store.tag(Math.min(a, n), Math.min(a + b, n), arg);
      else if (op === 'edit') store.applyChange({ start: Math.min(a, n), end: Math.min(a + b, n), text: arg });
      else if (op === 'remove') store.remove(Math.min(a, n));
      else if (op === 'undo') store.undo();
      else store.acceptAll();
      assertSpans(store.text, store.tags(), 'store tag');
    }
    parseAnn(store.serializeAnn());
  });
});

test('JSONL: one output line per input line whatever the input, each a JSON object', async () => {
  const line = fc.oneof(
    hostileText.map((text) => JSON.stringify({ id: 1, text })),
    fc.tuple(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), hostileText).map(([id, text]) => `{"id":${id},"text":${JSON.stringify(text)}}`),
    fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')),
    fc.constantFrom('', ' ', '{}', '[]', 'null', '{"id":1}', '{"text":null}', '{"id":{"a":[1,"}"]},"text":"1个"}', '{"text":"x","dct":"2025-02-30"}'),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), async (lines) => {
      const input = new PassThrough();
      const output = new PassThrough();
      const errors = new PassThrough();
      errors.resume();
      let out = '';
      output.on('data', (c) => (out += c));
      input.end(lines.join('\n') + '\n');
      await analyzeJsonLines(input, output, { groups: ['figures', 'dates'] }, errors);
      const got = out.split('\n').slice(0, -1);
      assert.equal(got.length, lines.length);
      got.forEach((l, i) => {
        const o = JSON.parse(l);
        if (o.spans) {
          const text = JSON.parse(lines[i]).text;
          assertSpans(text, o.spans, 'jsonl');
        }
        const m = /^\{"id":(-?\d+),"text"/.exec(lines[i]);
        if (m) assert.ok(l.startsWith(`{"id":${m[1]},`), 'a numeric id is echoed as written');
      });
    }),
    { seed: SEED, numRuns: 150 },
  );
  counts.jsonl = 150;
});

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** Documents with hostile text and random (valid) spans, overlapping ones included. */
const documentArb = fc
  .tuple(hostileText.map((t) => t.slice(0, 400)), fc.array(fc.tuple(fc.nat(400), fc.nat(12), fc.constantFrom('PER', 'LOC', 'MONEY', 'DATE')), { maxLength: 6 }))
  .map(([text, raw]): LabelledDocument => {
    const chars = Array.from(text);
    const spans: Span[] = [];
    for (const [s, len, label] of raw) {
      const start = chars.length ? s % chars.length : 0;
      const end = Math.min(chars.length, start + 1 + len);
      if (start < end) spans.push({ start, end, label: label as Span['label'], text: chars.slice(start, end).join('') });
    }
    return { id: 'doc', text, spans };
  });

test('import readers of every format: an export of hostile documents reads back with spans equal to the text slice', async () => {
  const runs = 25;
  for (const name of FORMAT_NAMES) {
    await fc.assert(
      fc.asyncProperty(documentArb, async (doc) => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), `na-prop-${name}-`));
        made.push(out);
        await exportDocuments([doc], { format: name, outDir: out }, { onWarning: () => {} });
        const format = FORMATS[name];
        for (const file of format.inputFiles(out)) {
          for await (const d of format.read(file, () => {})) {
            assertSpans(d.text, d.spans, `${name} read`);
            assertSpans(d.text, d.suggestions, `${name} read`);
          }
        }
      }),
      { seed: SEED, numRuns: runs },
    );
    counts[`export+read ${name}`] = runs;
  }
});

test('import readers of every format: arbitrary file content is reported, never thrown', async () => {
  const runs = 40;
  const content = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.oneof(hostileText.map((t) => t.slice(0, 40)), fc.constantFrom('{"text":"北京","label":[[0,9,"LOC"]]}', '[{"data":{"text":"x"},"annotations":[{"result":[{"value":{"start":-1,"end":2,"labels":["LOC"]}}]}]}]', 'B-LOC', '北\tB-LOC', '{"tokens":["a"],"ner_tags":[99]}', 'T1\tLOC 0 99\tx', '[', '{')), { maxLength: 8 }).map((a) => a.join('\n')),
  );
  for (const name of FORMAT_NAMES) {
    const format = FORMATS[name];
    await fc.assert(
      fc.asyncProperty(content, async (body) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `na-prop-in-${name}-`));
        made.push(dir);
        const ext = name === 'label-studio' ? 'json' : name === 'brat' ? 'ann' : name.startsWith('conll') ? 'conll' : 'jsonl';
        fs.writeFileSync(path.join(dir, `all.${ext}`), body);
        if (name === 'brat') fs.writeFileSync(path.join(dir, 'all.txt'), '北京和上海，2023年增长3%');
        for (const file of format.inputFiles(dir)) {
          for await (const d of format.read(file, () => {})) {
            assertSpans(d.text, d.spans, `${name} read`);
            assertSpans(d.text, d.suggestions, `${name} read`);
          }
        }
      }),
      { seed: SEED, numRuns: runs },
    );
    counts[`read ${name}`] = runs;
  }
});
