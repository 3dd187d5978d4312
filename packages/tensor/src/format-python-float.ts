/**
 * Python's `format(x, '.<digits>f')` and `format(x, '.<digits>e')` for a double: the exact binary
 * value rounded half to even (JavaScript's toFixed and toExponential round ties away from zero and
 * spell exponents differently), 'nan', 'inf' and '-inf', and the sign of negative zero kept.
 */
export function formatPythonFloat(x: number, digits: number, style: 'f' | 'e'): string {
  return style === 'f' ? formatFixed(x, digits) : formatExponential(x, digits);
}

const scratch = new DataView(new ArrayBuffer(8));

/** A finite non-zero |x| as mantissa * 2**exponent, exactly. */
function decompose(x: number): [bigint, number] {
  scratch.setFloat64(0, Math.abs(x));
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? [mantissa, -1074] : [mantissa | (1n << 52n), biased - 1075];
}

/** round(|x| * 10**scale), ties to even, computed on the exact binary value as Python does. */
function scaledRound(x: number, scale: number): bigint {
  const [mantissa, exponent] = decompose(x);
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator *= 10n ** BigInt(-scale);
  const quotient = numerator / denominator;
  const twice = 2n * (numerator - quotient * denominator);
  if (twice > denominator || (twice === denominator && (quotient & 1n) === 1n)) return quotient + 1n;
  return quotient;
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const n = x === 0 ? '0' : scaledRound(x, digits).toString();
  if (digits === 0) return signOf(x) + n;
  const padded = n.padStart(digits + 1, '0');
  return `${signOf(x)}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

function formatExponential(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  let exponent = 0;
  let n = 0n;
  if (x !== 0) {
    const low = 10n ** BigInt(digits);
    const high = low * 10n;
    exponent = Math.floor(Math.log10(Math.abs(x)));
    // log10 can be off by one near powers of ten, and rounding can carry into a new digit.
    for (;;) {
      n = scaledRound(x, digits - exponent);
      if (n >= high) exponent++;
      else if (n < low) exponent--;
      else break;
    }
  }
  const text = n.toString().padStart(digits + 1, '0');
  const mantissa = digits === 0 ? text : `${text[0]}.${text.slice(1)}`;
  const e = Math.abs(exponent).toString().padStart(2, '0');
  return `${signOf(x)}${mantissa}e${exponent < 0 ? '-' : '+'}${e}`;
}
