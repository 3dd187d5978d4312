/**
 * Reductions, written once for the family: dim lists (None / [] mean every dim), result sizes with
 * keepdim, the dtype rules (integers and bool accumulate as int64, `dtype=` casts the input first),
 * PyTorch's empty-input checks, and the shape bookkeeping of the derivative rules.
 */
import type * as K from '@tsjit/kernels';
import type { MetaFn } from '../core/define-op.js';
import { type DType, toDtype as dtypeArg, isFloatingDtype } from '../core/dtypes.js';
import { normalizeDim, normalizeDims, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';

/** A value of a derivative rule: an eager tensor, or an IR value when the rule is interpreted over a graph. */
export type Value = ReturnType<Functions[string]>;

/** A `dim` argument: an int, a list, or None. */
export type DimArg = number | readonly number[] | null | undefined;

/** The reduced dims, normalised and de-duplicated; None or [] reduce every dim (none for a 0-d tensor). */
export function reduceDims(dim: DimArg, ndim: number): number[] {
  if (dim === null || dim === undefined) return allDims(ndim);
  const list = Array.isArray(dim) ? (dim as readonly number[]) : [dim as number];
  if (list.length === 0) return allDims(ndim);
  const dims = normalizeDims(list, ndim);
  return ndim === 0 ? [] : dims;
}

function allDims(ndim: number): number[] {
  return Array.from({ length: ndim }, (_, i) => i);
}

/** True when `dim` asks for every dim (None or []). */
export function reducesAll(dim: DimArg): boolean {
  return dim === null || dim === undefined || (Array.isArray(dim) && dim.length === 0);
}

/** The sizes of the result: reduced dims removed, or kept as 1. */
export function reducedSizes(sizes: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < sizes.length; d++) {
    if (!dims.includes(d)) out.push(sizes[d]);
    else if (keepdim) out.push(1);
  }
  return out;
}

/** A reduction kernel of @tsjit/kernels with the (out, x, dims, keepdim) signature. */
export type ReduceKernel = (out: K.Strided, x: K.Strided, dims?: K.Dims, keepdim?: boolean) => void;

/** Runs a reduction kernel into a new tensor of `dtype`. */
export function reduceWith(
  ctx: OpContext,
  kernel: ReduceKernel,
  x: TensorLike,
  dims: readonly number[],
  keepdim: boolean,
  dtype: DType,
): TensorLike {
  const out = ctx.empty(reducedSizes(x.sizes, dims, keepdim), dtype);
  kernel(out, x, x.sizes.length === 0 ? null : dims, keepdim);
  return out;
}

/** The dtype sum / prod / cumsum produce: `dtype=` if given, else int64 for integers and bool. */
export function accumulateDtype(self: TensorLike, dtype: unknown): DType {
  if (dtype !== null && dtype !== undefined) return dtypeArg(dtype);
  return isFloatingDtype(self.dtype) ? self.dtype : 'int64';
}

/** PyTorch's check that max-like reductions have something to reduce. */
export function checkNonEmpty(name: string, x: TensorLike, dims: readonly number[], all: boolean, tail = true): void {
  if (numel(x.sizes) !== 0) return;
  if (all) {
    const more = tail ? " Specify the reduction dim with the 'dim' argument." : '';
    throw new OpError(
      `${name}(): Expected reduction dim to be specified for input.numel() == 0.${more}`,
      tail ? 'RuntimeError' : 'IndexError',
    );
  }
  for (const d of dims) {
    if (x.sizes[d] === 0)
      throw new OpError(`${name}(): Expected reduction dim ${d} to have non-zero size.`, 'IndexError');
  }
}

/** A one-dim argument (max.dim, kthvalue, sort) normalised; a 0-d tensor takes 0 and -1. */
export function oneDim(dim: number, ndim: number): number {
  return normalizeDim(dim, ndim);
}

/** meta for a reduction over `args.dim` (name configurable) with `args.keepdim`. */
export function reduceMeta(dtypeOf: (args: Record<string, Value>) => DType, dimName = 'dim'): MetaFn {
  return (args) => {
    const self = args.self as TensorLike;
    const dims = reduceDims(args[dimName], self.sizes.length);
    return { sizes: reducedSizes(self.sizes, dims, args.keepdim === true), dtype: dtypeOf(args) };
  };
}

// ---------------------------------------------------------------------------------------------
// Derivative helpers (written against F: they work for eager tensors and IR values alike)

/** grad of a reduction with its reduced dims restored as size 1 (unsqueezed when keepdim was false). */
export function restoreReduced(
  F: Functions,
  g: Value,
  selfSizes: readonly number[],
  dim: DimArg,
  keepdim: boolean,
): Value {
  if (keepdim || selfSizes.length === 0) return g;
  const dims = reduceDims(dim, selfSizes.length);
  return F.reshape(g, reducedSizes(selfSizes, dims, true));
}

/** The number of elements a reduction over `dim` combines. */
export function reducedCount(selfSizes: readonly number[], dim: DimArg): number {
  const dims = reduceDims(dim, selfSizes.length);
  let n = 1;
  for (const d of dims) n *= selfSizes[d];
  return n;
}

/** sum's backward: the gradient spread over the reduced dims. */
export function expandReduced(F: Functions, g: Value, self: Value, dim: DimArg, keepdim: boolean): Value {
  const sizes = F.sizes(self);
  return F.expand(restoreReduced(F, g, sizes, dim, keepdim), [...sizes]);
}

/**
 * The gradient of a reduction that picks values (amax, max(), median()): split evenly among the
 * elements equal to the result (NaN results pick the NaN elements).
 */
export function evenlyDistribute(
  F: Functions,
  g: Value,
  self: Value,
  result: Value,
  dim: DimArg,
  keepdim: boolean,
): Value {
  const sizes = F.sizes(self);
  const r = restoreReduced(F, result, sizes, dim, keepdim);
  const gr = restoreReduced(F, g, sizes, dim, keepdim);
  const mask = F.logicalOr(F.eq(self, r), F.logicalAnd(F.isnan(self), F.isnan(r)));
  const dims = reduceDims(dim, sizes.length);
  const count = dims.length ? F.sum(mask, dims, true) : mask;
  return F.mul(F.div(gr, count), mask);
}

/** The gradient of a value-selecting reduction along `dim` (max.dim, kthvalue, sort, topk). */
export function selectedBackward(
  F: Functions,
  g: Value,
  self: Value,
  dim: number,
  indices: Value,
  keepdim: boolean,
): Value {
  return F.valueSelectingReductionBackward(g, dim, indices, [...F.sizes(self)], keepdim);
}

/** PyTorch's CPU kernels that have no float16 (or bfloat16) version raise "not implemented". */
export function checkHalf(kernelName: string, dtype: DType, bfloat16 = false): void {
  if (dtype === 'float16' || (bfloat16 && dtype === 'bfloat16')) {
    throw new OpError(`"${kernelName}" not implemented for '${dtype === 'float16' ? 'Half' : 'BFloat16'}'`);
  }
}
