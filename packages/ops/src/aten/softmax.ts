import { defineOp } from '../core/define-op.js';
import { toDtype } from '../core/dtypes.js';
import { softmaxForward } from '../groups/softmax-like.js';

export const softmax = defineOp({
  schemas: [
    'aten::softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor',
    'aten::softmax.int_out(Tensor self, int dim, ScalarType? dtype=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => softmaxForward(ctx, false, args.self, args.dim, args.dtype == null ? null : toDtype(args.dtype)),
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.dtype == null ? args.self.dtype : toDtype(args.dtype) }),
  // F names of `_softmax_backward_data` drop the leading underscore (camel case of the base name).
  derivative: (F, { grad, result, self, dim }) => {
    const g = F._softmaxBackwardData(grad, result, dim, result.dtype);
    return { self: result.dtype === self.dtype ? g : F.to(g, self.dtype) };
  },
  samples: (S) => [
    S.call('softmax.int', [S.randn([2, 5]), 1]),
    S.call('softmax.int', [S.randn([3, 4], 'transposed'), 0]),
    S.call('softmax.int', [S.randn([2, 3, 2], 'strided'), -2]),
    S.call('softmax.int', [S.randn([5], 'offset'), -1]),
    S.call('softmax.int', [S.randn([]), 0]),
    S.call('softmax.int', [S.randn([0, 3]), 1]),
    S.call('softmax.int', [S.t([2, 3], { dtype: 'float64', low: -50, high: 50 }), 1]),
    S.call('softmax.int', [S.randn([2, 3]), 1, 7]),
    S.call('softmax.int', [S.ints([2, 3]), 0, 6]),
    S.call('softmax.int', [S.of([Number.NEGATIVE_INFINITY, 0, 1]), 0]),
    S.error(
      'softmax.int',
      [S.randn([2, 3]), 2],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
    S.error('softmax.int', [S.ints([2, 3]), 1], '"softmax_lastdim_kernel_impl" not implemented for \'Long\''),
    S.error('softmax.int', [S.ints([2, 3]), 0], '"softmax_kernel_impl" not implemented for \'Long\''),
    S.call('softmax.int_out', [S.randn([2, 3]), 1], { out: S.randn([2, 3]) }),
  ],
});
