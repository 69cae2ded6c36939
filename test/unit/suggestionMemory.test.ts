// Online adaptation while tagging (server/src/annotations/suggestionMemory.ts): rejected (text, label) pairs never come
// back anywhere in the workspace, tagged strings are suggested where they recur, never inside longer names or words,
// never over confirmed tags, and the memory file round-trips.
import test from 'node:test';
import assert from 'node:assert/strict';
import { SuggestionMemory } from '../../server/src/annotations/suggestionMemory';
import { DocumentAnnotations } from '../../server/src/annotations/documentAnnotations';
import type { Span } from '../../server/src/core/types';

/** A span over the first occurrence (after `from`) of `s` in `text`, in code points. */
function span(text: string, s: string, label: string, from = 0, confidence?: number): Span {
  const cps = [...text];
  const needle = [...s];
  for (let i = from; i + needle.length <= cps.length; i++) {
    if (needle.every((c, k) => cps[i + k] === c)) {
      return { start: i, end: i + needle.length, label: label as Span['label'], text: s, ...(confidence === undefined ? {} : { confidence }) };
    }
  }
  throw new Error(`${s} not in ${text}`);
}

const on = { learnFromTags: true };
const brief = (spans: readonly Span[]) => spans.map((s) => `${s.text}/${s.label}@${s.start}`);

test('a rejected (text, label) is not suggested in any article, other labels of the same string are', () => {
  const memory = new SuggestionMemory();
  memory.reject('曼联', 'PER');
  const text = '曼联主帅表示，曼联将在周末迎战利物浦。';
  const machine = [span(text, '曼联', 'PER'), span(text, '曼联', 'PER', 3), span(text, '利物浦', 'LOC')];
  assert.deepEqual(brief(memory.adapt(text, machine, on)), ['利物浦/LOC@15']);
  assert.deepEqual(brief(memory.adapt(text, [span(text, '曼联', 'ORG')], { learnFromTags: false })), ['曼联/ORG@0']);
  // tagging the string with that label lifts the rejection: the latest decision wins
  assert.equal(memory.unreject('曼联', 'PER'), true);
  assert.equal(memory.adapt(text, machine, on).length, 3);
});

test('a tagged string is suggested with its label where it recurs, in other documents too', () => {
  const memory = new SuggestionMemory();
  memory.setDocumentTags('a.ann', [{ text: '切尔西', label: 'ORG' }, { text: '雄安新区', label: 'LOC' }]);
  const text = '切尔西客场取胜。雄安新区建设提速，雄安新区管委会表示。';
  // the model typed the club as a person and cut the district short
  const machine = [span(text, '切尔西', 'PER', 0, 0.41), span(text, '雄安', 'LOC', 0, 0.7)];
  const out = memory.adapt(text, machine, on);
  // with no machine span around it, the second 雄安新区 (of 雄安新区管委会) is suggested too: the rule needs the model's
  // longer name to see it is inside one
  assert.deepEqual(brief(out), ['切尔西/ORG@0', '雄安新区/LOC@8', '雄安新区/LOC@17']);
  assert.equal((out[0] as { learned?: number }).learned, 1, 'marked as learned, with the number of tags behind it');
  assert.equal(out[0].confidence, 1);
  // the second 雄安新区 lies inside a longer machine name (雄安新区管委会): left to the model
  const withOrg = [...machine, span(text, '雄安新区管委会', 'ORG')];
  assert.deepEqual(brief(memory.adapt(text, withOrg, on)), ['切尔西/ORG@0', '雄安新区/LOC@8', '雄安新区管委会/ORG@17']);
  // the setting turns propagation off; the machine spans stay as they were
  assert.deepEqual(brief(memory.adapt(text, machine, { learnFromTags: false })), ['切尔西/PER@0', '雄安/LOC@8']);
});

test('no propagation inside longer names, across machine spans, over tags, next to Latin letters or digits, or of one character', () => {
  const memory = new SuggestionMemory();
  memory.setDocumentTags('a.ann', [
    { text: '李明', label: 'PER' }, { text: 'IBM', label: 'ORG' }, { text: '京', label: 'LOC' }, { text: '北京', label: 'LOC' },
  ]);
  const text = '李明亮说，IBMX与IBM合作，京北京';
  const machine = [span(text, '李明亮', 'PER')];
  assert.deepEqual(brief(memory.adapt(text, machine, on)), ['李明亮/PER@0', 'IBM/ORG@10', '北京/LOC@17']);
  // a span crossing the learned string's edge blocks it too
  const crossing = [{ ...span(text, '明亮', 'PER') }];
  assert.deepEqual(brief(memory.adapt(text, crossing, on)).filter((s) => s.startsWith('李明')), []);
  // over a confirmed tag (of any label): nothing
  const tags = [{ start: 16, end: 18 }]; // 京北: overlaps 北京
  assert.deepEqual(brief(memory.adapt(text, machine, { learnFromTags: true, tags })), ['李明亮/PER@0', 'IBM/ORG@10']);
});

