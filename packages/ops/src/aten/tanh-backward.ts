import { defineOp } from '../core/define-op.js';
import { isFloatingDtype, resultType } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { mutatingMeta, notImplemented } from '../groups/pointwise.js';

export const tanhBackward = defineOp({
  schemas: [
    'aten::tanh_backward(Tensor grad_output, Tensor output) -> Tensor',
    'aten::tanh_backward.grad_input(Tensor grad_output, Tensor output, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  // grad_output * (1 - output^2), in the promoted floating dtype.
  impl: (args, ctx) => {
    const dtype = resultType([args.grad_output, args.output]);
    if (!isFloatingDtype(dtype) || dtype === 'float16') throw notImplemented('tanh_backward_cpu', dtype);
    const F = ctx.F;
    return F.mul(args.grad_output, F.rsub(F.mul(args.output, args.output), 1));
  },
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.grad_output.sizes, args.output.sizes),
    dtype: resultType([args.grad_output, args.output]),
  })),
  derivative: (F, { grad, grad_output, output }) => ({
    // The inputs may broadcast against each other: each gradient is reduced to its input's sizes.
    grad_output: F.sumTo(F.tanhBackward(grad, output), F.sizes(grad_output)),
    output: F.sumTo(F.mul(F.mul(F.mul(grad, grad_output), output), -2), F.sizes(output)),
  }),
  samples: (S) => [
    S.call('tanh_backward', [S.randn([2, 5]), S.t([2, 5], { low: -1, high: 1 })]),
    S.call('tanh_backward', [S.randn([3, 4], 'transposed'), S.t([3, 4], { low: -1, high: 1, layout: 'strided' })]),
    S.call('tanh_backward', [S.randn([2, 3]), S.randn([3])]),
    S.call('tanh_backward', [S.randn([]), S.randn([])]),
    S.call('tanh_backward', [S.randn([0, 2]), S.randn([2])]),
    S.call('tanh_backward', [S.randn([3]), S.t([3], { dtype: 'float64' })]),
    S.error('tanh_backward', [S.ints([3]), S.ints([3])], '"tanh_backward_cpu" not implemented for \'Long\''),
    S.call('tanh_backward.grad_input', [S.randn([2, 3]), S.randn([3])], { grad_input: S.randn([2, 3]) }),
  ],
});
