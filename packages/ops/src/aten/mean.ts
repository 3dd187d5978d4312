import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName, type DType, toDtype as dtypeArg, isFloatingDtype } from '../core/dtypes.js';
import { toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs } from '../core/tensor-like.js';
import { expandReduced, reduceDims, reducedCount, reduceMeta, reduceWith } from '../groups/reduce.js';
import { CODE, reduceSamples } from '../groups/reduce-samples.js';

function meanDtype(args: OpArgs): DType {
  if (args.dtype != null) {
    const d = dtypeArg(args.dtype);
    if (!isFloatingDtype(d)) {
      throw new OpError(
        `mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: ${cppDtypeName(d)}`,
      );
    }
    return d;
  }
  if (!isFloatingDtype(args.self.dtype)) {
    throw new OpError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${cppDtypeName(args.self.dtype)}`,
    );
  }
  return args.self.dtype;
}

export const mean = defineOp({
  schemas: [
    'aten::mean(Tensor self, *, ScalarType? dtype=None) -> Tensor',
    'aten::mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
    'aten::mean.out(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const dtype = meanDtype(args);
    const x = toDtype(ctx, args.self, dtype);
    return reduceWith(ctx, K.mean, x, reduceDims(args.dim, x.sizes.length), args.keepdim === true, dtype);
  },
  meta: reduceMeta(meanDtype),
  derivative: (F, { grad, self, dim, keepdim }) => ({
    self: F.div(expandReduced(F, grad, self, dim, keepdim === true), reducedCount(F.sizes(self), dim)),
  }),
  samples: (S) => [
    ...reduceSamples(S, { all: 'mean', dim: 'mean.dim', dtypes: ['float64', 'float16', 'bfloat16'] }),
    S.call('mean.dim', [S.randn([2, 3]), null]),
    S.call('mean', [S.ints([2, 3])], { dtype: CODE.float64 }),
    S.call('mean.dim', [S.ints([2, 3], -5, 5, 'int32'), [1]], { dtype: CODE.float32 }),
    S.error(
      'mean',
      [S.ints([2, 3])],
      'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long',
    ),
    S.error(
      'mean.dim',
      [S.bools([2, 3]), [0]],
      'Input dtype must be either a floating point or complex dtype. Got: Bool',
    ),
    S.error('mean', [S.randn([2, 3])], 'Optional dtype must be either a floating point or complex dtype. Got: Long', {
      dtype: CODE.int64,
    }),
    S.call('mean.out', [S.randn([3, 4]), [1]], { out: S.randn([3]) }),
    S.call('mean.out', [S.randn([3, 4]), [0, 1], true], { out: S.randn([0]) }),
  ],
});
