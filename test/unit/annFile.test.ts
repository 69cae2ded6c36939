import test from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyAnn, formatNote, nextId, parseAnn, parseNote, referencesTo, serializeAnn,
} from '../../server/src/annotations/annFile';

const BRAT = [
  'T1\tORG 0 6\t温州市财政局',
  'T2\tMONEY 10 16\t约3.5亿元',
  '#1\tAnnotatorNotes T2\tvalue=350000000 unit=CNY mod=approx',
  'T3\tLOC 20 22;24 26\t浙江 温州',
  'R1\tLocated Arg1:T1 Arg2:T3',
  'E1\tFunding:T2 Agent:T1',
  'A1\tNegated E1',
  'N1\tReference T1 Wikipedia:123\t温州市财政局',
  '#2\tAnnotatorNotes T1\t需要核实 (check)',
  '',
].join('\n');

test('parses text-bound tags with code-point offsets and their normalised values', () => {
  const f = parseAnn(BRAT);
  assert.deepEqual(f.errors, []);
  assert.deepEqual(f.tags.map((t) => [t.id, t.label, t.start, t.end, t.text]), [
    ['T1', 'ORG', 0, 6, '温州市财政局'],
    ['T2', 'MONEY', 10, 16, '约3.5亿元'],
  ]);
  assert.equal(f.tags[1].value, 350000000);
  assert.equal(f.tags[1].unit, 'CNY');
  assert.equal(f.tags[1].mod, 'approx');
});

test('an unchanged file is written back byte for byte', () => {
  assert.equal(serializeAnn(parseAnn(BRAT)), BRAT);
  const crlf = BRAT.replace(/\n/g, '\r\n');
  assert.equal(serializeAnn(parseAnn(crlf)), crlf);
  const bomNoFinal = '\ufeff' + BRAT.trimEnd();
  assert.equal(serializeAnn(parseAnn(bomNoFinal)), bomNoFinal);
});

test('rewriting tags keeps relations, events, attributes, normalisations, discontinuous spans and free notes verbatim', () => {
  const f = parseAnn(BRAT);
  f.tags[0].label = 'LOC';
  f.tags[1].start = 11;
  f.tags[1].text = '3.5亿元';
  f.tags[1].mod = undefined;
  f.tags.push({ id: nextId(f, 'T'), label: 'DATE', start: 30, end: 35, text: '2023年', timex: '2023' });
  const out = serializeAnn(f);
  const lines = out.split('\n');
  for (const keep of [
    'T3\tLOC 20 22;24 26\t浙江 温州',
    'R1\tLocated Arg1:T1 Arg2:T3',
    'E1\tFunding:T2 Agent:T1',
    'A1\tNegated E1',
    'N1\tReference T1 Wikipedia:123\t温州市财政局',
    '#2\tAnnotatorNotes T1\t需要核实 (check)',
  ]) {
    assert.ok(lines.includes(keep), `kept: ${keep}`);
  }
  assert.equal(lines[0], 'T1\tLOC 0 6\t温州市财政局');
  assert.equal(lines[1], 'T2\tMONEY 11 16\t3.5亿元');
  assert.equal(lines[2], '#1\tAnnotatorNotes T2\tvalue=350000000 unit=CNY');
  // the new tag (T4: T3 is taken by the discontinuous span) goes after the last tag/note line, with its note (#3)
  assert.equal(lines[3], 'T4\tDATE 30 35\t2023年');
  assert.equal(lines[4], '#3\tAnnotatorNotes T4\ttimex=2023');
  const again = parseAnn(out);
  assert.deepEqual(again.errors, []);
  assert.equal(again.tags.find((t) => t.id === 'T4')?.timex, '2023');
});

test('removing a tag drops its line and its values note, and other lines stay in order', () => {
  const f = parseAnn(BRAT);
  f.tags = f.tags.filter((t) => t.id !== 'T2');
  const out = serializeAnn(f);
  assert.ok(!out.includes('T2\tMONEY'));
  assert.ok(!out.includes('#1\tAnnotatorNotes T2'));
  assert.equal(out, BRAT.replace('T2\tMONEY 10 16\t约3.5亿元\n', '').replace('#1\tAnnotatorNotes T2\tvalue=350000000 unit=CNY mod=approx\n', ''));
});

