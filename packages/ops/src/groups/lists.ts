/**
 * The list overloads TorchScript compiles Python builtins to: `sum(list)`, `any(list)`,
 * `all(list)` and `list.sort()` (aten::sum.int, aten::any.str, aten::sort.int, ...).
 */
import type { ImplFn } from '../core/define-op.js';
import { isScalar, scalarToNumber } from '../core/dtypes.js';
import { itemNumber, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type OpContext, type Scalar } from '../core/tensor-like.js';

/** sum.int / sum.bool give an int, sum.float a Python float (kept a float even when integral). */
export function listSum(float: boolean): ImplFn {
  return (args) => {
    let total = 0;
    for (const v of args.self as Scalar[]) total += scalarToNumber(v);
    return float ? new FloatScalar(total) : total;
  };
}

function truthy(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  return scalarToNumber(v as Scalar) !== 0;
}

export const listAny: ImplFn = (args) => (args.self as unknown[]).some(truthy);
export const listAll: ImplFn = (args) => (args.self as unknown[]).every(truthy);

/** Python's ordering of two list elements: numbers, bools, strings, one-element tensors, tuples. */
function compare(ctx: OpContext, a: unknown, b: unknown): number {
  if (isScalar(a) && isScalar(b)) return scalarToNumber(a) - scalarToNumber(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (ctx.isTensor(a) && ctx.isTensor(b)) {
    if (numel(a.sizes) !== 1 || numel(b.sizes) !== 1) {
      throw new OpError('Boolean value of Tensor with more than one value is ambiguous');
    }
    return itemNumber(ctx, a) - itemNumber(ctx, b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(ctx, a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new OpError(`sort: cannot compare ${typeof a} with ${typeof b}`, 'TypeError');
}

/** list.sort(reverse=...) in place (stable, as Python's); returns None. */
export const listSort: ImplFn = (args, ctx) => {
  const list = args.self as unknown[];
  const sign = args.reverse === true ? -1 : 1;
  const sorted = list
    .map((v, i) => ({ v, i }))
    .sort((x, y) => sign * compare(ctx, x.v, y.v) || x.i - y.i)
    .map((e) => e.v);
  for (let i = 0; i < sorted.length; i++) list[i] = sorted[i];
  return null;
};
