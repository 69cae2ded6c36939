import test from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnnotations } from '../../server/src/annotations/documentAnnotations';
import { parseAnn } from '../../server/src/annotations/annFile';
import { defaultSchema } from '../../server/src/annotations/labelSchema';
import { diffTexts, shiftSpan } from '../../server/src/annotations/textEdits';
import type { Span } from '../../server/src/core/types';

const TEXT = '温州市财政局近日宣布，今年将投入约3.5亿元支持12个项目。';
// 温州市财政局 = 0–6, 近日 = 6–8, 今年 = 11–13, 约3.5亿元 = 16–22, 12个 = 24–27

function cp(text: string, needle: string): [number, number] {
  const i = [...text].join('').indexOf(needle);
  const start = [...text.slice(0, i)].length;
  return [start, start + [...needle].length];
}

const MACHINE: Span[] = [
  { start: 0, end: 6, label: 'ORG', text: '温州市财政局', confidence: 0.9 },
  { start: 6, end: 8, label: 'DATE', text: '近日', timex: 'PAST_REF' },
  { start: 11, end: 13, label: 'DATE', text: '今年', timex: '2023' },
  { start: 16, end: 22, label: 'MONEY', text: '约3.5亿元', value: 350000000, unit: 'CNY', mod: 'approx' },
  { start: 24, end: 27, label: 'CARDINAL', text: '12个', value: 12, unit: '个' },
];

function store(ann = '', review?: string) {
  const s = new DocumentAnnotations(TEXT, ann, review);
  s.setMachineSpans(MACHINE);
  return s;
}

test('the fixture offsets are right', () => {
  for (const m of MACHINE) assert.deepEqual(cp(TEXT, m.text), [m.start, m.end], m.text);
});

test('tagging a selection trims edge spaces, takes values from a matching machine span, and is written as brat', () => {
  const s = store();
  const r = s.tag(16, 22, 'MONEY');
  assert.ok(r.ok);
  assert.equal(r.tag?.id, 'T1');
  assert.equal(s.serializeAnn(), 'T1\tMONEY 16 22\t约3.5亿元\n#1\tAnnotatorNotes T1\tvalue=350000000 unit=CNY mod=approx\n');
  assert.ok(!s.suggestions().some((x) => x.label === 'MONEY'), 'the accepted span is no longer a suggestion');
  const spaced = new DocumentAnnotations('记者 李 明 报道', '');
  assert.equal(spaced.tag(2, 6, 'PER').tag?.text, '李 明');
  assert.equal(spaced.tag(0, 1, 'NOPE').ok, false);
  assert.match(spaced.tag(0, 1, 'NOPE').message!, /Unknown label "NOPE"/);
});

test('suggestions taken a few machine spans at a time (as the server does between requests) are suggestions()', () => {
  const s = store();
  s.tag(0, 6, 'ORG');
  s.reject(20);
  for (const n of [1, 2, 3, 100]) {
    const steps = s.suggestionSteps();
    let pauses = 0;
    while (steps.step(n)) pauses++;
    assert.deepEqual(steps.result(), s.suggestions());
    assert.equal(pauses, Math.ceil(MACHINE.length / n) - 1);
  }
  assert.deepEqual(s.suggestions().map((x) => x.text), ['近日', '今年', '12个']);
});

test('accept, accept all of a label, reject (remembered), remove (also rejects the machine span)', () => {
  const s = store();
  assert.equal(s.suggestions().length, 5);
  assert.ok(s.accept(3).ok); // inside 温州市财政局
  assert.equal(s.tags()[0].label, 'ORG');
  assert.equal(s.tags()[0].confidence, undefined, 'machine confidence is not stored on confirmed tags');
  assert.equal(s.acceptAll({ label: 'DATE' }).count, 2);
  assert.deepEqual(s.tags().map((t) => t.text), ['温州市财政局', '近日', '今年']);
  assert.equal(s.tags()[2].timex, '2023');
  assert.ok(s.reject(20).ok);
  assert.deepEqual(s.suggestions().map((x) => x.text), ['12个']);
  assert.deepEqual(s.rejected(), [{ label: 'MONEY', start: 16, end: 22, text: '约3.5亿元' }]);
  assert.ok(s.remove(7).ok); // 近日
  assert.deepEqual(s.suggestions().map((x) => x.text), ['12个'], 'a removed machine span does not come back');
  assert.equal(s.accept(9).ok, false);
  // the rejection survives a reload from the sidecar, and a new machine run does not bring it back
  const again = new DocumentAnnotations(TEXT, s.serializeAnn(), s.serializeReview());
  again.setMachineSpans(MACHINE);
  assert.deepEqual(again.suggestions().map((x) => x.text), ['12个']);
  assert.deepEqual(again.tags().map((t) => t.text), ['温州市财政局', '今年']);
});

