import { defineOp } from '../core/define-op.js';
import { isFloatingDtype, resultType } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { mutatingMeta, notImplemented } from '../groups/pointwise.js';

export const sigmoidBackward = defineOp({
  schemas: [
    'aten::sigmoid_backward(Tensor grad_output, Tensor output) -> Tensor',
    'aten::sigmoid_backward.grad_input(Tensor grad_output, Tensor output, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  // grad_output * output * (1 - output), in the promoted floating dtype.
  impl: (args, ctx) => {
    const dtype = resultType([args.grad_output, args.output]);
    if (!isFloatingDtype(dtype) || dtype === 'float16') throw notImplemented('sigmoid_backward_cpu', dtype);
    const F = ctx.F;
    return F.mul(F.mul(args.grad_output, args.output), F.rsub(args.output, 1));
  },
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.grad_output.sizes, args.output.sizes),
    dtype: resultType([args.grad_output, args.output]),
  })),
  derivative: (F, { grad, grad_output, output }) => ({
    // The inputs may broadcast against each other: each gradient is reduced to its input's sizes.
    grad_output: F.sumTo(F.sigmoidBackward(grad, output), F.sizes(grad_output)),
    output: F.sumTo(F.mul(F.mul(grad, grad_output), F.rsub(F.mul(output, 2), 1)), F.sizes(output)),
  }),
  samples: (S) => [
    S.call('sigmoid_backward', [S.randn([2, 5]), S.t([2, 5], { low: 0, high: 1 })]),
    S.call('sigmoid_backward', [S.randn([3, 4], 'transposed'), S.t([3, 4], { low: 0, high: 1, layout: 'strided' })]),
    S.call('sigmoid_backward', [S.randn([2, 3]), S.randn([3])]),
    S.call('sigmoid_backward', [S.randn([]), S.randn([])]),
    S.call('sigmoid_backward', [S.randn([0, 2]), S.randn([2])]),
    S.call('sigmoid_backward', [S.randn([3]), S.t([3], { dtype: 'float64' })]),
    S.error('sigmoid_backward', [S.ints([3]), S.ints([3])], '"sigmoid_backward_cpu" not implemented for \'Long\''),
    S.call('sigmoid_backward.grad_input', [S.randn([2, 3]), S.randn([3])], { grad_input: S.randn([2, 3]) }),
  ],
});
