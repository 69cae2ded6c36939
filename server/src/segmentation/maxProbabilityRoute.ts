// The most probable route through the dictionary words of a stretch of text (cppjieba MPSegment: the DAG of
// dictionary words starting at each character, then dynamic programming from the right). A character that starts
// no dictionary word is a word of its own with the minimum weight. Ties keep the first candidate in cppjieba's order
// (the one-character word first, then longer words), so its choice is reproduced exactly.
import { MAX_WORD_LENGTH, MIN_DOUBLE } from './constants';
import { DictionaryTrie } from './dictionaryTrie';

export class MaxProbabilityRoute {
  /** Per code point of the current stretch: the route's weight from there to the stretch's end. */
  private best = new Float64Array(256);
  /** Per code point: the trie node of the chosen word starting there, or -1 for a one-character non-word. */
  readonly choice: Int32Array;
  /** Per code point: the chosen word's length in code points. */
  readonly length: Int32Array;

  constructor(
    private readonly trie: DictionaryTrie,
    private readonly minWeight: number,
    capacity = 256,
  ) {
    this.best = new Float64Array(capacity);
    this.choice = new Int32Array(capacity);
    this.length = new Int32Array(capacity);
  }

  /**
   * Computes the route over cps[from..to) into choice/length (indexed from - from .. to - from - 1).
   * The arrays must hold at least to - from entries (see MaxProbabilityRoute.capacity).
   */
  run(cps: Int32Array, from: number, to: number): void {
    const { trie, minWeight, best, choice, length } = this;
    const { childStart, childChar, nodeWeightId, weightTable, rootBmp } = trie;
    const n = to - from;
    for (let i = n - 1; i >= 0; i--) {
      const c0 = cps[from + i];
      let node = c0 < 0x10000 ? rootBmp[c0] : trie.rootChild(c0);
      let bestWeight = MIN_DOUBLE;
      let bestNode = -1;
      let bestLength = 1;
      // the one-character candidate: a dictionary word, or a non-word at the minimum weight
      const id0 = node >= 0 ? nodeWeightId[node] : 0;
      const w0 = id0 !== 0 ? weightTable[id0] : minWeight;
      let val = (i + 1 < n ? best[i + 1] : 0) + w0;
      if (val > bestWeight) {
        bestWeight = val;
        bestNode = id0 !== 0 ? node : -1;
      }
      for (let j = i + 1; j < n && j - i + 1 <= MAX_WORD_LENGTH && node >= 0; j++) {
        // child of node for cps[from + j]: binary search among its sorted children
        const cp = cps[from + j];
        let a = childStart[node];
        let b = childStart[node + 1] - 1;
        node = -1;
        while (a <= b) {
          const m = (a + b) >>> 1;
          const c = childChar[m];
          if (c < cp) a = m + 1;
          else if (c > cp) b = m - 1;
          else {
            node = m;
            break;
          }
        }
        if (node < 0) break;
        const id = nodeWeightId[node];
        if (id === 0) continue;
        const w = weightTable[id];
        val = (j + 1 < n ? best[j + 1] : 0) + w;
        if (val > bestWeight) {
          bestWeight = val;
          bestNode = node;
          bestLength = j - i + 1;
        }
      }
      best[i] = bestWeight;
      choice[i] = bestNode;
      length[i] = bestLength;
    }
  }
}

/** A route with room for `n` code points, reusing `route` when it is big enough. */
export function routeFor(route: MaxProbabilityRoute | undefined, trie: DictionaryTrie, minWeight: number, n: number): MaxProbabilityRoute {
  if (route && route.choice.length >= n) return route;
  return new MaxProbabilityRoute(trie, minWeight, Math.max(n, 2 * (route?.choice.length ?? 128)));
}
