import { defineOp } from '../core/define-op.js';
import { geometryOf, matrixTransposeGeometry, viewOf } from '../groups/views.js';

/** The last two dims swapped (real tensors: no conjugation). */
export const mH = defineOp({
  schemas: ['aten::mH(Tensor(a) self) -> Tensor(a)', 'aten::mH.a(Tensor(a) self) -> Tensor(a)'],
  impl: ({ self }, ctx) => viewOf(ctx, self, matrixTransposeGeometry(geometryOf(self), 'tensor.mH')),
  meta: ({ self }) => ({ sizes: matrixTransposeGeometry(geometryOf(self), 'tensor.mH').sizes, dtype: self.dtype }),
  derivative: (F, { grad }) => ({ self: F.sizes(grad).length < 2 ? grad : F.transpose(grad, -2, -1) }),
  samples: (S) => [
    S.call('mH', [S.randn([2, 3])]),
    S.call('mH', [S.randn([2, 3, 4], 'transposed')]),
    S.call('mH', [S.t([2, 1, 3], { dtype: 'int64', layout: 'offset' })]),
    S.call('mH', [S.randn([0, 2])]),
    S.error('mH', [S.randn([3])], 'tensor.mH is only supported on matrices or batches of matrices. Got 1-D tensor.'),
    S.call('mH', [S.randn([])]),
  ],
});
