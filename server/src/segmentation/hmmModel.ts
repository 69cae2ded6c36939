// jieba's character HMM for words not in the dictionary (cppjieba HMMModel.hpp): four states B (begin), E (end),
// M (middle), S (single) with start, transition and emission log probabilities. An emission not in the model is
// MIN_DOUBLE, as in cppjieba's GetEmitProb.
import { MIN_DOUBLE } from './constants';

export const B = 0;
export const E = 1;
export const M = 2;
export const S = 3;

export class HmmModel {
  /** Row of each BMP code point in `emission`, or -1. */
  private readonly bmpRow = new Int32Array(0x10000).fill(-1);
  private readonly astralRow = new Map<number, number>();

  /**
   * @param start  log P(state) at the first character, [B, E, M, S]
   * @param trans  log P(to | from), 16 values, trans[from * 4 + to]
   * @param chars  the code points that have emissions (any order)
   * @param emission  4 values per code point of `chars`, [B, E, M, S] (MIN_DOUBLE where the model has none)
   */
  constructor(
    readonly start: Float64Array,
    readonly trans: Float64Array,
    readonly chars: Int32Array,
    readonly emission: Float64Array,
  ) {
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] < 0x10000) this.bmpRow[chars[i]] = i;
      else this.astralRow.set(chars[i], i);
    }
  }

  /** The row of code point cp in `emission` (values row*4 .. row*4+3), or -1 when the model has none. */
  row(cp: number): number {
    return cp < 0x10000 ? this.bmpRow[cp] : (this.astralRow.get(cp) ?? -1);
  }

  /** log P(cp | state), MIN_DOUBLE when unknown. */
  emit(state: number, cp: number): number {
    const r = this.row(cp);
    return r < 0 ? MIN_DOUBLE : this.emission[r * 4 + state];
  }
}
