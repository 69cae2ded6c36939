// The unrolled decoding passes for the model's 7 tags give exactly what the loops over any tag set give (paths,
// tie-breaking and margins to the last bit), and both find the best legal path.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TAG_COUNT, allowedStart, allowedTransition } from '../../server/src/ner/tags';
import { constrain, decode, decodeByLoops, viterbi } from '../../server/src/ner/decode';
import { maskEmissions } from '../../server/src/ner/perceptron';

const L = TAG_COUNT;

/** Emissions and transitions from small integers (so that ties are frequent), some tags masked to -Infinity. */
const problem = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    values: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 12 * L, maxLength: 12 * L }),
    trans: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: L * L, maxLength: L * L }),
    start: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: L, maxLength: L }),
    end: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: L, maxLength: L }),
    masks: fc.array(fc.integer({ min: 1, max: (1 << L) - 1 }), { minLength: 12, maxLength: 12 }),
    masked: fc.boolean(),
    scale: fc.constantFrom(1, 0.37, 1e-3),
  })
  .map(({ n, values, trans, start, end, masks, masked, scale }) => {
    const raw = Float64Array.from(values.slice(0, n * L), (v) => v * scale);
    const emit = masked ? maskEmissions(raw, Uint8Array.from(masks), n) : raw;
    return { n, emit, tr: constrain(trans.map((v) => v * scale), start.map((v) => v * scale), end.map((v) => v * scale)) };
  });

test('decoding: the unrolled passes for 7 tags equal the loops: same path, same margins to the bit', () => {
  assert.equal(L, 7);
  fc.assert(
    fc.property(problem, ({ n, emit, tr }) => {
      const a = decode(emit, n, tr);
      const b = decodeByLoops(emit, n, tr);
      assert.deepEqual(Array.from(a.path), Array.from(b.path));
      assert.deepEqual(Array.from(viterbi(emit, n, tr)), Array.from(b.path));
      assert.deepEqual(Array.from(a.margins()), Array.from(b.margins()));
    }),
    { numRuns: 2000, seed: 11 },
  );
});

test('decoding: the path scores as well as any legal path (brute force over short sentences)', () => {
  fc.assert(
    fc.property(problem.filter((p) => p.n <= 4), ({ n, emit, tr }) => {
      const score = (path: number[]) => {
        let s = tr.start[path[0]] + emit[path[0]] + tr.end[path[n - 1]];
        for (let i = 1; i < n; i++) s += tr.trans[path[i - 1] * L + path[i]] + emit[i * L + path[i]];
        return s;
      };
      let best = -Infinity;
      const walk = (path: number[]) => {
        if (path.length === n) {
          best = Math.max(best, score(path));
          return;
        }
        for (let q = 0; q < L; q++) {
          if (path.length === 0 ? !allowedStart(q) : !allowedTransition(path[path.length - 1], q)) continue;
          walk([...path, q]);
        }
      };
      walk([]);
      const found = score(Array.from(decode(emit, n, tr).path));
      if (best === -Infinity) return; // every legal path is masked out
      assert.ok(Math.abs(found - best) < 1e-9, `path scores ${found}, best legal path ${best}`);
    }),
    { numRuns: 500, seed: 12 },
  );
});
