// MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL. (Being written: see issue 2.)
import type { RawSpan } from './analyze';

export function recogniseFigures(_text: string): RawSpan[] {
  return [];
}