test('accept all within a selection takes only the suggestions inside it', () => {
  const s = store();
  assert.equal(s.acceptAll({ start: 10, end: 24 }).count, 2);
  assert.deepEqual(s.tags().map((t) => t.label), ['DATE', 'MONEY']);
});

test('relabel, grow and shrink; overlaps refused unless both labels allow them', () => {
  const s = store();
  s.tag(0, 3, 'LOC'); // 温州市
  assert.ok(s.relabel(1, 'ORG').ok);
  assert.equal(s.tags()[0].label, 'ORG');
  assert.ok(s.resize(1, 'end', 1).ok);
  assert.equal(s.tags()[0].text, '温州市财');
  assert.ok(s.resize(1, 'end', -1).ok);
  assert.ok(s.resize(1, 'start', -1).ok);
  assert.equal(s.tags()[0].text, '州市');
  assert.equal(s.resize(1, 'start', 1).ok, true);
  assert.equal(s.resize(1, 'start', 1).ok, false, 'already at the start of the text');
  const o = s.tag(2, 6, 'ORG');
  assert.equal(o.ok, false);
  assert.match(o.message!, /overlap T1/);
  const schema = defaultSchema();
  for (const l of schema.labels) l.mayOverlap = l.name === 'LOC' || l.name === 'ORG';
  s.schema = schema;
  assert.ok(s.tag(0, 6, 'ORG').ok);
  assert.ok(s.tag(0, 3, 'DATE').ok === false, 'DATE does not allow overlap');
  // only the schema's labels are suggested
  schema.labels = schema.labels.filter((l) => l.name !== 'DATE');
  assert.ok(!s.suggestions().some((x) => x.label === 'DATE'));
  assert.ok(s.suggestions().some((x) => x.label === 'MONEY'));
  // a tag may not cross a line break
  const nl = new DocumentAnnotations('温州\n杭州', '');
  assert.match(nl.tag(0, 5, 'LOC').message!, /line break/);
});

test('undo and redo of tagging actions', () => {
  const s = store();
  s.accept(0);
  s.relabel(0, 'LOC');
  s.reject(20);
  s.setReviewed(true);
  assert.ok(s.reviewed);
  s.undo();
  assert.ok(!s.reviewed);
  s.undo();
  assert.ok(s.suggestions().some((x) => x.label === 'MONEY'));
  s.undo();
  assert.equal(s.tags()[0].label, 'ORG');
  s.undo();
  assert.equal(s.tags().length, 0);
  assert.equal(s.undo().ok, false);
  s.redo();
  s.redo();
  assert.equal(s.tags()[0].label, 'LOC');
  assert.equal(s.serializeAnn(), 'T1\tLOC 0 6\t温州市财政局\n');
});

test('edits before a tag move it; edits after it do not; typing at its edges does not grow it', () => {
  const s = store();
  s.acceptAll();
  s.applyChange({ start: 0, end: 0, text: '据报道，' }); // 4 characters before everything
  assert.deepEqual(s.tags().map((t) => [t.start, t.text]), [[4, '温州市财政局'], [10, '近日'], [15, '今年'], [20, '约3.5亿元'], [28, '12个']]);
  s.applyChange({ start: 10, end: 10, text: 'X' }); // at the end of the ORG tag, start of 近日
  assert.deepEqual(s.tags().slice(0, 2).map((t) => [t.start, t.end]), [[4, 10], [11, 13]]);
  assert.ok(s.serializeAnn().includes('T1\tORG 4 10\t温州市财政局'));
});

