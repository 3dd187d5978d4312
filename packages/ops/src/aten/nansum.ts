import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { clone } from '../core/helpers.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { accumulateOutImpl, functionalMeta, withOuts } from '../groups/outs.js';
import { accumulateDtype, expandReduced, reduceDims, reduceMeta, reduceWith } from '../groups/reduce.js';
import { CODE, reduceSamples } from '../groups/reduce-samples.js';

/** x with its NaNs replaced by zeros (a copy; x itself when it cannot hold NaN). */
export function zeroNans(ctx: OpContext, x: TensorLike): TensorLike {
  if (!isFloatingDtype(x.dtype)) return x;
  const mask = ctx.empty(x.sizes, 'bool');
  K.unary('isnan', mask, x);
  const out = clone(ctx, x);
  K.maskedFill(out, mask, 0);
  return out;
}

export const nansum = defineOp({
  schemas: [
    'aten::nansum(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
    'aten::nansum.out(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'nansum.out': accumulateOutImpl(fn) }),
    (args, ctx) => {
      const dtype = accumulateDtype(args.self, args.dtype);
      const x = zeroNans(ctx, args.dtype != null ? clone(ctx, args.self, dtype) : args.self);
      return reduceWith(ctx, K.sum, x, reduceDims(args.dim, x.sizes.length), args.keepdim === true, dtype);
    },
  ),
  meta: functionalMeta(
    [''],
    reduceMeta((args) => accumulateDtype(args.self, args.dtype)),
  ),
  derivative: (F, { grad, self, dim, keepdim }) => ({
    self: F.maskedFill(expandReduced(F, grad, self, dim ?? null, keepdim === true), F.isnan(self), 0),
  }),
  samples: (S) => {
    const nan = Number.NaN;
    return [
      ...reduceSamples(S, { all: 'nansum', dim: 'nansum', dtypes: ['float64', 'int64', 'int32', 'bool', 'float16'] }),
      S.call('nansum', [S.of([1, nan, 3, nan, nan, nan], [2, 3])]),
      S.call('nansum', [S.of([1, nan, 3, nan, nan, nan], [2, 3]), [1], true]),
      S.call('nansum', [S.of([1, nan, 3, nan, nan, nan], [2, 3]), [0]], { dtype: CODE.float64 }),
      S.call('nansum', [S.ints([2, 3])], { dtype: CODE.float32 }),
      S.call('nansum.out', [S.of([1, nan, 3, nan], [2, 2]), [1]], { out: S.randn([2]) }),
    ];
  },
});
