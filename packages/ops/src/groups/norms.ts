/** The vector p-norms: torch.norm's overloads and linalg.vector_norm, with their derivative rule. */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType, toDtype as dtypeArg, isFloatingDtype, scalarToNumber } from '../core/dtypes.js';
import { numel, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, Scalar, TensorLike } from '../core/tensor-like.js';
import { type DimArg, reduceDims, reducedSizes, restoreReduced, type Value } from './reduce.js';

export function pOf(p: Scalar | null | undefined): number {
  return p === null || p === undefined ? 2 : scalarToNumber(p);
}

/** The norm into a new tensor of `dtype` (input converted to it first), over `dims`. */
export function normCompute(
  ctx: OpContext,
  self: TensorLike,
  p: number,
  dims: readonly number[],
  keepdim: boolean,
  dtype: DType,
): TensorLike {
  const x = toDtype(ctx, self, dtype);
  const out = ctx.empty(reducedSizes(x.sizes, dims, keepdim), dtype);
  K.norm(out, x, p, x.sizes.length === 0 ? null : dims, keepdim);
  return out;
}

/** torch.norm's dtype rules: the input (or `dtype=`) must be floating. */
export function normDtype(self: TensorLike, dtype: unknown): DType {
  if (dtype !== null && dtype !== undefined) {
    const d = dtypeArg(dtype);
    if (!isFloatingDtype(d)) {
      throw new OpError(
        `norm(): the desired output dtype should be either floating point or complex. Got ${cppDtypeName(d)} instead.`,
      );
    }
    return d;
  }
  if (!isFloatingDtype(self.dtype)) {
    throw new OpError(
      `norm(): input dtype should be either floating point or complex. Got ${cppDtypeName(self.dtype)} instead.`,
    );
  }
  return self.dtype;
}

function formatOrd(p: number): string {
  if (p === Number.POSITIVE_INFINITY) return 'inf';
  if (p === Number.NEGATIVE_INFINITY) return '-inf';
  return String(p);
}

/** linalg.vector_norm: floating input, dtype without narrowing, no norm without an identity over nothing. */
export function vectorNormCompute(
  ctx: OpContext,
  self: TensorLike,
  ord: number,
  dim: DimArg,
  keepdim: boolean,
  dtype: unknown,
): TensorLike {
  if (!isFloatingDtype(self.dtype)) {
    throw new OpError(
      `linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${cppDtypeName(self.dtype)}`,
    );
  }
  let d = self.dtype;
  if (dtype !== null && dtype !== undefined) {
    d = dtypeArg(dtype);
    const order: DType[] = ['float16', 'bfloat16', 'float32', 'float64'];
    const narrowing =
      !isFloatingDtype(d) ||
      order.indexOf(d) < order.indexOf(self.dtype) ||
      (self.dtype === 'bfloat16' && d === 'float16') ||
      (self.dtype === 'float16' && d === 'bfloat16');
    if (narrowing) {
      throw new OpError(
        `linalg.vector_norm: the dtype of the input (${cppDtypeName(self.dtype)}) should be convertible without narrowing to the specified dtype (${cppDtypeName(d)})`,
      );
    }
  }
  const dims = reduceDims(dim, self.sizes.length);
  if ((ord < 0 || ord === Number.POSITIVE_INFINITY) && numel(self.sizes) === 0) {
    const all = dim === null || dim === undefined || (Array.isArray(dim) && dim.length === 0);
    if (all) {
      throw new OpError(
        `linalg.vector_norm cannot compute the ${formatOrd(ord)} norm on an empty tensor because the operation does not have an identity`,
      );
    }
    for (const k of dims) {
      if (self.sizes[k] === 0) {
        throw new OpError(
          `linalg.vector_norm cannot compute the ${formatOrd(ord)} norm on the dimension ${k}because this dimension is empty and the operation does not have an identity`,
        );
      }
    }
  }
  return normCompute(ctx, self, ord, dims, keepdim, d);
}

/**
 * d ||x||_p / d x with the gradient restored over the reduced dims: 0 for p = 0, sgn(x) for p = 1,
 * x / ||x|| for p = 2, split among the extreme elements for p = ±inf, and
 * sgn(x) |x|^(p-1) / ||x||^(p-1) otherwise; zero where the norm is zero.
 */
export function normBackward(
  F: Functions,
  g: Value,
  self: Value,
  p: number,
  result: Value,
  dim: DimArg,
  keepdim: boolean,
): Value {
  const sizes = F.sizes(self);
  const gr = restoreReduced(F, g, sizes, dim, keepdim);
  const r = restoreReduced(F, result, sizes, dim, keepdim);
  if (p === 0) return F.mul(self, 0);
  if (p === 1) return F.mul(F.sgn(self), gr);
  if (p === 2) return F.mul(self, F.maskedFill(F.div(gr, r), F.eq(r, 0), 0));
  if (!Number.isFinite(p)) {
    const mask = F.eq(F.abs(self), r);
    const dims = reduceDims(dim, sizes.length);
    const count = dims.length ? F.sum(mask, dims, true) : mask;
    return F.mul(F.mul(F.sgn(self), mask), F.div(gr, count));
  }
  const scale = F.maskedFill(F.div(gr, F.pow(r, p - 1)), F.eq(r, 0), 0);
  let scaled: Value;
  if (p < 1) scaled = F.maskedFill(F.mul(F.sgn(self), F.pow(F.abs(self), p - 1)), F.eq(self, 0), 0);
  else if (p < 2) scaled = F.mul(F.sgn(self), F.pow(F.abs(self), p - 1));
  else scaled = F.mul(self, F.pow(F.abs(self), p - 2));
  return F.mul(scaled, scale);
}
