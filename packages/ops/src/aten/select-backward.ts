import { defineOp } from '../core/define-op.js';
import { copyIntoSlot, geometryOf, intArg, intList, selectGeometry, viewOf, zerosOfSizes } from '../groups/views.js';

/** The gradient of select: zeros of the input's sizes with grad written into the selected slice. */
export const selectBackward = defineOp({
  schemas: [
    'aten::select_backward(Tensor grad_output, SymInt[] input_sizes, int dim, int index) -> Tensor',
    'aten::select_backward.out(Tensor grad_output, SymInt[] input_sizes, int dim, int index, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: ({ grad_output, input_sizes, dim, index }, ctx) => {
    const out = zerosOfSizes(ctx, intList(input_sizes), grad_output.dtype);
    copyIntoSlot(viewOf(ctx, out, selectGeometry(geometryOf(out), dim, intArg(index))), grad_output);
    return out;
  },
  meta: ({ grad_output, input_sizes }) => ({ sizes: intList(input_sizes), dtype: grad_output.dtype }),
  // grad_output may have been broadcast into the slot.
  derivative: (F, { grad, grad_output, dim, index }) => ({
    grad_output: F.sumTo(F.select(grad, dim, index), F.sizes(grad_output)),
  }),
  samples: (S) => [
    S.call('select_backward', [S.randn([4]), [3, 4], 0, 1]),
    S.call('select_backward', [S.randn([3]), [3, 4], 1, -1]),
    S.call('select_backward', [S.randn([2, 3], 'transposed'), [2, 5, 3], 1, 4]),
    S.call('select_backward', [S.t([2], { dtype: 'int64' }), [2, 2], -1, 0]),
    S.call('select_backward', [S.randn([]), [3], 0, 2]),
    S.call('select_backward', [S.randn([0]), [2, 0], 0, 1]),
    S.call('select_backward', [S.randn([1]), [2, 3], 0, 1]),
    S.error('select_backward', [S.randn([4]), [3, 4], 0, 3], 'index 3 out of range'),
    S.error('select_backward', [S.randn([]), [-1], 0, 0], 'Trying to create tensor with negative dimension -1: [-1]'),
    S.error(
      'select_backward',
      [S.randn([3]), [2, 4], 0, 0],
      'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 0',
    ),
    S.call('select_backward.out', [S.randn([4]), [2, 4], 0, 0], { out: S.randn([2, 4]) }),
  ],
});
