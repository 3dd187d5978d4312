/**
 * The `math` module functions and Python number builtins TorchScript compiles to ops beyond the
 * pointwise scalar overloads (gcd, factorial, gamma, modf, frexp, divmod, min/max, abs, ...).
 * Results are typed by the schema: float results stay floats when integral.
 */
import * as K from '@tsjit/kernels';
import type { ImplFn, Overload } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { OpContext } from '../core/tensor-like.js';
import { big, isFloatValue, isIntValue, num, pyFloat, pyInt, tuple } from './py-values.js';

/** A float64 function through the native unary kernel (no JS Math version of lgamma). */
export function kernelMath(ctx: OpContext, op: K.UnaryOp, x: number): number {
  const input = ctx.empty([], 'float64');
  K.fill(input, x);
  const out = ctx.empty([], 'float64');
  K.unary(op, out, input);
  return new Float64Array(out.data.buffer, out.data.byteOffset + out.offset * 8, 1)[0];
}

/** C's tgamma: poles at 0 (signed infinity) and NaN at the negative integers. */
export function tgamma(ctx: OpContext, x: number): number {
  if (x === 0) return Object.is(x, -0) ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x < 0 && Number.isInteger(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x > 0 && x <= 171 && Number.isInteger(x)) {
    let r = 1;
    for (let i = 2; i < x; i++) r *= i;
    return r;
  }
  const magnitude = Math.exp(kernelMath(ctx, 'lgamma', x));
  // Γ is negative on (-2k-1, -2k).
  return x < 0 && Math.floor(x) % 2 !== 0 ? -magnitude : magnitude;
}

/** Whether the overload's result (first return) is an int, a float, or follows the operands (Scalar). */
function returnKind(o: Overload): string {
  return o.schema.returns[0]?.type.kind ?? '';
}

/** A float-valued math function of one argument: `.int`, `.float` and `.Scalar` overloads. */
export function floatMath1(f: (x: number, ctx: OpContext) => number): ImplFn {
  return ({ a }, ctx) => pyFloat(f(num(a), ctx));
}

export const gcdInt: ImplFn = ({ a, b }) => {
  let x = big(a);
  let y = big(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return pyInt(x < 0n ? -x : x);
};

export const factorialInt: ImplFn = ({ a }) => {
  const n = big(a);
  if (n < 0n) throw new OpError('factorial() not defined for negative values');
  // From 66! on, 2^64 divides the product: the wrapped int64 is 0.
  if (n >= 66n) return 0;
  let r = 1n;
  for (let i = 2n; i <= n; i++) r = BigInt.asIntN(64, r * i);
  return pyInt(r);
};

/** IEEE remainder (math.remainder): x - n*y with n the integer nearest x/y, ties to even. */
export function ieeeRemainder(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x) || y === 0) return Number.NaN;
  if (!Number.isFinite(y)) return x;
  const r = x % y;
  const ay = Math.abs(y);
  const ar = Math.abs(r);
  let m = r;
  if (ar > ay / 2 || (ar === ay / 2 && Math.abs(Math.round((x - r) / y)) % 2 !== 0)) {
    m = r - Math.sign(r) * ay;
  }
  return m === 0 ? Math.sign(x) * 0 : m;
}

export const mathRemainder: ImplFn = ({ a, b }) => pyFloat(ieeeRemainder(num(a), num(b)));

export const modfImpl: ImplFn = ({ a }) => {
  const x = num(a);
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) return tuple([Number.NaN, Number.NaN]);
    return tuple([pyFloat(Math.sign(x) * 0), x]);
  }
  const whole = Math.trunc(x);
  const frac = x - whole;
  return tuple([pyFloat(frac === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : frac), pyFloat(whole)]);
};

