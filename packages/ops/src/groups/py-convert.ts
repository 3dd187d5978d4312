/**
 * TorchScript's conversions between numbers, strings and tensors (`int(x)`, `float(s)`, implicit
 * tensor-to-number conversions, `NumToTensor`) and its string formatting (`'{}'.format`, `%`).
 */
import type { ImplFn } from '../core/define-op.js';
import { cppDtypeName, isFloatingDtype, isIntegralDtype } from '../core/dtypes.js';
import { scalarTensor } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type OpContext, type TensorLike } from '../core/tensor-like.js';
import {
  formatDouble,
  isFloatValue,
  isIntValue,
  isTuple,
  ivalueString,
  num,
  pyFloat,
  pyInt,
  tensorScalar,
  tensorTruth,
  typeName,
} from './py-values.js';

const INT64_MIN = -(2n ** 63n);

/** `int(x)` of a float: truncation; NaN, infinities and out-of-range values give INT64_MIN as in C++ on x86. */
export function floatToInt(x: number): number | bigint {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return pyInt(INT64_MIN);
  return pyInt(BigInt(Math.trunc(x)));
}

/** `int(s)`: C's strtoll reading (leading space and a sign), the whole string consumed. */
export const intFromString: ImplFn = ({ a }) => {
  const s = a as string;
  // C++'s std::invalid_argument and std::out_of_range reach Python as ValueError and IndexError.
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(s);
  if (m === null) throw new OpError('stoll', 'ValueError');
  const value = BigInt(m[1] === '-' ? `-${m[2]}` : m[2]);
  if (value >= 2n ** 63n || value < INT64_MIN) throw new OpError('stoll', 'IndexError');
  if (m[0].length !== s.length) throw new OpError(`invalid literal for int() with base 10: '${s}'`);
  return pyInt(value);
};

/** `float(s)`: C's strtod reading (decimal, hexadecimal, inf, nan), the whole string consumed. */
export const floatFromString: ImplFn = ({ a }) => {
  const s = a as string;
  const body = s.replace(/^[ \t\n\v\f\r]*/, '');
  const m =
    /^[+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])/.exec(
      body,
    );
  if (m === null) throw new OpError('stod', 'ValueError');
  if (m[0].length !== body.length) throw new OpError(`could not convert string to float: '${s}'`);
  const value = parseCFloat(m[0]);
  // std::stod throws out_of_range (reported as "stod") when strtod sets ERANGE: an overflow to
  // infinity, or an underflow to a subnormal or zero from non-zero digits.
  const finiteText = !/inf|nan/i.test(m[0]);
  const mantissa = m[0].replace(/[eEpP].*$/, '').replace(/^[+-]?(0[xX])?/, '');
  const underflow = value === 0 ? /[1-9a-fA-F]/.test(mantissa) : Math.abs(value) < 2.2250738585072014e-308;
  if (finiteText && (!Number.isFinite(value) || underflow)) throw new OpError('stod', 'ValueError');
  return pyFloat(value);
};

function parseCFloat(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const t = text.replace(/^[+-]/, '').toLowerCase();
  if (t.startsWith('inf')) return sign * Number.POSITIVE_INFINITY;
  if (t === 'nan') return Number.NaN;
  if (t.startsWith('0x')) {
    const [mant, exp] = t.slice(2).split('p');
    const [whole, frac = ''] = mant.split('.');
    let v = 0;
    for (const c of whole + frac) v = v * 16 + Number.parseInt(c, 16);
    return sign * v * 2 ** (Number(exp ?? 0) - 4 * frac.length);
  }
  return sign * Number(t);
}

export const intFromScalar: ImplFn = ({ a }, _ctx, o) => {
  if (typeof a === 'boolean') return a ? 1 : 0;
  if (o.overloadName !== 'float' && isIntValue(a)) return pyInt(a as number | bigint);
  return floatToInt(num(a));
};

export const floatFromScalar: ImplFn = ({ a }) => pyFloat(num(a));

export const boolFromNumber: ImplFn = ({ a }) => num(a) !== 0;

function tensorItemInt(ctx: OpContext, t: TensorLike): number | bigint {
  const v = tensorScalar(ctx, t);
  return isFloatingDtype(t.dtype) ? floatToInt(v) : pyInt(v);
}

export const intFromTensor: ImplFn = ({ a }, ctx) => tensorItemInt(ctx, a);
export const floatFromTensor: ImplFn = ({ a }, ctx) => pyFloat(tensorScalar(ctx, a));
export const boolFromTensor: ImplFn = ({ a }, ctx) => tensorTruth(ctx, a);

/** The checks of an implicit tensor → number conversion (a 0-d tensor, integral for an int). */
function checkImplicit(ctx: OpContext, t: TensorLike, toInt: boolean): void {
  if (ctx.requiresGrad?.(t) === true) {
    throw new OpError('Cannot input a tensor that requires grad as a scalar argument');
  }
  if (t.sizes.length !== 0) throw new OpError('Cannot input a tensor of dimension other than 0 as a scalar argument');
  if (toInt && !isIntegralDtype(t.dtype)) {
    throw new OpError(`Cannot input a tensor of type ${cppDtypeName(t.dtype)} as an integral argument`);
  }
}

