import { defineOp } from '../core/define-op.js';
import { torchTensorName } from '../core/helpers.js';
import { expandGeometry, expandTensor, geometryOf, intList } from '../groups/views.js';

export const broadcastTo = defineOp({
  schemas: ['aten::broadcast_to(Tensor(a) self, int[] size) -> Tensor(a)'],
  impl: ({ self, size }, ctx) => expandTensor(ctx, self, intList(size)),
  meta: ({ self, size }) => ({
    sizes: expandGeometry(geometryOf(self), intList(size), torchTensorName(self)).sizes,
    dtype: self.dtype,
  }),
  derivative: (F, { grad, self }) => ({ self: F.sumTo(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('broadcast_to', [S.randn([3]), [2, 3]]),
    S.call('broadcast_to', [S.randn([2, 1], 'transposed'), [2, -1, 3]]),
    S.call('broadcast_to', [S.t([], { dtype: 'int32' }), [3]]),
    S.call('broadcast_to', [S.randn([1, 2]), [0, 2]]),
    S.error(
      'broadcast_to',
      [S.randn([2, 3]), [3, 3]],
      'The expanded size of the tensor (3) must match the existing size (2)',
    ),
  ],
});
