// Tag integrity rules (issue #17): text mismatch, label not in the schema, suggestions left in a reviewed file,
// overlaps the schema forbids.
import test from 'node:test';
import assert from 'node:assert/strict';
import { tagIntegrity } from '../../server/src/checks/tagIntegrity';

const labels = [
  { name: 'PER', mayOverlap: false },
  { name: 'ORG', mayOverlap: true },
  { name: 'LOC', mayOverlap: true },
];
const tag = (label: string, start: number, end: number, text = 'x') => ({ label, start, end, text, range: `${start}-${end}` });

test('tag integrity: unknown label, unreviewed suggestion in a reviewed file, forbidden overlap, text mismatch', () => {
  const findings = tagIntegrity({
    tags: [tag('PER', 0, 2, '张伟'), tag('ORG', 1, 5, '伟达公司'), tag('EVENT', 10, 12, '会议')],
    mismatches: [{ ...tag('LOC', 20, 22, '北京'), message: 'moved' }],
    suggestions: [tag('LOC', 30, 32, '上海')],
    labels,
    reviewed: true,
  });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.range]),
    [
      ['tag-mismatch', '20-22'],
      ['tag-label-unknown', '10-12'],
      ['tag-suggestion-unreviewed', '30-32'],
      ['tag-overlap', '1-5'],
    ],
  );
  const overlap = findings.find((f) => f.rule === 'tag-overlap')!;
  assert.equal(overlap.related?.range, '0-2');
  assert.match(overlap.messageZh, /重叠/);
});

test('tag integrity: allowed overlaps, a file not reviewed, known labels and settings are respected', () => {
  const input = { tags: [tag('ORG', 0, 4), tag('LOC', 0, 2), tag('PER', 4, 6)], mismatches: [], suggestions: [tag('PER', 8, 9)], labels, reviewed: false };
  assert.deepEqual(tagIntegrity(input), []);
  const reviewed = tagIntegrity({ ...input, reviewed: true }, { 'tag-suggestion-unreviewed': 'info' });
  assert.deepEqual(reviewed.map((f) => [f.rule, f.severity]), [['tag-suggestion-unreviewed', 'info']]);
  assert.deepEqual(tagIntegrity({ ...input, reviewed: true }, { 'tag-suggestion-unreviewed': 'off' }), []);
});
