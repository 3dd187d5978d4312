import { defineOp } from '../core/define-op.js';
import { torchTensorName } from '../core/helpers.js';
import { expandGeometry, expandTensor, geometryOf, intList } from '../groups/views.js';

export const expand = defineOp({
  schemas: ['aten::expand(Tensor(a) self, SymInt[] size, *, bool implicit=False) -> Tensor(a)'],
  impl: ({ self, size }, ctx) => expandTensor(ctx, self, intList(size)),
  meta: ({ self, size }) => ({
    sizes: expandGeometry(geometryOf(self), intList(size), torchTensorName(self)).sizes,
    dtype: self.dtype,
  }),
  derivative: (F, { grad, self }) => ({ self: F.sumTo(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('expand', [S.randn([3]), [2, 3]]),
    S.call('expand', [S.randn([3, 1]), [3, 4]]),
    S.call('expand', [S.randn([3, 1]), [2, -1, 4]]),
    S.call('expand', [S.randn([2, 3]), [-1, -1]]),
    S.call('expand', [S.randn([1, 3], 'transposed'), [2, 2, 3]]),
    S.call('expand', [S.randn([2, 1], 'strided'), [2, 5]]),
    S.call('expand', [S.t([3], { dtype: 'int64', layout: 'offset' }), [1, 3]]),
    S.call('expand', [S.bools([1]), [4]]),
    S.call('expand', [S.randn([]), [2, 2]]),
    S.call('expand', [S.randn([]), []]),
    S.call('expand', [S.randn([0, 1]), [0, 3]]),
    S.call('expand', [S.randn([1]), [0]]),
    S.call('expand', [S.randn([3]), [2, 3]], { implicit: true }),
    S.error(
      'expand',
      [S.randn([2, 3]), [3]],
      'expand(torch.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)',
    ),
    S.error(
      'expand',
      [S.randn([2, 3]), [2, 4]],
      'The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]',
    ),
    S.error(
      'expand',
      [S.randn([2, 3]), [-1, 2, 3]],
      "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0",
    ),
  ],
});
