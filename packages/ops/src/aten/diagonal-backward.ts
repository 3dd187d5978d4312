import { defineOp } from '../core/define-op.js';
import { copyIntoSlot, diagonalGeometry, geometryOf, intList, viewOf, zerosOfSizes } from '../groups/views.js';

/** The gradient of diagonal: zeros of the input's sizes with grad written onto the diagonal. */
export const diagonalBackward = defineOp({
  schemas: [
    'aten::diagonal_backward(Tensor grad_output, SymInt[] input_sizes, int offset, int dim1, int dim2) -> Tensor',
    'aten::diagonal_backward.out(Tensor grad_output, SymInt[] input_sizes, int offset, int dim1, int dim2, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: ({ grad_output, input_sizes, offset, dim1, dim2 }, ctx) => {
    const out = zerosOfSizes(ctx, intList(input_sizes), grad_output.dtype);
    copyIntoSlot(viewOf(ctx, out, diagonalGeometry(geometryOf(out), offset, dim1, dim2)), grad_output);
    return out;
  },
  meta: ({ grad_output, input_sizes }) => ({ sizes: intList(input_sizes), dtype: grad_output.dtype }),
  // grad_output may have been broadcast onto the diagonal.
  derivative: (F, { grad, grad_output, offset, dim1, dim2 }) => ({
    grad_output: F.sumTo(F.diagonal(grad, offset, dim1, dim2), F.sizes(grad_output)),
  }),
  samples: (S) => [
    S.call('diagonal_backward', [S.randn([3]), [3, 4], 0, 0, 1]),
    S.call('diagonal_backward', [S.randn([3]), [3, 4], 1, 0, 1]),
    S.call('diagonal_backward', [S.randn([2]), [3, 4], -1, 0, 1]),
    S.call('diagonal_backward', [S.randn([3, 2], 'transposed'), [2, 3, 4], 0, 0, 2]),
    S.call('diagonal_backward', [S.t([2], { dtype: 'int64' }), [2, 2], 0, 1, 0]),
    S.call('diagonal_backward', [S.randn([0]), [3, 4], 5, 0, 1]),
    S.error('diagonal_backward', [S.randn([3]), [3, 4], 0, 0, 0], 'diagonal dimensions cannot be identical 0, 0'),
    S.error(
      'diagonal_backward',
      [S.randn([]), [-1, 2], 0, 0, 1],
      'Trying to create tensor with negative dimension -1: [-1, 2]',
    ),
    S.call('diagonal_backward.out', [S.randn([2])], {
      input_sizes: [2, 2],
      offset: 0,
      dim1: 0,
      dim2: 1,
      out: S.randn([2, 2]),
    }),
  ],
});
