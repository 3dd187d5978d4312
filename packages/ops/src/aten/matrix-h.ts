import { defineOp } from '../core/define-op.js';
import { check } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { geometryOf, transposeGeometry, viewOf } from '../groups/views.js';

function checkMatrix(self: TensorLike): void {
  const nd = self.sizes.length;
  check(
    nd === 2 || nd === 0,
    () =>
      `tensor.H is only supported on matrices (2-D tensors). Got ${nd}-D tensor.${nd > 2 ? ' For batches of matrices, consider using tensor.mH' : ''}`,
  );
}

/** `x.H`: the conjugate transpose of a matrix (real tensors: the transpose). */
export const matrixH = defineOp({
  schemas: ['aten::matrix_H(Tensor(a) self) -> Tensor(a)', 'aten::matrix_H.a(Tensor(a) self) -> Tensor(a)'],
  impl: ({ self }, ctx) => {
    checkMatrix(self);
    return viewOf(ctx, self, transposeGeometry(geometryOf(self), 0, -1));
  },
  meta: ({ self }) => {
    checkMatrix(self);
    return { sizes: [...self.sizes].reverse(), dtype: self.dtype };
  },
  derivative: (F, { grad }) => ({ self: F.transpose(grad, 0, -1) }),
  samples: (S) => [
    S.call('matrix_H', [S.randn([2, 3])]),
    S.call('matrix_H', [S.randn([3, 4], 'transposed')]),
    S.call('matrix_H', [S.t([2, 2], { dtype: 'int32', layout: 'strided' })]),
    S.call('matrix_H', [S.randn([0, 3])]),
    S.call('matrix_H', [S.randn([])]),
    S.error('matrix_H', [S.randn([3])], 'tensor.H is only supported on matrices (2-D tensors). Got 1-D tensor.'),
    S.error('matrix_H', [S.randn([2, 3, 4])], 'For batches of matrices, consider using tensor.mH'),
  ],
});
