import { defineOp } from '../core/define-op.js';
import { diagonalGeometry, geometryOf, viewOf } from '../groups/views.js';

export const diagonal = defineOp({
  schemas: ['aten::diagonal(Tensor(a) self, int offset=0, int dim1=0, int dim2=1) -> Tensor(a)'],
  impl: ({ self, offset, dim1, dim2 }, ctx) =>
    viewOf(ctx, self, diagonalGeometry(geometryOf(self), offset, dim1, dim2)),
  meta: ({ self, offset, dim1, dim2 }) => ({
    sizes: diagonalGeometry(geometryOf(self), offset, dim1, dim2).sizes,
    dtype: self.dtype,
  }),
  derivative: (F, { grad, self, offset, dim1, dim2 }) => ({
    self: F.diagonalBackward(grad, F.sizes(self), offset, dim1, dim2),
  }),
  samples: (S) => [
    S.call('diagonal', [S.randn([3, 4])]),
    S.call('diagonal', [S.randn([3, 4]), 1]),
    S.call('diagonal', [S.randn([3, 4]), -2]),
    S.call('diagonal', [S.randn([3, 4]), 5]),
    S.call('diagonal', [S.randn([3, 4]), -5]),
    S.call('diagonal', [S.randn([2, 3, 4]), 0, 0, 2]),
    S.call('diagonal', [S.randn([2, 3, 4]), 1, -1, 1]),
    S.call('diagonal', [S.randn([4, 3], 'transposed'), -1]),
    S.call('diagonal', [S.t([3, 3], { dtype: 'int64', layout: 'strided' })]),
    S.call('diagonal', [S.randn([3, 3], 'offset')], { offset: 1, dim1: 1, dim2: 0 }),
    S.call('diagonal', [S.randn([0, 3])]),
    S.error('diagonal', [S.randn([2, 3]), 0, 0, 0], 'diagonal dimensions cannot be identical 0, 0'),
    S.error('diagonal', [S.randn([2, 3]), 0, 0, 2], 'Dimension out of range'),
    S.error('diagonal', [S.randn([3])], 'Dimension out of range'),
  ],
});
