// The dictionary as a trie over code points in typed arrays (no objects per node): nodes in breadth-first order, so
// the children of a node are consecutive and sorted by code point (binary search); the root's children are found
// through a direct table for the Basic Multilingual Plane. A node that ends a word carries the word's weight (log
// probability) and POS tag id; other nodes have weight NaN.

/** Words sorted by code point sequence, without duplicates: their code points concatenated and where each starts. */
export interface SortedWords {
  chars: Int32Array;
  /** wordStart[i]..wordStart[i + 1] are word i's code points (length count + 1). */
  wordStart: Int32Array;
  /** 1 + the index of each word's weight in the weight table. */
  weightId: Uint16Array;
  tag: Uint8Array;
}

export class DictionaryTrie {
  /** Children of node k: ids childStart[k] .. childStart[k + 1] - 1. Node 0 is the root. */
  readonly childStart: Int32Array;
  /** The code point on the edge into each node. */
  readonly childChar: Int32Array;
  /** Per node: the id of the weight of the word it ends in weightTable, 0 (weight NaN) if it ends none. */
  readonly nodeWeightId: Uint16Array;
  /** The distinct word weights, ascending after entry 0, which is NaN. */
  readonly weightTable: Float64Array;
  readonly nodeTag: Uint8Array;
  /** The root's child for a BMP code point, or -1. */
  readonly rootBmp: Int32Array;
  private readonly rootAstral = new Map<number, number>();

  constructor(childStart: Int32Array, childChar: Int32Array, nodeWeightId: Uint16Array, weightTable: Float64Array, nodeTag: Uint8Array) {
    if (!Number.isNaN(weightTable[0])) throw new Error('the weight table must start with NaN (no word)');
    this.childStart = childStart;
    this.childChar = childChar;
    this.nodeWeightId = nodeWeightId;
    this.weightTable = weightTable;
    this.nodeTag = nodeTag;
    this.rootBmp = new Int32Array(0x10000).fill(-1);
    for (let j = childStart[0]; j < childStart[1]; j++) {
      const c = childChar[j];
      if (c < 0x10000) this.rootBmp[c] = j;
      else this.rootAstral.set(c, j);
    }
  }

  /** Builds the trie of sorted words (breadth first: each node's children are consecutive, in code point order). */
  static fromSortedWords(words: SortedWords, weightTable: Float64Array): DictionaryTrie {
    const { chars, wordStart, weightId, tag } = words;
    const count = wordStart.length - 1;
    const maxNodes = chars.length + 1;
    const childStart = new Int32Array(maxNodes + 1);
    const childChar = new Int32Array(maxNodes);
    const nodeWeightId = new Uint16Array(maxNodes);
    const nodeTag = new Uint8Array(maxNodes);
    // each node stands for the words lo..hi - 1, which share its first `depth` code points
    const lo = new Int32Array(maxNodes);
    const hi = new Int32Array(maxNodes);
    const depth = new Int32Array(maxNodes);
    hi[0] = count;
    let nodes = 1;
    for (let k = 0; k < nodes; k++) {
      let a = lo[k];
      const b = hi[k];
      const d = depth[k];
      // the prefix itself, when it is a word, sorts first
      if (a < b && wordStart[a + 1] - wordStart[a] === d) {
        nodeWeightId[k] = weightId[a];
        nodeTag[k] = tag[a];
        a++;
      }
      childStart[k] = nodes;
      while (a < b) {
        const c = chars[wordStart[a] + d];
        let e = a + 1;
        while (e < b && chars[wordStart[e] + d] === c) e++;
        childChar[nodes] = c;
        lo[nodes] = a;
        hi[nodes] = e;
        depth[nodes] = d + 1;
        nodes++;
        a = e;
      }
    }
    childStart[nodes] = nodes;
    return new DictionaryTrie(childStart.slice(0, nodes + 1), childChar.slice(0, nodes), nodeWeightId.slice(0, nodes), weightTable, nodeTag.slice(0, nodes));
  }

  get size(): number {
    return this.childChar.length;
  }

  /** The root's child for code point `cp`, or -1. */
  rootChild(cp: number): number {
    return cp < 0x10000 ? this.rootBmp[cp] : (this.rootAstral.get(cp) ?? -1);
  }

  /** Node `node`'s child for code point `cp`, or -1. */
  child(node: number, cp: number): number {
    if (node === 0) return this.rootChild(cp);
    const childChar = this.childChar;
    let a = this.childStart[node];
    let b = this.childStart[node + 1] - 1;
    while (a <= b) {
      const m = (a + b) >>> 1;
      const c = childChar[m];
      if (c < cp) a = m + 1;
      else if (c > cp) b = m - 1;
      else return m;
    }
    return -1;
  }

  /** The node reached by code points cps[from..to), or -1 (cppjieba Trie::Find for a word). */
  find(cps: Int32Array, from: number, to: number): number {
    if (from >= to) return -1;
    let node = this.rootChild(cps[from]);
    for (let i = from + 1; i < to && node >= 0; i++) node = this.child(node, cps[i]);
    return node;
  }

  /** Whether a node ends a dictionary word. */
  isWord(node: number): boolean {
    return node >= 0 && this.nodeWeightId[node] !== 0;
  }
}
