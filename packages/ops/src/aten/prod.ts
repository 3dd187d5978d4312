import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { toDtype } from '../core/helpers.js';
import type { Functions } from '../core/tensor-like.js';
import { accumulateOutImpl, functionalMeta, outImpl, withOuts } from '../groups/outs.js';
import {
  accumulateDtype,
  checkHalf,
  oneDim,
  reduceDims,
  reduceMeta,
  reduceWith,
  restoreReduced,
  type Value,
} from '../groups/reduce.js';
import { CODE, reduceSamples } from '../groups/reduce-samples.js';

/**
 * d prod / d x_i along `dim` is the product of the other elements: exclusive cumulative products
 * from the left and from the right, which stays right when x has zeros (no division by x).
 */
function prodBackwardAlong(F: Functions, g: Value, x: Value, dim: number): Value {
  const sizes = F.sizes(x);
  const n = sizes[dim];
  if (n <= 1) return F.expand(g, [...sizes]);
  const ones = F.onesLike(F.narrow(x, dim, 0, 1));
  const left = F.cumprod(F.cat([ones, F.narrow(x, dim, 0, n - 1)], dim), dim);
  const flipped = F.flip(x, [dim]);
  const right = F.flip(F.cumprod(F.cat([ones, F.narrow(flipped, dim, 0, n - 1)], dim), dim), [dim]);
  return F.mul(g, F.mul(left, right));
}

export const prod = defineOp({
  schemas: [
    'aten::prod(Tensor self, *, ScalarType? dtype=None) -> Tensor',
    'aten::prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
    'aten::prod.int_out(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::prod.out(Tensor self, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts(
    ['', 'dim_int'],
    (fn) => ({ 'prod.int_out': accumulateOutImpl(fn), 'prod.out': outImpl(fn, ['out']) }),
    (args, ctx) => {
      const dtype = accumulateDtype(args.self, args.dtype);
      const x = args.dtype != null ? toDtype(ctx, args.self, dtype) : args.self;
      checkHalf('prod_cpu', x.dtype, true);
      const dims = args.dim === undefined ? reduceDims(null, x.sizes.length) : reduceDims([args.dim], x.sizes.length);
      return reduceWith(ctx, K.prod, x, dims, args.keepdim === true, dtype);
    },
  ),
  meta: functionalMeta(
    ['', 'dim_int'],
    reduceMeta((args) => accumulateDtype(args.self, args.dtype)),
  ),
  derivative: {
    '': (F, { grad, self }) => {
      const sizes = F.sizes(self);
      const flat = F.reshape(self, [-1]);
      return { self: F.reshape(prodBackwardAlong(F, F.reshape(grad, [1]), flat, 0), [...sizes]) };
    },
    dim_int: (F, { grad, self, dim, keepdim }) => {
      const sizes = F.sizes(self);
      if (sizes.length === 0) return { self: grad };
      const d = oneDim(dim, sizes.length);
      return { self: prodBackwardAlong(F, restoreReduced(F, grad, sizes, [d], keepdim === true), self, d) };
    },
  },
  samples: (S) => [
    ...reduceSamples(S, {
      all: 'prod',
      dim: 'prod.dim_int',
      intDim: true,
      low: -2,
      high: 2,
      dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8'],
    }),
    S.call('prod', [S.of([1, 2, 0, 3, 0.5])]),
    S.call('prod.dim_int', [S.of([1, 0, 2, 3, 4, 0], [2, 3]), 1]),
    S.call('prod', [S.ints([2, 3], -3, 3, 'int32')], { dtype: CODE.float64 }),
    S.call('prod.dim_int', [S.randn([2, 3]), 1, true], { dtype: CODE.float64 }),
    S.error('prod', [S.t([3], { dtype: 'float16' })], `"prod_cpu" not implemented for 'Half'`),
    S.error('prod.dim_int', [S.t([3], { dtype: 'bfloat16' }), 0], `"prod_cpu" not implemented for 'BFloat16'`),
    S.call('prod.int_out', [S.randn([3, 4]), 1], { out: S.randn([3]) }),
    S.call('prod.out', [S.ints([3, 4], -2, 3)], { out: S.ints([]) }),
    S.call('prod.out', [S.of([1.75, 2.5, -2.5])], { out: S.ints([]) }),
    S.call('prod.int_out', [S.ints([3, 4], -2, 3), 0, true], { out: S.t([1, 4], { dtype: 'float64' }) }),
    S.call('prod.int_out', [S.of([1.75, 2.5, -2.5]), 0], { out: S.ints([]) }),
    S.error('prod.int_out', [S.randn([3]), 0], 'Expected out tensor to have dtype double, but got float instead', {
      dtype: CODE.float64,
      out: S.randn([]),
    }),
  ],
});
