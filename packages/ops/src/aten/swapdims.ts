import { defineOp } from '../core/define-op.js';
import { geometryOf, setGeometry, transposeGeometry, viewOf } from '../groups/views.js';

/** An alias of transpose. */
export const swapdims = defineOp({
  schemas: [
    'aten::swapdims(Tensor(a) self, int dim0, int dim1) -> Tensor(a)',
    'aten::swapdims_(Tensor(a!) self, int dim0, int dim1) -> Tensor(a!)',
  ],
  impl: {
    swapdims: ({ self, dim0, dim1 }, ctx) => viewOf(ctx, self, transposeGeometry(geometryOf(self), dim0, dim1)),
    swapdims_: ({ self, dim0, dim1 }, ctx) => setGeometry(ctx, self, transposeGeometry(geometryOf(self), dim0, dim1)),
  },
  meta: ({ self, dim0, dim1 }) => ({ sizes: transposeGeometry(geometryOf(self), dim0, dim1).sizes, dtype: self.dtype }),
  derivative: (F, { grad, dim0, dim1 }) => ({ self: F.transpose(grad, dim0, dim1) }),
  samples: (S) => [
    S.call('swapdims', [S.randn([2, 3]), 0, 1]),
    S.call('swapdims', [S.randn([2, 3, 4], 'transposed'), -1, 1]),
    S.call('swapdims', [S.t([3], { dtype: 'int64', layout: 'offset' }), 0, 0]),
    S.call('swapdims', [S.randn([]), 0, 0]),
    S.error(
      'swapdims',
      [S.randn([2, 3]), 0, 3],
      'Dimension out of range (expected to be in range of [-2, 1], but got 3)',
    ),
    S.call('swapdims_', [S.randn([2, 3]), 1, 0]),
    S.call('swapdims_', [S.randn([2, 3, 4], 'strided'), 0, 2]),
  ],
});
