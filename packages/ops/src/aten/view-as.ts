import { defineOp } from '../core/define-op.js';
import { geometryOf, viewGeometry, viewOf } from '../groups/views.js';

export const viewAs = defineOp({
  schemas: ['aten::view_as(Tensor(a) self, Tensor other) -> Tensor(a)'],
  impl: ({ self, other }, ctx) => viewOf(ctx, self, viewGeometry(geometryOf(self), other.sizes)),
  meta: ({ self, other }) => ({ sizes: [...other.sizes], dtype: self.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('view_as', [S.randn([2, 3]), S.randn([3, 2])]),
    S.call('view_as', [S.randn([2, 3], 'offset'), S.t([6], { dtype: 'int64' })]),
    S.call('view_as', [S.randn([]), S.randn([1, 1])]),
    S.call('view_as', [S.randn([0, 2]), S.randn([2, 0])]),
    S.error('view_as', [S.randn([2, 3], 'transposed'), S.randn([6])], 'view size is not compatible'),
    S.error('view_as', [S.randn([2, 3]), S.randn([4])], "shape '[4]' is invalid for input of size 6"),
  ],
});
