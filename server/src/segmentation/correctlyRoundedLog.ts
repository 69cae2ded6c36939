// The natural logarithm of a double, correctly rounded (round to nearest, ties to even), computed with BigInt
// fixed-point arithmetic. The lexicon builder needs it because jieba turns word frequencies into weights with C's
// log(), and the weights decide ties between word routes: V8's Math.log is off by one unit in the last place for
// about 1% of jieba's frequencies (49 of 5,088 distinct values), while the C library's log gave the correctly rounded
// value for every one of them (checked against it when this was written). Slow (tens of microseconds a call):
// for build scripts only.

const PRECISION = 256n; // fixed-point bits
const ONE = 1n << PRECISION;

/** atanh(z) for a fixed-point z (|z| < 1/2), scaled by 2^PRECISION. */
function atanhFixed(z: bigint): bigint {
  const z2 = (z * z) >> PRECISION;
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) >> PRECISION;
  }
  return sum;
}

/** ln(m) for a fixed-point m in [1, 2). */
function lnFixed(m: bigint): bigint {
  // ln m = 2 atanh((m - 1) / (m + 1)), the argument in [0, 1/3)
  return 2n * atanhFixed(((m - ONE) << PRECISION) / (m + ONE));
}

const LN2_FIXED = 2n * atanhFixed(ONE / 3n); // ln 2 = 2 atanh(1/3)

/** The bits of a positive finite double: x = mantissa * 2^exponent with an integer mantissa. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa, exponent: -1074 };
  mantissa |= 1n << 52n;
  return { mantissa, exponent: biased - 1075 };
}

/** A fixed-point value (scaled by 2^PRECISION) rounded to the nearest double, ties to even. */
function fixedToDouble(v: bigint): number {
  if (v === 0n) return 0;
  const negative = v < 0n;
  let a = negative ? -v : v;
  const bits = a.toString(2).length;
  let shift = bits - 53;
  if (shift <= 0) {
    const r = Number(a) * 2 ** -Number(PRECISION);
    return negative ? -r : r;
  }
  let mantissa = a >> BigInt(shift);
  const rest = a - (mantissa << BigInt(shift));
  const half = 1n << BigInt(shift - 1);
  if (rest > half || (rest === half && (mantissa & 1n) === 1n)) mantissa += 1n;
  if (mantissa === 1n << 53n) {
    mantissa >>= 1n;
    shift += 1;
  }
  a = mantissa;
  const r = Number(a) * 2 ** (shift - Number(PRECISION));
  return negative ? -r : r;
}

/** ln(x), correctly rounded, for a positive finite double x. */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  const { mantissa, exponent } = decompose(x);
  // x = m * 2^k with m in [1, 2)
  const mbits = mantissa.toString(2).length;
  const k = exponent + mbits - 1;
  const m = mantissa << (PRECISION - BigInt(mbits - 1));
  return fixedToDouble(lnFixed(m) + BigInt(k) * LN2_FIXED);
}
