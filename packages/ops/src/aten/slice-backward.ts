import { defineOp } from '../core/define-op.js';
import { copyIntoSlot, geometryOf, intArg, intList, sliceGeometry, viewOf, zerosOfSizes } from '../groups/views.js';

/** The gradient of slice: zeros of the input's sizes with grad written into the slice. */
export const sliceBackward = defineOp({
  schemas: [
    'aten::slice_backward(Tensor grad_output, SymInt[] input_sizes, int dim, SymInt start, SymInt end, SymInt step) -> Tensor',
    'aten::slice_backward.out(Tensor grad_output, SymInt[] input_sizes, int dim, SymInt start, SymInt end, SymInt step, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: ({ grad_output, input_sizes, dim, start, end, step }, ctx) => {
    const out = zerosOfSizes(ctx, intList(input_sizes), grad_output.dtype);
    const g = sliceGeometry(geometryOf(out), dim, intArg(start), intArg(end), intArg(step));
    copyIntoSlot(viewOf(ctx, out, g), grad_output);
    return out;
  },
  meta: ({ grad_output, input_sizes }) => ({ sizes: intList(input_sizes), dtype: grad_output.dtype }),
  // grad_output may have been broadcast into the slice.
  derivative: (F, { grad, grad_output, dim, start, end, step }) => ({
    grad_output: F.sumTo(F.slice(grad, dim, start, end, step), F.sizes(grad_output)),
  }),
  samples: (S) => [
    S.call('slice_backward', [S.randn([2, 4]), [5, 4], 0, 1, 3, 1]),
    S.call('slice_backward', [S.randn([3, 2]), [3, 7], 1, 1, 7, 3]),
    S.call('slice_backward', [S.randn([3, 2], 'transposed'), [3, 7], -1, -5, -1, 2]),
    S.call('slice_backward', [S.t([2], { dtype: 'int64' }), [6], 0, 4, 100, 1]),
    S.call('slice_backward', [S.randn([3, 0]), [3, 4], 1, 2, 2, 1]),
    S.call('slice_backward', [S.randn([1, 4]), [3, 4], 0, 1, 2, 1]),
    S.error('slice_backward', [S.randn([2, 4]), [5, 4], 0, 1, 3, 0], 'slice step must be positive'),
    S.error(
      'slice_backward',
      [S.randn([]), [-1], 0, 0, 0, 1],
      'Trying to create tensor with negative dimension -1: [-1]',
    ),
    S.error(
      'slice_backward',
      [S.randn([3]), [4], 0, 0, 2, 1],
      'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
    ),
    S.call('slice_backward.out', [S.randn([2]), [4], 0, 0, 4, 2], { out: S.randn([4]) }),
  ],
});