test('longest lexicon string wins; a label tie or a rejected label suggests nothing; counts follow documents', () => {
  const memory = new SuggestionMemory();
  memory.setDocumentTags('a.ann', [{ text: '北京', label: 'LOC' }, { text: '北京大学', label: 'ORG' }, { text: '华盛顿', label: 'PER' }]);
  memory.setDocumentTags('b.ann', [{ text: '华盛顿', label: 'LOC' }]);
  const text = '北京大学在北京。华盛顿';
  assert.deepEqual(brief(memory.adapt(text, [], on)), ['北京大学/ORG@0', '北京/LOC@5']);
  assert.equal(memory.learnedLabel('华盛顿'), undefined, 'PER 1 vs LOC 1: a tie');
  memory.setDocumentTags('c.ann', [{ text: '华盛顿', label: 'LOC' }]);
  assert.deepEqual(memory.learnedLabel('华盛顿'), { label: 'LOC', count: 2, share: 2 / 3 });
  memory.reject('华盛顿', 'LOC');
  assert.equal(memory.learnedLabel('华盛顿'), undefined);
  assert.equal(memory.tagCount(), 5);
  memory.forgetDocument('c.ann');
  memory.forgetDocument('b.ann');
  assert.equal(memory.tagCount(), 3);
  // a document's tags replaced: the old strings are no longer learned
  memory.setDocumentTags('a.ann', [{ text: '北京大学', label: 'ORG' }]);
  assert.deepEqual(brief(memory.adapt(text, [], on)), ['北京大学/ORG@0']);
});

test('astral characters and CRLF: offsets are code points', () => {
  const memory = new SuggestionMemory();
  memory.setDocumentTags('a.ann', [{ text: '𠀾公司', label: 'ORG' }]);
  const text = '𠀀\r\n𠀾公司成立';
  assert.deepEqual(brief(memory.adapt(text, [], on)), ['𠀾公司/ORG@3']);
});

test('the memory file round-trips; a malformed file is reported and read as empty', () => {
  const memory = new SuggestionMemory();
  memory.reject('曼联', 'PER', new Date('2026-12-06T10:00:00Z'));
  memory.reject('周末', 'DATE', new Date('2026-12-06T10:00:00Z'));
  const copy = new SuggestionMemory();
  assert.deepEqual(copy.load(memory.serialize()), {});
  assert.equal(copy.isRejected('曼联', 'PER'), true);
  assert.equal(copy.isRejected('周末', 'DATE'), true);
  assert.match(JSON.parse(memory.serialize()).rejected[0].label, /DATE/, 'sorted by label');
  assert.match(copy.load('{oops').error ?? '', /not JSON/);
  assert.equal(copy.rejected().length, 0);
  assert.match(copy.load('{"rejected": 3}').error ?? '', /expected/);
});

test('in the tag store: learned suggestions are suggestions (not tags) and can be accepted or rejected', () => {
  const memory = new SuggestionMemory();
  memory.setDocumentTags('other.ann', [{ text: '切尔西', label: 'ORG' }]);
  const text = '切尔西客场取胜，切尔西球迷欢呼。';
  const store = new DocumentAnnotations(text);
  store.setMachineSpans(memory.adapt(text, [span(text, '切尔西', 'PER')], on));
  assert.deepEqual(store.suggestions().map((s) => `${s.text}/${s.label}@${s.start}`), ['切尔西/ORG@0', '切尔西/ORG@8']);
  assert.equal(store.tags().length, 0);
  assert.equal(store.accept(0).ok, true);
  assert.deepEqual(store.tags().map((t) => `${t.text}/${t.label}`), ['切尔西/ORG']);
  assert.equal(store.reject(8).ok, true);
  assert.equal(store.suggestions().length, 0);
});

test('one pass over a long text with a large lexicon', () => {
  const memory = new SuggestionMemory();
  const tags = Array.from({ length: 5000 }, (_, i) => ({ text: `机构${i}号`, label: 'ORG' }));
  memory.setDocumentTags('big.ann', tags);
  const text = '这是机构42号的新闻。'.repeat(20000);
  const out = memory.adapt(text, [], on);
  assert.equal(out.length, 20000);
  assert.equal(out[1].start, 13);
});