/** frexp(x): the mantissa in [0.5, 1) and the exponent, read from the double's bits. */
export const frexpImpl: ImplFn = ({ a }) => {
  const x = num(a);
  if (x === 0 || !Number.isFinite(x)) return tuple([pyFloat(x), 0]);
  const bits = new Float64Array(1);
  const words = new BigUint64Array(bits.buffer);
  bits[0] = x;
  let shift = 0;
  if (((words[0] >> 52n) & 0x7ffn) === 0n) {
    // A subnormal: scaled into the normal range first.
    bits[0] = x * 2 ** 64;
    shift = -64;
  }
  const exponent = Number((words[0] >> 52n) & 0x7ffn);
  words[0] = (words[0] & ~(0x7ffn << 52n)) | (1022n << 52n);
  return tuple([pyFloat(bits[0]), exponent - 1022 + shift]);
};

/** divmod(x, y): Python's floor division and modulo together. */
export const divmodImpl: ImplFn = ({ x, y }, _ctx, o) => {
  if (o.overloadName === 'int') {
    const a = big(x);
    const b = big(y);
    if (b === 0n) throw new OpError('ZeroDivisionError: integer division or modulo by zero');
    let q = a / b;
    if (a % b !== 0n && a < 0n !== b < 0n) q -= 1n;
    return tuple([pyInt(q), pyInt(a - q * b)]);
  }
  const a = num(x);
  const b = num(y);
  if (b === 0) throw new OpError('ZeroDivisionError: float divmod()');
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = a / b < 0 ? -0 : 0;
  }
  return tuple([pyFloat(floordiv), pyFloat(mod)]);
};

/** prim::abs of an int, float or Scalar (the Scalar keeps its kind). */
export const scalarAbs: ImplFn = ({ a }, _ctx, o) => {
  const kind = returnKind(o);
  if (kind === 'IntType' || (kind === 'NumberType' && isIntValue(a))) {
    const v = big(a);
    return pyInt(v < 0n ? -v : v);
  }
  if (typeof a === 'boolean') return a ? 1 : 0;
  return pyFloat(Math.abs(num(a)));
};

/**
 * prim::min / prim::max of two numbers: `a < b ? a : b` (so a NaN in b wins, one in a loses, as in
 * PyTorch); ints stay ints, and a Scalar result is a float as soon as either operand is one.
 */
export function scalarExtreme(which: 'min' | 'max'): ImplFn {
  return ({ a, b }, _ctx, o) => {
    const kind = returnKind(o);
    if (kind === 'IntType' || (kind === 'NumberType' && !isFloatValue(a) && !isFloatValue(b))) {
      const x = big(a);
      const y = big(b);
      // biome-ignore lint/complexity/useMathMinMax: bigints
      return pyInt(which === 'min' ? (x < y ? x : y) : x > y ? x : y);
    }
    const x = num(a);
    const y = num(b);
    // biome-ignore lint/complexity/useMathMinMax: PyTorch's NaN handling is this comparison's, not Math.min's
    return pyFloat(which === 'min' ? (x < y ? x : y) : x > y ? x : y);
  };
}

/** C++'s `a / b` on int64 (truncating), for TorchScript's desugared range loops. */
export const roundToZeroFloordiv: ImplFn = ({ a, b }) => {
  const y = big(b);
  if (y === 0n) throw new OpError('division by 0');
  return pyInt(big(a) / y);
};

export const deriveIndex: ImplFn = ({ index, start, step }) => pyInt(big(start) + big(index) * big(step));

export const rangeLength: ImplFn = ({ lo, hi, step }) => {
  const l = big(lo);
  const h = big(hi);
  const s = big(step);
  if (s === 0n) throw new OpError('range() arg 3 must not be zero');
  if (s > 0n && l < h) return pyInt(1n + (h - 1n - l) / s);
  if (s < 0n && l > h) return pyInt(1n + (l - 1n - h) / -s);
  return 0;
};

/** angle of a real number: 0 for non-negative, pi for negative, NaN for NaN. */
export const realAngle: ImplFn = ({ a }) => {
  const x = num(a);
  if (Number.isNaN(x)) return Number.NaN;
  return x < 0 ? Math.PI : pyFloat(0);
};
