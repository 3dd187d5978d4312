import { defineOp } from '../core/define-op.js';
import { geometryOf, setGeometry, transposeGeometry, viewOf } from '../groups/views.js';

/** An alias of transpose. */
export const swapaxes = defineOp({
  schemas: [
    'aten::swapaxes(Tensor(a) self, int axis0, int axis1) -> Tensor(a)',
    'aten::swapaxes_(Tensor(a!) self, int axis0, int axis1) -> Tensor(a!)',
  ],
  impl: {
    swapaxes: ({ self, axis0, axis1 }, ctx) => viewOf(ctx, self, transposeGeometry(geometryOf(self), axis0, axis1)),
    swapaxes_: ({ self, axis0, axis1 }, ctx) =>
      setGeometry(ctx, self, transposeGeometry(geometryOf(self), axis0, axis1)),
  },
  meta: ({ self, axis0, axis1 }) => ({
    sizes: transposeGeometry(geometryOf(self), axis0, axis1).sizes,
    dtype: self.dtype,
  }),
  derivative: (F, { grad, axis0, axis1 }) => ({ self: F.transpose(grad, axis0, axis1) }),
  samples: (S) => [
    S.call('swapaxes', [S.randn([2, 3]), 0, 1]),
    S.call('swapaxes', [S.randn([2, 3, 4], 'transposed'), -1, 1]),
    S.call('swapaxes', [S.t([3], { dtype: 'int64', layout: 'offset' }), 0, 0]),
    S.call('swapaxes', [S.randn([]), 0, 0]),
    S.error(
      'swapaxes',
      [S.randn([2, 3]), 0, 3],
      'Dimension out of range (expected to be in range of [-2, 1], but got 3)',
    ),
    S.call('swapaxes_', [S.randn([2, 3]), 1, 0]),
    S.call('swapaxes_', [S.randn([2, 3, 4], 'strided'), 0, 2]),
  ],
});
