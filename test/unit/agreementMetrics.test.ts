// Agreement measures checked against published worked examples (the source of each expected number is named).
import * as assert from 'assert';
import { test } from 'node:test';
import {
  Confusion,
  FleissTable,
  LabelledSpan,
  alphaU,
  expectedDisagreement,
  labelRuns,
  observedDisagreement,
  spanF1,
} from '../../server/src/agreement/metrics';

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not ${expected} ± ${tolerance}`);

/** A row of 0/1 codes as in Krippendorff (1995: 57), "0 0|1 1 …" → the units of category `label` of that coder. */
function unitsFromCodes(codes: string, label: string, stretch = 1): LabelledSpan[] {
  // Segments are separated by "|"; a segment of 1s is a unit.
  const out: LabelledSpan[] = [];
  let pos = 0;
  for (const segment of codes.split('|')) {
    const cells = segment.trim().split(/\s+/);
    if (cells[0] === '1') out.push({ start: pos * stretch, end: (pos + cells.length) * stretch, label });
    pos += cells.length;
  }
  return out;
}

// Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology 25: 47–76,
// the four pairs of coders on p. 57; expected values as computed by DKPro Statistics' Krippendorff1995Test
// (observed disagreements exactly; alphas to ±0.02 for a continuum stretched so that it is near-continuous).
const KRIPPENDORFF_1995: Record<string, [string, string]> = {
  A: ['0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0', '0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0'],
  C: ['0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0', '1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0'],
};

function study1995(category: 'A' | 'C', stretch: number) {
  const [a, b] = KRIPPENDORFF_1995[category];
  return { length: 24 * stretch, raters: [unitsFromCodes(a, category, stretch), unitsFromCodes(b, category, stretch)] };
}

test('αu: observed disagreement of Krippendorff (1995: 57) examples A and C', () => {
  close(observedDisagreement(study1995('A', 1), 'A'), 0.03125, 1e-5, 'D_o A');
  close(observedDisagreement(study1995('C', 1), 'C'), 0.02777, 1e-5, 'D_o C');
});

test('αu: expected disagreement and alpha of Krippendorff (1995) examples on a near-continuous scale', () => {
  const a = study1995('A', 50_000);
  close(expectedDisagreement(a, 'A'), 0.0699, 0.005, 'D_e A');
  close(alphaU(a).alpha, 0.553, 0.02, 'αu A');
  const c = study1995('C', 50_000);
  close(expectedDisagreement(c, 'C'), 0.08642, 0.005, 'D_e C');
  close(alphaU(c).alpha, 0.679, 0.02, 'αu C');
  // the same example on a coarse scale of 12 cells (DKPro: D_o 0.02777, D_e 0.05494, α 0.494)
  const coarse = study1995('C', 0.5);
  close(observedDisagreement(coarse, 'C'), 0.02777, 1e-5, 'D_o C at 12 cells');
  close(expectedDisagreement(coarse, 'C'), 0.05494, 1e-5, 'D_e C at 12 cells');
  close(alphaU(coarse).alpha, 0.494, 0.02, 'αu C at 12 cells');
});

test('αu: a coder who splits one long unit into pieces (DKPro Statistics UnitizingAgreementTest)', () => {
  // r0: -11111111-   r1: --1-1-1---   → D_o 0.9100, D_e 0.5351, αu −0.7003
  const study = {
    length: 10,
    raters: [[{ start: 1, end: 9, label: 'A' }], [2, 4, 6].map((s) => ({ start: s, end: s + 1, label: 'A' }))],
  };
  close(observedDisagreement(study, 'A'), 0.91, 1e-4, 'D_o');
  close(expectedDisagreement(study, 'A'), 0.5351, 1e-4, 'D_e');
  close(alphaU(study).alpha, -0.7003, 1e-4, 'αu');
});

test('αu: identical annotations agree perfectly; no units at all give NaN', () => {
  const units = [{ start: 3, end: 7, label: 'PER' }, { start: 10, end: 12, label: 'LOC' }];
  assert.strictEqual(alphaU({ length: 20, raters: [units, units] }).alpha, 1);
  assert.ok(Number.isNaN(alphaU({ length: 20, raters: [[], []] }).alpha));
});

test("Cohen's κ: Krippendorff (1995) digitised examples A (0.385) and C (0.314) and Wikipedia's 2×2 (0.4)", () => {
  for (const [category, expected] of [['A', 0.385], ['C', 0.314]] as const) {
    const study = study1995(category, 1);
    const confusion = new Confusion();
    for (const run of labelRuns(study.raters, study.length)) confusion.add(run.labels[0], run.labels[1], run.length);
    assert.strictEqual(confusion.total, 24);
    close(confusion.kappa(), expected, 0.001, `κ ${category}`);
  }
  // Wikipedia, "Cohen's kappa", first worked example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4.
  const c = new Confusion();
  c.add('yes', 'yes', 20);
  c.add('yes', 'no', 5);
  c.add('no', 'yes', 10);
  c.add('no', 'no', 15);
  close(c.kappa(), 0.4, 1e-9, 'κ');
});

test("Fleiss' κ: the worked example of Fleiss (1971) as tabulated on Wikipedia (10 items, 14 raters) is 0.210", () => {
  const table = new FleissTable();
  for (const row of [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
  ]) table.addRow(row);
  close(table.kappa(), 0.21, 0.001, 'Fleiss κ');
  assert.throws(() => table.addRow([1, 2]), /14 ratings/);
});

test("Fleiss' κ of two raters equals Scott's π (Krippendorff 1995 example C: 0.314)", () => {
  const study = study1995('C', 1);
  const table = new FleissTable();
  for (const run of labelRuns(study.raters, study.length)) table.addItem(run.labels, run.length);
  close(table.kappa(), 0.314, 0.001, 'π');
});

test('span F1 counts exact matches per label, symmetrically', () => {
  const a = [{ start: 0, end: 2, label: 'PER' }, { start: 5, end: 8, label: 'LOC' }, { start: 9, end: 12, label: 'ORG' }];
  const b = [{ start: 0, end: 2, label: 'PER' }, { start: 5, end: 7, label: 'LOC' }];
  const { overall, byLabel } = spanF1(a, b);
  assert.deepStrictEqual([overall.matched, overall.countA, overall.countB], [1, 3, 2]);
  close(overall.f1, 0.4, 1e-12, 'F1');
  assert.strictEqual(byLabel.get('PER')!.f1, 1);
  assert.strictEqual(byLabel.get('LOC')!.f1, 0);
  assert.strictEqual(byLabel.get('ORG')!.f1, 0);
  assert.strictEqual(spanF1(b, a).overall.f1, overall.f1);
  assert.strictEqual(spanF1([], []).overall.f1, 1);
});

test('label runs cover the text once, with O outside spans and the first of overlapping spans', () => {
  const runs = labelRuns(
    [[{ start: 1, end: 3, label: 'PER' }], [{ start: 2, end: 5, label: 'LOC' }, { start: 3, end: 4, label: 'ORG' }]],
    6,
  );
  assert.deepStrictEqual(
    runs.map((r) => [r.length, ...r.labels]),
    [[1, 'O', 'O'], [1, 'PER', 'O'], [1, 'PER', 'LOC'], [2, 'O', 'LOC'], [1, 'O', 'O']],
  );
});