test('malformed lines are reported with their line numbers and kept verbatim; the rest is parsed', () => {
  const content = [
    'T1\tPER 0 3\t王建国',
    'T2 LOC 4 6 温州', // spaces instead of tabs
    'T3\tORG x 9\t海康',
    'T1\tLOC 0 2\t王建', // duplicate id
    'T4\tDATE 9 5\t去年', // end before start
    'hello world',
    '#9 AnnotatorNotes T1 no tabs',
    'T5\tDATE 10 14\t2023年',
    '',
  ].join('\n');
  const f = parseAnn(content);
  assert.deepEqual(f.errors.map((e) => e.line), [2, 3, 4, 5, 6, 7]);
  assert.match(f.errors[2].message, /duplicate annotation id T1/);
  assert.match(f.errors[4].message, /unknown annotation type "h"/);
  assert.deepEqual(f.tags.map((t) => t.id), ['T1', 'T5']);
  assert.equal(serializeAnn(f), content);
  f.tags[1].label = 'TIME';
  const out = serializeAnn(f).split('\n');
  assert.equal(out[1], 'T2 LOC 4 6 温州');
  assert.equal(out[5], 'hello world');
  assert.equal(out[7], 'T5\tTIME 10 14\t2023年');
  // ids of malformed-but-recognisable lines stay reserved
  assert.equal(nextId(f, 'T'), 'T6');
});

test('astral characters: offsets are code points and the text field keeps the character', () => {
  const f = emptyAnn();
  f.tags.push({ id: 'T1', label: 'PER', start: 3, end: 5, text: '𠮷明' });
  const out = serializeAnn(f);
  assert.equal(out, 'T1\tPER 3 5\t𠮷明\n');
  assert.deepEqual(parseAnn(out).tags[0], { id: 'T1', label: 'PER', start: 3, end: 5, text: '𠮷明' });
});

test('a CRLF file gets CRLF on the lines we write and keeps its own lines as they were', () => {
  const crlf = 'T1\tPER 0 3\t王建国\r\nR1\tRel Arg1:T1 Arg2:T1\r\n';
  const f = parseAnn(crlf);
  assert.equal(f.eol, '\r\n');
  assert.equal(f.tags[0].text, '王建国');
  f.tags.push({ id: 'T2', label: 'LOC', start: 5, end: 7, text: '温州' });
  assert.equal(serializeAnn(f), 'T1\tPER 0 3\t王建国\r\nT2\tLOC 5 7\t温州\r\nR1\tRel Arg1:T1 Arg2:T1\r\n');
});

test('a new file is written in offset order with one note per tag that has values', () => {
  const f = emptyAnn();
  f.tags.push({ id: 'T2', label: 'PERCENT', start: 8, end: 11, text: '15%', value: 0.15 });
  f.tags.push({ id: 'T1', label: 'CARDINAL', start: 0, end: 3, text: '12个', value: 12, unit: '个' });
  assert.equal(serializeAnn(f), [
    'T1\tCARDINAL 0 3\t12个',
    '#1\tAnnotatorNotes T1\tvalue=12 unit=个',
    'T2\tPERCENT 8 11\t15%',
    '#2\tAnnotatorNotes T2\tvalue=0.15',
    '',
  ].join('\n'));
  assert.equal(serializeAnn(emptyAnn()), '');
});

test('note values round-trip, including ranges and escaped characters; free text is not taken for values', () => {
  const v = { value: 3, valueMax: 5, unit: 'km h=1 50%', mod: 'more_than' as const, timex: 'XXXX-Q2', confidence: 0.25 };
  const body = formatNote(v)!;
  assert.equal(body, 'value=3 valueMax=5 unit=km%20h%3D1%2050%25 mod=more_than timex=XXXX-Q2 confidence=0.25');
  assert.deepEqual(parseNote(body), v);
  assert.equal(parseNote('需要核实'), undefined);
  assert.equal(parseNote('value=abc'), undefined);
  assert.equal(parseNote('mod=Sometimes!'), undefined);
  assert.equal(parseNote('value=1 value=2'), undefined);
  assert.equal(formatNote({}), undefined);
});

test('references from relations, events, attributes and notes are found', () => {
  const f = parseAnn(BRAT);
  assert.deepEqual(referencesTo(f, 'T1').sort(), ['#2', 'E1', 'N1', 'R1']);
  assert.deepEqual(referencesTo(f, 'T2'), ['E1']);
  assert.deepEqual(referencesTo(f, 'T12'), []);
});