test('an edit inside a tag changes its text and drops its values (until the machine agrees again)', () => {
  const s = store();
  s.accept(20);
  s.applyChange({ start: 17, end: 18, text: '4' }); // 约3.5亿元 → 约4.5亿元
  const t = s.tags()[0];
  assert.equal(t.text, '约4.5亿元');
  assert.equal(t.value, undefined);
  s.setMachineSpans([{ start: 16, end: 22, label: 'MONEY', text: '约4.5亿元', value: 450000000, unit: 'CNY', mod: 'approx' }]);
  assert.equal(s.tags()[0].value, 450000000);
});

test('a tag whose text is deleted goes away and comes back when an undo re-inserts the text', () => {
  const s = store();
  s.acceptAll();
  const before = s.serializeAnn();
  const [a, b] = [11, 22]; // 今年将投入约3.5亿元
  const removed = [...TEXT].slice(a, b).join('');
  s.applyChange({ start: a, end: b, text: '' });
  assert.deepEqual(s.tags().map((t) => t.text), ['温州市财政局', '近日', '12个']);
  assert.equal(s.tags()[2].start, 24 - 11);
  // another edit elsewhere in between, then the undo of the deletion
  s.applyChange({ start: 0, end: 0, text: '【' });
  s.applyChange({ start: a + 1, end: a + 1, text: removed });
  s.applyChange({ start: 0, end: 1, text: '' });
  assert.equal(s.text, TEXT);
  assert.equal(s.serializeAnn(), before);
  // also when only the new text is known (setText diffs the texts)
  s.setText(TEXT.replace('约3.5亿元', ''));
  assert.equal(s.tags().length, 4);
  s.setText(TEXT);
  assert.equal(s.serializeAnn(), before);
});

test('a deletion across a tag boundary clips the tag; its undo restores the full tag', () => {
  const s = store();
  s.accept(0); // 温州市财政局 0–6
  s.applyChange({ start: 4, end: 8, text: '' }); // 政局近日
  assert.equal(s.tags()[0].text, '温州市财');
  s.applyChange({ start: 4, end: 4, text: '政局近日' });
  assert.equal(s.tags()[0].text, '温州市财政局');
});

test('astral characters: code-point offsets in the .ann, UTF-16 changes converted', () => {
  const text = '𠮷野家老板王𠮷明说';
  const s = new DocumentAnnotations(text, '');
  assert.ok(s.tag(5, 8, 'PER').ok);
  assert.equal(s.serializeAnn(), 'T1\tPER 5 8\t王𠮷明\n');
  // an emoji typed at the start, as the editor reports it (UTF-16 offsets)
  s.applyUtf16Changes([{ start: 0, end: 0, text: '😀' }]);
  assert.equal(s.serializeAnn(), 'T1\tPER 6 9\t王𠮷明\n');
  assert.equal(s.offsets.toUtf16(6), 8);
});

test('CRLF counts as two characters and a tag after it keeps brat offsets', () => {
  const text = '第一段\r\n温州市';
  const s = new DocumentAnnotations(text, 'T1\tLOC 5 8\t温州市\n');
  assert.deepEqual(s.mismatches(), []);
  assert.equal(s.tags()[0].text, '温州市');
});

test('an .ann changed outside the editor: mismatches reported, written back untouched, re-anchored on request', () => {
  const ann = 'T1\tORG 0 6\t温州市财政局\nT2\tMONEY 10 16\t约3.5亿元\nT3\tPER 0 3\t王建国\nR1\tRel Arg1:T1 Arg2:T2\n';
  const s = new DocumentAnnotations(TEXT, ann);
  assert.deepEqual(s.tags().map((t) => t.id), ['T1']);
  const mm = s.mismatches();
  assert.deepEqual(mm.map((m) => m.tag.id), ['T3', 'T2']);
  assert.match(mm[1].message, /T2 \(MONEY\) says "约3.5亿元" at 10–16, but the text there is/);
  // an edit moves the matching tag but leaves mismatches exactly as read
  s.applyChange({ start: 0, end: 0, text: '　' });
  assert.equal(s.serializeAnn(), 'T1\tORG 1 7\t温州市财政局\nT2\tMONEY 10 16\t约3.5亿元\nT3\tPER 0 3\t王建国\nR1\tRel Arg1:T1 Arg2:T2\n');
  const r = s.reanchor();
  assert.deepEqual(r.moved.map((t) => [t.id, t.start]), [['T2', 17]]);
  assert.deepEqual(r.notFound.map((t) => t.id), ['T3']);
  assert.equal(s.serializeAnn(), 'T1\tORG 1 7\t温州市财政局\nT2\tMONEY 17 23\t约3.5亿元\nT3\tPER 0 3\t王建国\nR1\tRel Arg1:T1 Arg2:T2\n');
});

