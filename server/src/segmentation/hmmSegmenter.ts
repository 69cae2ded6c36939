// Cuts a run of characters the dictionary route left as single characters into words with jieba's HMM
// (cppjieba HMMSegment::Cut): ASCII characters are taken out first (a letter followed by letters and digits is one
// word, a digit followed by digits and dots is one word, any other ASCII character is a word), and each stretch
// between them is labelled B/E/M/S by Viterbi; a word ends at each E or S.
import { MIN_DOUBLE } from './constants';
import { E, HmmModel, S } from './hmmModel';

const isLetter = (x: number) => (x >= 0x61 && x <= 0x7a) || (x >= 0x41 && x <= 0x5a);
const isDigit = (x: number) => x >= 0x30 && x <= 0x39;

export class HmmSegmenter {
  private weight = new Float64Array(4 * 64);
  private path = new Int8Array(4 * 64);
  private status = new Uint8Array(64);

  constructor(private readonly model: HmmModel) {}

  /** Calls word(start, end) for each word of cps[from..to), in order. */
  cut(cps: Int32Array, from: number, to: number, word: (start: number, end: number) => void): void {
    let left = from;
    let right = from;
    while (right < to) {
      const x = cps[right];
      if (x < 0x80) {
        if (left !== right) this.viterbiCut(cps, left, right, word);
        left = right;
        let r = left;
        if (isLetter(x)) {
          r++;
          while (r < to && (isLetter(cps[r]) || isDigit(cps[r]))) r++;
        } else if (isDigit(x)) {
          r++;
          while (r < to && (isDigit(cps[r]) || cps[r] === 0x2e)) r++;
        } else r++;
        word(left, r);
        left = right = r;
      } else right++;
    }
    if (left !== right) this.viterbiCut(cps, left, right, word);
  }

  /** HMMSegment::InternalCut + Viterbi over cps[begin..end), the same arithmetic in the same order. */
  private viterbiCut(cps: Int32Array, begin: number, end: number, word: (start: number, end: number) => void): void {
    const X = end - begin;
    if (this.status.length < X) {
      const k = Math.max(X, 2 * this.status.length);
      this.weight = new Float64Array(4 * k);
      this.path = new Int8Array(4 * k);
      this.status = new Uint8Array(k);
    }
    const { weight, path, status, model } = this;
    const { start, trans, emission } = model;
    // weight[x * 4 + y]: best log probability of the first x + 1 characters ending in state y
    let row = model.row(cps[begin]);
    for (let y = 0; y < 4; y++) {
      weight[y] = start[y] + (row < 0 ? MIN_DOUBLE : emission[row * 4 + y]);
      path[y] = -1;
    }
    for (let x = 1; x < X; x++) {
      row = model.row(cps[begin + x]);
      const o = (x - 1) * 4;
      for (let y = 0; y < 4; y++) {
        const now = x * 4 + y;
        let w = MIN_DOUBLE;
        let p = E;
        const emitProb = row < 0 ? MIN_DOUBLE : emission[row * 4 + y];
        for (let preY = 0; preY < 4; preY++) {
          const tmp = weight[o + preY] + trans[preY * 4 + y] + emitProb;
          if (tmp > w) {
            w = tmp;
            p = preY;
          }
        }
        weight[now] = w;
        path[now] = p;
      }
    }
    const last = (X - 1) * 4;
    let stat = weight[last + E] >= weight[last + S] ? E : S;
    for (let x = X - 1; x >= 0; x--) {
      status[x] = stat;
      stat = path[x * 4 + stat];
    }
    let left = begin;
    for (let i = 0; i < X; i++) {
      if (status[i] & 1) {
        word(left, begin + i + 1);
        left = begin + i + 1;
      }
    }
  }
}
