// DATE, TIME, DURATION with TIMEX3 values. (Being written: see issue 2.)
import type { RawSpan } from './analyze';

export function recogniseDates(_text: string, _dct: string | undefined): RawSpan[] {
  return [];
}
