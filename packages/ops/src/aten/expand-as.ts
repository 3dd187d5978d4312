import { defineOp } from '../core/define-op.js';
import { torchTensorName } from '../core/helpers.js';
import { expandGeometry, expandTensor, geometryOf } from '../groups/views.js';

export const expandAs = defineOp({
  schemas: ['aten::expand_as(Tensor(a) self, Tensor other) -> Tensor(a)'],
  impl: ({ self, other }, ctx) => expandTensor(ctx, self, other.sizes),
  meta: ({ self, other }) => ({
    sizes: expandGeometry(geometryOf(self), other.sizes, torchTensorName(self)).sizes,
    dtype: self.dtype,
  }),
  derivative: (F, { grad, self }) => ({ self: F.sumTo(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('expand_as', [S.randn([3]), S.randn([2, 3])]),
    S.call('expand_as', [S.randn([3, 1], 'offset'), S.t([2, 3, 4], { dtype: 'int64' })]),
    S.call('expand_as', [S.randn([]), S.randn([2])]),
    S.call('expand_as', [S.randn([1]), S.randn([0])]),
    S.error(
      'expand_as',
      [S.randn([2, 3]), S.randn([2, 4])],
      'The expanded size of the tensor (4) must match the existing size (3)',
    ),
  ],
});