test('re-anchoring picks the occurrence nearest to the old offset', () => {
  const text = '温州 A 温州 B 温州';
  const s = new DocumentAnnotations(text, 'T1\tLOC 6 8\t温州\n');
  assert.equal(s.mismatches().length, 1);
  s.reanchor();
  assert.equal(s.tags()[0].start, 5);
});

test('tags referred to by brat relations are not removed, and the relation line is kept byte for byte', () => {
  const ann = 'T1\tORG 0 6\t温州市财政局\nT2\tMONEY 16 22\t约3.5亿元\nR1\tFunds Arg1:T1 Arg2:T2\t\n';
  const s = new DocumentAnnotations(TEXT, ann);
  const r = s.remove(0);
  assert.equal(r.ok, false);
  assert.match(r.message!, /referred to by R1/);
  s.relabel(0, 'LOC');
  assert.equal(s.serializeAnn(), 'T1\tLOC 0 6\t温州市财政局\nT2\tMONEY 16 22\t约3.5亿元\nR1\tFunds Arg1:T1 Arg2:T2\t\n');
});

test('new ids never reuse a removed or foreign id', () => {
  const s = new DocumentAnnotations(TEXT, 'T1\tORG 0 6\t温州市财政局\nT7\tLOC 0 2;3 5\t温州 财政\n');
  assert.equal(s.tag(6, 8, 'DATE').tag?.id, 'T8');
  s.remove('T8');
  assert.equal(s.tag(6, 8, 'DATE').tag?.id, 'T9');
  assert.deepEqual(parseAnn(s.serializeAnn()).errors, []);
});

test('the review sidecar holds the reviewed flag and rejections; none is written when there is nothing to keep', () => {
  const s = store();
  assert.equal(s.serializeReview(), undefined);
  s.setReviewed(true, new Date('2026-01-02T03:04:05Z'));
  s.reject(0);
  const json = JSON.parse(s.serializeReview()!);
  assert.deepEqual(json, {
    version: 1, reviewed: true, reviewedAt: '2026-01-02T03:04:05.000Z',
    rejected: [{ label: 'ORG', start: 0, end: 6, text: '温州市财政局' }],
  });
  const broken = new DocumentAnnotations(TEXT, '', '{not json');
  assert.equal(broken.reviewErrors.length, 1);
  assert.equal(broken.reviewed, false);
});

test('next and previous suggestion wrap around', () => {
  const s = store();
  assert.equal(s.nextSuggestion(0, 1)?.text, '近日');
  assert.equal(s.nextSuggestion(25, 1)?.text, '温州市财政局');
  assert.equal(s.nextSuggestion(6, -1)?.text, '温州市财政局');
  assert.equal(s.nextSuggestion(0, -1)?.text, '12个');
});

test('shiftSpan and diffTexts', () => {
  assert.deepEqual(shiftSpan(5, 8, 0, 0, 2), { kind: 'moved', start: 7, end: 10 });
  assert.deepEqual(shiftSpan(5, 8, 8, 8, 2), { kind: 'moved', start: 5, end: 8 });
  assert.deepEqual(shiftSpan(5, 8, 5, 5, 2), { kind: 'moved', start: 7, end: 10 });
  assert.deepEqual(shiftSpan(5, 8, 4, 9, 0), { kind: 'deleted' });
  assert.deepEqual(shiftSpan(5, 8, 6, 7, 3), { kind: 'touched', start: 5, end: 10 });
  assert.deepEqual(shiftSpan(5, 8, 3, 6, 0), { kind: 'touched', start: 3, end: 5 });
  assert.deepEqual(diffTexts('a𠮷b', 'a𠮷xb'), { start: 2, end: 2, text: 'x' });
  assert.deepEqual(diffTexts('𠮷', '𠮶'), { start: 0, end: 1, text: '𠮶' });
  assert.equal(diffTexts('同', '同'), undefined);
});

