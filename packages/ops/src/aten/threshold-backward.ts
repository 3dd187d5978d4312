import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { resultType } from '../core/dtypes.js';
import { broadcastShapes, scalarTensor, toDtype } from '../core/helpers.js';
import { mutatingMeta, notImplemented } from '../groups/pointwise.js';

export const thresholdBackward = defineOp({
  schemas: [
    'aten::threshold_backward(Tensor grad_output, Tensor self, Scalar threshold) -> Tensor',
    'aten::threshold_backward.grad_input(Tensor grad_output, Tensor self, Scalar threshold, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  // grad_output where self > threshold, else 0, in the promoted dtype of grad_output and self.
  impl: (args, ctx) => {
    const dtype = resultType([args.grad_output, args.self]);
    if (dtype === 'bool' || dtype === 'float16') throw notImplemented('threshold_cpu', dtype);
    const self = toDtype(ctx, args.self, dtype);
    const grad = toDtype(ctx, args.grad_output, dtype);
    const sizes = broadcastShapes(self.sizes, grad.sizes);
    // `self <= threshold` rather than `self > threshold`: a NaN input passes its gradient through.
    const drop = ctx.uninitialized(self.sizes, 'bool');
    K.binary('le', drop, self, scalarTensor(ctx, args.threshold, dtype));
    const out = ctx.uninitialized(sizes, dtype);
    K.where(out, drop, scalarTensor(ctx, 0, dtype), grad);
    return out;
  },
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.self.sizes, args.grad_output.sizes),
    dtype: resultType([args.grad_output, args.self]),
  })),
  derivative: (F, { grad, self, threshold }) => ({
    grad_output: F.thresholdBackward(grad, self, threshold),
    self: F.zerosLike(self),
  }),
  samples: (S) => [
    S.call('threshold_backward', [S.randn([2, 5]), S.randn([2, 5]), 0]),
    S.call('threshold_backward', [S.randn([3, 4], 'transposed'), S.randn([3, 4], 'strided'), S.float(0.5)]),
    S.call('threshold_backward', [S.randn([2, 3]), S.randn([3]), S.float(-0.5)]),
    S.call('threshold_backward', [S.randn([]), S.randn([]), 0]),
    S.call('threshold_backward', [S.randn([0, 2]), S.randn([0, 2]), 0]),
    S.call('threshold_backward', [S.randn([4]), S.ints([4], -2, 3), 0]),
    S.call('threshold_backward', [S.ints([4]), S.randn([4]), 0]),
    S.call('threshold_backward', [S.t([4], { dtype: 'float64' }), S.randn([4]), 1]),
    S.call('threshold_backward', [S.randn([4]), S.of([Number.NaN, 0, -0, 1]), 0]),
    S.error(
      'threshold_backward',
      [S.t([3], { dtype: 'float16' }), S.t([3], { dtype: 'float16' }), 0],
      '"threshold_cpu" not implemented for \'Half\'',
    ),
    S.error(
      'threshold_backward',
      [S.randn([2, 3]), S.randn([4]), 0],
      'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1',
    ),
    S.call('threshold_backward.grad_input', [S.randn([2, 3]), S.randn([2, 3]), 0], { grad_input: S.randn([2, 3]) }),
    S.call('threshold_backward.grad_input', [S.randn([2, 3]), S.randn([2, 3]), 0], { grad_input: S.randn([0]) }),
  ],
});