export const intImplicit: ImplFn = ({ a }, ctx) => {
  checkImplicit(ctx, a, true);
  return tensorItemInt(ctx, a);
};
export const floatImplicit: ImplFn = ({ a }, ctx) => {
  checkImplicit(ctx, a, false);
  return pyFloat(tensorScalar(ctx, a));
};
export const scalarImplicit: ImplFn = ({ a }, ctx) => {
  checkImplicit(ctx, a, false);
  const v = tensorScalar(ctx, a);
  if (a.dtype === 'bool') return v !== 0;
  return isFloatingDtype(a.dtype) ? pyFloat(v) : pyInt(v);
};

/** prim::NumToTensor: a 0-d tensor (int64 for ints, float64 for floats; NumToTensor.bool a bool tensor). */
export const numToTensor: ImplFn = ({ a }, ctx, o) => {
  if (typeof a === 'boolean') return scalarTensor(ctx, a ? 1 : 0, o.overloadName === 'bool' ? 'bool' : 'int64');
  if (isFloatValue(a)) return scalarTensor(ctx, new FloatScalar(num(a)), 'float64');
  return scalarTensor(ctx, a, 'int64');
};

/** `'{}'.format(...)`: every `{}` takes the next argument, printed as IValues print. */
export function formatString(ctx: OpContext, format: string, args: readonly unknown[]): string {
  let out = '';
  let begin = 0;
  for (let used = 0; ; used++) {
    const loc = format.indexOf('{}', begin);
    if (loc < 0) return out + format.slice(begin);
    out += format.slice(begin, loc);
    if (used >= args.length) throw new OpError(`Too few arguments for format string: ${format}`);
    out += ivalueString(ctx, args[used]);
    begin = loc + 2;
  }
}

/** `fmt % args` (aten::percentFormat): %d %i %e %f %c %s and %%, as TorchScript supports them. */
export function percentFormat(ctx: OpContext, format: string, values: readonly unknown[]): string {
  const args = values.length === 1 && isTuple(values[0]) ? (values[0] as readonly unknown[]) : values;
  let out = '';
  let begin = 0;
  let used = 0;
  for (;;) {
    const loc = format.indexOf('%', begin);
    if (loc < 0) {
      out += format.slice(begin);
      break;
    }
    out += format.slice(begin, loc);
    if (loc + 1 >= format.length) throw new OpError('Incomplete format specifier');
    const key = format[loc + 1];
    begin = loc + 2;
    if (key === '%') {
      out += '%';
      continue;
    }
    if (!'dieEfFcs'.includes(key)) {
      throw new OpError(`The specifier %${key} is not supported in TorchScript format strings`);
    }
    if (used >= args.length) throw new OpError('Too few arguments for format string');
    const arg = args[used++];
    out += percentItem(ctx, key, arg);
  }
  if (used < args.length) throw new OpError('Too many arguments for format string');
  return out;
}

function percentItem(ctx: OpContext, key: string, arg: unknown): string {
  const numeric = typeof arg === 'number' || typeof arg === 'bigint' || arg instanceof FloatScalar;
  switch (key) {
    case 'd':
    case 'i':
      if (!numeric) throw new OpError(`%${key} requires a number for formatting, but got ${ivalueTag(arg)}`);
      return isFloatValue(arg) || arg instanceof FloatScalar ? String(floatToInt(num(arg))) : String(arg);
    case 'e':
    case 'E':
    case 'f':
    case 'F': {
      if (!numeric) throw new OpError(`%${key} requires a number for formatting, but got ${ivalueTag(arg)}`);
      const x = num(arg);
      if (key === 'f' || key === 'F') return Number.isFinite(x) ? x.toFixed(6) : formatDouble(x);
      const [m, e] = x.toExponential(6).split('e');
      const ex = Number(e);
      const text = `${m}e${ex < 0 ? '-' : '+'}${Math.abs(ex) < 10 ? '0' : ''}${Math.abs(ex)}`;
      return key === 'E' ? text.toUpperCase() : text;
    }
    case 'c':
      if (typeof arg === 'string') return arg;
      if (isIntValue(arg)) return String.fromCharCode(Number(arg));
      throw new OpError(`%c requires an int or char for formatting, but got ${ivalueTag(arg)}`);
    default:
      return ivalueString(ctx, arg);
  }
}

/** IValue's tag names, as PyTorch's messages print them. */
function ivalueTag(v: unknown): string {
  const t = typeName(v);
  return (
    { str: 'String', bool: 'Bool', NoneType: 'None', list: 'GenericList', tuple: 'Tuple', dict: 'GenericDict' }[t] ?? t
  );
}