test('discontinuous brat spans move with the text; one whose fragment is deleted is kept as read and reported', () => {
  const text = '浙江省温州市鹿城区';
  const ann = 'T1\tLOC 0 2;3 5\t浙江 温州\r\nR1\tIn Arg1:T1 Arg2:T1\r\n';
  const s = new DocumentAnnotations(text, ann);
  assert.equal(s.serializeAnn(), ann, 'unchanged file byte for byte');
  assert.deepEqual(s.mismatches(), []);
  s.applyChange({ start: 0, end: 0, text: '据报道：' });
  assert.equal(s.serializeAnn(), 'T1\tLOC 4 6;7 9\t浙江 温州\r\nR1\tIn Arg1:T1 Arg2:T1\r\n');
  s.applyChange({ start: 7, end: 9, text: '' }); // the second fragment's text
  assert.equal(s.serializeAnn(), 'T1\tLOC 4 6;7 9\t浙江 温州\r\nR1\tIn Arg1:T1 Arg2:T1\r\n', 'left as it was');
  assert.match(s.mismatches()[0].message, /T1 \(LOC\) is a discontinuous span "浙江 温州" that no longer matches the text/);
  // a file whose discontinuous span does not match is reported at once and never rewritten
  const other = new DocumentAnnotations('完全不同的文本内容', 'T1\tLOC 0 2;3 5\t浙江 温州\n');
  assert.equal(other.mismatches().length, 1);
  other.applyChange({ start: 0, end: 0, text: '新' });
  assert.equal(other.serializeAnn(), 'T1\tLOC 0 2;3 5\t浙江 温州\n');
});

test('opening an .ann does not add values to its tags (no rewrite on open); tags made in the editor get them', () => {
  const ann = 'T1\tMONEY 16 22\t约3.5亿元\n';
  const s = new DocumentAnnotations(TEXT, ann);
  const before = s.revision;
  s.setMachineSpans(MACHINE);
  assert.equal(s.revision, before);
  assert.equal(s.serializeAnn(), ann);
  // a tag made before the analysis arrives gets its values from it
  const fresh = new DocumentAnnotations(TEXT, '');
  fresh.tag(11, 13, 'DATE');
  assert.equal(fresh.tags()[0].timex, undefined);
  fresh.setMachineSpans(MACHINE);
  assert.equal(fresh.tags()[0].timex, '2023');
});

test('suggestions after random edits: moved as each edit moves them until the next analysis, then those of a fresh store', async () => {
  const fc = (await import('fast-check')).default;
  const { analyze } = await import('../../server/src/analysis/analyze');
  const { applyEdit, randomEdit } = await import('./support/randomEdits');
  const pieces = ['据', '3.5亿元', '𠮷', '\n', '。', '次日', '2023年6月18日', '12%'];
  const base = '2023年6月18日，温州市财政局宣布投入约3.5亿元。\n次日增长12%，𠮷𠮷支持12个项目。\n';
  const spansOf = (text: string) => analyze(text, { groups: ['figures', 'dates'], dct: '2023-06-18' }).spans;
  fc.assert(
    fc.property(fc.array(fc.tuple(randomEdit(pieces, 10), fc.boolean()), { minLength: 1, maxLength: 8 }), (steps) => {
      let text = base;
      const s = new DocumentAnnotations(text);
      s.setMachineSpans(spansOf(text));
      // the reference: every machine span moved (or dropped) at each edit, as the store did before it kept the edits
      let expected = spansOf(text).map((x) => ({ ...x, key: `${x.start}:${x.end}:${x.label}` }));
      for (const [edit, look] of steps) {
        const next = applyEdit(text, edit);
        const change = diffTexts(text, next);
        text = next;
        s.setText(text);
        if (change) {
          const inserted = [...change.text].length;
          expected = expected.flatMap((x) => {
            const r = shiftSpan(x.start, x.end, change.start, change.end, inserted);
            return r.kind === 'moved' ? [r.start === x.start ? x : { ...x, start: r.start, end: r.end, key: `${r.start}:${r.end}:${x.label}` }] : [];
          });
        }
        if (look) assert.deepStrictEqual(s.suggestions(), expected);
      }
      assert.equal(s.text, text);
      s.setMachineSpans(spansOf(text));
      const fresh = new DocumentAnnotations(text);
      fresh.setMachineSpans(spansOf(text));
      assert.deepStrictEqual(s.suggestions(), fresh.suggestions());
    }),
    { numRuns: 150 },
  );
});
