/**
 * The scalar overloads of the pointwise ops (`aten::add.int`, `aten::sqrt.float`, `aten::eq.str`,
 * `aten::pow.int_to_int`, ...): what TorchScript emits for arithmetic on ints, floats, bools and
 * strings. Their schemas name the arguments `a` and `b`; the result type comes from the schema.
 */
import * as K from '@tsjit/kernels';
import type { ImplFn, Overload } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type OpContext } from '../core/tensor-like.js';

type Value = number | bigint | boolean | string | FloatScalar | readonly Value[];

const toNumber = (v: Value): number =>
  typeof v === 'bigint'
    ? Number(v)
    : v instanceof FloatScalar
      ? v.value
      : typeof v === 'boolean'
        ? v
          ? 1
          : 0
        : (v as number);

/** Whether a value is an int in TorchScript's sense (a Python bool counts as an int in arithmetic). */
function isIntValue(v: Value): boolean {
  return typeof v === 'bigint' || typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
}

const toBig = (v: Value): bigint => (typeof v === 'bigint' ? v : BigInt(toNumber(v)));

/** An int64 result: wraps around like C++ int64_t; a JS number while it is exact. */
function intResult(v: bigint): number | bigint {
  const w = BigInt.asIntN(64, v);
  return w >= BigInt(Number.MIN_SAFE_INTEGER) && w <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(w) : w;
}

/** A Python float result: integral values stay floats (`2.0`), so that later promotion sees a float. */
function floatResult(v: number): number | FloatScalar {
  return Number.isInteger(v) ? new FloatScalar(v) : v;
}

function toIntChecked(v: number): number {
  if (!Number.isFinite(v))
    throw new OpError(`Cannot convert float ${Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf'} to integer`);
  // An int has no negative zero: ceil(-0.2) is 0.
  return v === 0 ? 0 : v;
}

/** Python's floor division and modulo on int64 (the sign of the remainder follows the divisor). */
function floorDivInt(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new OpError('division by 0');
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
function modInt(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new OpError('ZeroDivisionError');
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}
/** PyTorch's float remainder: fmod(b + fmod(a, b), b) (so 5.0 % inf is nan, as in TorchScript). */
function modFloat(a: number, b: number): number {
  return (b + (a % b)) % b;
}

/** Round half to even, as C's nearbyint in the default rounding mode. */
function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  const result = Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return result === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : result;
}

/** A float64 math function through the native unary kernel (erf, lgamma, ... have no JS Math version). */
function viaKernel(ctx: OpContext, op: K.UnaryOp, x: number): number {
  const input = ctx.empty([], 'float64');
  K.fill(input, x);
  const out = ctx.empty([], 'float64');
  K.unary(op, out, input);
  return new Float64Array(out.data.buffer, out.data.byteOffset + out.offset * 8, 1)[0];
}

function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, (b as readonly Value[])[i]));
  }
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return toNumber(a) === toNumber(b);
}

function compare(op: string, a: Value, b: Value): boolean {
  // Ints beyond 2^53 compare exactly, as int64 does.
  if ((typeof a === 'bigint' || typeof b === 'bigint') && isIntValue(a) && isIntValue(b)) {
    const x = toBig(a);
    const y = toBig(b);
    return op === 'eq'
      ? x === y
      : op === 'ne'
        ? x !== y
        : op === 'lt'
          ? x < y
          : op === 'le'
            ? x <= y
            : op === 'gt'
              ? x > y
              : x >= y;
  }
  if (op === 'eq') return sameValue(a, b);
  if (op === 'ne') return !sameValue(a, b);
  const x = typeof a === 'string' ? a : toNumber(a);
  const y = typeof b === 'string' ? b : toNumber(b);
  switch (op) {
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
    case 'gt':
      return x > y;
    default:
      return x >= y;
  }
}

const UNARY_KERNEL: Record<string, K.UnaryOp> = {
  sqrt: 'sqrt',
  exp: 'exp',
  expm1: 'expm1',
  log: 'log',
  log10: 'log10',
  log1p: 'log1p',
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  asin: 'asin',
  acos: 'acos',
  atan: 'atan',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  asinh: 'asinh',
  acosh: 'acosh',
  atanh: 'atanh',
  erf: 'erf',
  erfc: 'erfc',
  lgamma: 'lgamma',
};

// Ops whose Scalar overload keeps ints as ints (`add(Scalar, Scalar) -> Scalar` of two ints is an int).
const INT_CLOSED = new Set(['add', 'sub', 'mul', 'remainder', 'floordiv', 'neg', 'floor', 'ceil']);

