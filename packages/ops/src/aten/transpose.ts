import { defineOp } from '../core/define-op.js';
import { geometryOf, setGeometry, transposeGeometry, viewOf } from '../groups/views.js';

export const transpose = defineOp({
  schemas: [
    'aten::transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)',
    'aten::transpose_(Tensor(a!) self, int dim0, int dim1) -> Tensor(a!)',
  ],
  impl: {
    int: ({ self, dim0, dim1 }, ctx) => viewOf(ctx, self, transposeGeometry(geometryOf(self), dim0, dim1)),
    transpose_: ({ self, dim0, dim1 }, ctx) => setGeometry(ctx, self, transposeGeometry(geometryOf(self), dim0, dim1)),
  },
  meta: ({ self, dim0, dim1 }) => ({
    sizes: transposeGeometry(geometryOf(self), dim0, dim1).sizes,
    dtype: self.dtype,
  }),
  derivative: (F, { grad, dim0, dim1 }) => ({ self: F.transpose(grad, dim0, dim1) }),
  samples: (S) => [
    S.call('transpose.int', [S.randn([2, 3]), 0, 1]),
    S.call('transpose.int', [S.randn([2, 3, 4]), -1, 0]),
    S.call('transpose.int', [S.randn([2, 3, 4]), 1, 1]),
    S.call('transpose.int', [S.randn([3, 4], 'transposed'), 1, 0]),
    S.call('transpose.int', [S.t([2, 3], { dtype: 'int32', layout: 'strided' }), 0, 1]),
    S.call('transpose.int', [S.randn([4], 'offset'), 0, -1]),
    S.call('transpose.int', [S.randn([]), 0, -1]),
    S.call('transpose.int', [S.randn([0, 2]), 0, 1]),
    S.error(
      'transpose.int',
      [S.randn([2, 3]), 0, 2],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
    S.call('transpose_', [S.randn([2, 3]), 0, 1]),
    S.call('transpose_', [S.randn([2, 3, 4], 'offset'), 2, 0]),
    S.error('transpose_', [S.randn([2, 3]), -3, 0], 'Dimension out of range'),
  ],
});
