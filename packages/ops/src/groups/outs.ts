/**
 * out= overloads whose rules differ from the generic ones (result castable to out): PyTorch's
 * reductions either check out's dtype strictly (values / indices outputs), compute in out's dtype
 * (sum, prod, cumsum, cumprod), or write any dtype (var, median, count_nonzero, unique).
 */
import * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import { cppDtypeName, type DType, toDtype as dtypeArg } from '../core/dtypes.js';
import { copyInto, sameSizes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';

/** The C++ type names PyTorch's out= and in-place dtype checks print (`long int`). */
const CPP_TYPE: Readonly<Record<DType, string>> = {
  float32: 'float',
  float64: 'double',
  float16: 'c10::Half',
  bfloat16: 'c10::BFloat16',
  int64: 'long int',
  int32: 'int',
  int16: 'short int',
  int8: 'signed char',
  uint8: 'unsigned char',
  bool: 'bool',
};

/** A check of one out tensor against the result it receives: PyTorch's message, or null. */
export type OutCheck = (out: TensorLike, result: TensorLike, args: OpArgs, index: number) => string | null;

export function expectedOutDtype(want: DType, got: DType): string {
  return `Expected out tensor to have dtype ${CPP_TYPE[want]}, but got ${CPP_TYPE[got]} instead`;
}

/** out must have the result's dtype exactly. */
export const strictDtype: OutCheck = (out, result) =>
  out.dtype === result.dtype ? null : expectedOutDtype(result.dtype, out.dtype);

function write(ctx: OpContext, out: TensorLike, result: TensorLike): void {
  if (!sameSizes(out.sizes, result.sizes)) ctx.resize(out, result.sizes);
  K.copy(out, result);
  ctx.bumpVersion(out);
}

/**
 * An out= overload: runs `functional` and writes each result into its out tensor (resized when
 * its size differs, converted to its dtype) after `check` accepted them all.
 */
export function outImpl(functional: ImplFn, outNames: readonly string[], check?: OutCheck): ImplFn {
  return (args, ctx, overload) => {
    const result = functional(args, ctx, overload);
    const results: TensorLike[] = outNames.length === 1 ? [result] : result;
    outNames.forEach((name, i) => {
      const message = check?.(args[name], results[i], args, i);
      if (message) throw new OpError(message);
    });
    for (let i = 0; i < outNames.length; i++) write(ctx, args[outNames[i]], results[i]);
    return outNames.length === 1 ? args[outNames[0]] : outNames.map((name) => args[name]);
  };
}

/**
 * sum / prod / cumsum / cumprod with out=: they compute in `dtype` if given (which out must then
 * have) and else in out's dtype.
 */
export function accumulateOutImpl(functional: ImplFn): ImplFn {
  return (args, ctx, overload) => {
    const out = args.out as TensorLike;
    if (args.dtype !== null && args.dtype !== undefined) {
      const d = dtypeArg(args.dtype);
      if (d !== out.dtype) throw new OpError(expectedOutDtype(d, out.dtype));
    }
    const result = functional({ ...args, dtype: out.dtype }, ctx, overload);
    write(ctx, out, result);
    return out;
  };
}

/**
 * The in-place overload of an accumulating scan (`cumsum_`): it computes in self's dtype, which
 * `dtype=` may only repeat.
 */
export function inplaceImpl(functional: ImplFn): ImplFn {
  return (args, ctx, overload) => {
    const self = args.self as TensorLike;
    if (args.dtype !== null && args.dtype !== undefined && dtypeArg(args.dtype) !== self.dtype) {
      throw new OpError(
        `Bad in-place call: input tensor dtype ${CPP_TYPE[self.dtype]} and output tensor dtype ${CPP_TYPE[dtypeArg(args.dtype)]} should match`,
      );
    }
    const result = functional({ ...args, dtype: self.dtype }, ctx, overload);
    copyInto(ctx, args.self, result, overload.qualifiedName, false);
    return args.self;
  };
}

/**
 * An impl table: `fn` for the functional overloads named in `keys` ('' for the default one) and
 * the mutating overloads by their full keys (`sum.out`), built from `fn` by `mutating`.
 */
export function withOuts(
  keys: readonly string[],
  mutating: (fn: ImplFn) => Record<string, ImplFn>,
  fn: ImplFn,
): Record<string, ImplFn> {
  const table: Record<string, ImplFn> = {};
  for (const k of keys) table[k] = fn;
  return { ...table, ...mutating(fn) };
}

/** A meta for the functional overloads only (an out= result has out's dtype, which meta cannot know). */
export function functionalMeta(keys: readonly string[], meta: MetaFn): Record<string, MetaFn> {
  return Object.fromEntries(keys.map((k) => [k, meta]));
}

/** amax / amin: out must have the input's dtype. */
export const sameAsInput: OutCheck = (out, _result, args) =>
  out.dtype === args.self.dtype
    ? null
    : `Expected the dtype for input and out to match, but got ${cppDtypeName(args.self.dtype)} for input's dtype and ${cppDtypeName(out.dtype)} for out's dtype.`;

/** any / all: out is bool (or uint8 for a uint8 input). */
export function boolOut(name: string): OutCheck {
  return (out, _result, args) =>
    out.dtype === 'bool' || (out.dtype === 'uint8' && args.self.dtype === 'uint8')
      ? null
      : `${name} only supports bool tensor for result, got: ${cppDtypeName(out.dtype)}`;
}

/** median.dim_values / nanmedian.dim_values: the values output has the input's dtype. */
export const medianValues: OutCheck = (out, result, _args, i) =>
  i !== 0 || out.dtype === result.dtype
    ? null
    : `Expected tensor for 'values' to have the same type as tensor for argument #2 'self'; but type torch.${cppDtypeName(out.dtype)}Tensor does not equal torch.${cppDtypeName(result.dtype)}Tensor (while checking arguments for median)`;

/** cummax / cummin: the values output has the input's dtype. */
export const scanValues: OutCheck = (out, result, _args, i) =>
  i !== 0 || out.dtype === result.dtype
    ? null
    : `expected scalar_type ${cppDtypeName(result.dtype)} but found ${cppDtypeName(out.dtype)}`;