function binaryScalar(op: string, a: Value, b: Value, intMath: boolean): number | bigint | boolean | string {
  if (typeof a === 'string' && typeof b === 'string' && op === 'add') return a + b;
  if (['eq', 'ne', 'lt', 'le', 'gt', 'ge'].includes(op)) return compare(op, a, b);
  if (op === '__and__' || op === '__or__' || op === '__xor__') {
    if (typeof a === 'boolean' && typeof b === 'boolean') {
      return op === '__and__' ? a && b : op === '__or__' ? a || b : a !== b;
    }
    const [x, y] = [toBig(a), toBig(b)];
    return intResult(op === '__and__' ? x & y : op === '__or__' ? x | y : x ^ y);
  }
  // int64 shifts as x86 does them: the count is taken modulo 64 (PyTorch: `1 << 65 == 2`).
  if (op === '__lshift__') return intResult(toBig(a) << BigInt.asUintN(6, toBig(b)));
  if (op === '__rshift__') return intResult(BigInt.asIntN(64, toBig(a)) >> BigInt.asUintN(6, toBig(b)));
  if (intMath) {
    const [x, y] = [toBig(a), toBig(b)];
    switch (op) {
      case 'add':
        return intResult(x + y);
      case 'sub':
        return intResult(x - y);
      case 'mul':
        return intResult(x * y);
      case 'remainder':
        return intResult(modInt(x, y));
      case 'floordiv':
        return intResult(floorDivInt(x, y));
      case 'pow':
        // PyTorch computes it with std::pow, in double precision (3 ** -1 is 0.333...).
        return Number(x) ** Number(y);
    }
  }
  const [x, y] = [toNumber(a), toNumber(b)];
  switch (op) {
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    case 'div':
      return x / y;
    case 'remainder':
      return modFloat(x, y);
    case 'floordiv':
      return Math.floor(x / y);
    case 'fmod':
      return x % y;
    case 'pow':
      if (x === 0 && y < 0) throw new OpError('0.0 cannot be raised to a negative power');
      return x ** y;
    case 'atan2':
      return Math.atan2(x, y);
    case 'copysign':
      return Math.sign(y) === -1 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x);
    case 'log':
      return Math.log(x) / Math.log(y);
  }
  throw new OpError(`${op}: no scalar implementation`, 'NotImplementedError');
}

function unaryScalar(ctx: OpContext, op: string, a: Value, intMath: boolean): number | bigint | boolean {
  const x = toNumber(a);
  switch (op) {
    case 'neg':
      return intMath ? intResult(-toBig(a)) : -x;
    case 'floor':
      return intMath ? intResult(toBig(a)) : toIntChecked(Math.floor(x));
    case 'ceil':
      return intMath ? intResult(toBig(a)) : toIntChecked(Math.ceil(x));
    case 'round':
      return roundHalfEven(x);
    case 'isnan':
      return Number.isNaN(x);
    case 'isinf':
      return x === Infinity || x === -Infinity;
    case 'isfinite':
      return Number.isFinite(x);
  }
  const kernel = UNARY_KERNEL[op];
  if (kernel === undefined) throw new OpError(`${op}: no scalar implementation`, 'NotImplementedError');
  return viaKernel(ctx, kernel, x);
}

function typeKind(o: Overload, i: number): string {
  return o.schema.arguments[i].type.kind;
}

/** The impl of every scalar overload of `op`: computes on JS values, types the result by the schema. */
export function scalarMathImpl(op: string): ImplFn {
  return (args, ctx, o) => {
    const values = o.names.map((n) => args[n] as Value);
    const returns = o.schema.returns[0].type.kind;
    // int math when every operand is an int and the result can be an int.
    const allInt = values.every(
      (v, i) => typeKind(o, i) === 'IntType' || (typeKind(o, i) === 'NumberType' && isIntValue(v)),
    );
    const intMath =
      allInt &&
      (returns === 'IntType' || (returns === 'NumberType' && INT_CLOSED.has(op)) || o.overloadName === 'int_to_int');
    const r =
      values.length === 1 ? unaryScalar(ctx, op, values[0], intMath) : binaryScalar(op, values[0], values[1], intMath);
    if (typeof r === 'boolean' || typeof r === 'string' || typeof r === 'bigint') return r;
    // floor and ceil of a float are ints in TorchScript (`floor.float -> int`, `floor.Scalar` too).
    if (op === 'floor' || op === 'ceil') return r;
    // pow.int_to_int is declared `-> int` but PyTorch pushes std::pow's double.
    if (o.overloadName === 'int_to_int') return floatResult(r as number);
    if (returns === 'IntType' || (returns === 'NumberType' && intMath)) return r;
    return floatResult(r);
  };
}

/** Whether an overload is one of the scalar ones: their first argument is `a` (tensor ones: `self`). */
export function isScalarOverload(o: Overload): boolean {
  return o.names[0] === 'a';
}

/**
 * An op's impl extended with its scalar overloads: a single impl dispatches on the overload; an
 * impl map gets one entry per scalar overload name.
 */
export function withScalarMath(
  op: string,
  impl: ImplFn | Record<string, ImplFn>,
  overloadNames: readonly string[],
): ImplFn | Record<string, ImplFn> {
  const scalar = scalarMathImpl(op);
  if (typeof impl === 'function')
    return (args, ctx, o) => (isScalarOverload(o) ? scalar(args, ctx, o) : impl(args, ctx, o));
  const map: Record<string, ImplFn> = { ...impl };
  for (const name of overloadNames) map[`${op}${name ? `.${name}` : ''}`] = scalar;
  return map;
}
