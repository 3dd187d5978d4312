import { defineOp } from '../core/define-op.js';
import { numel } from '../core/helpers.js';
import { inferSize, intList, reshapeTensor } from '../groups/views.js';

export const reshape = defineOp({
  schemas: ['aten::reshape(Tensor(a) self, SymInt[] shape) -> Tensor(a)'],
  impl: ({ self, shape }, ctx) => reshapeTensor(ctx, self, intList(shape)),
  meta: ({ self, shape }) => ({ sizes: inferSize(intList(shape), numel(self.sizes)), dtype: self.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('reshape', [S.randn([2, 3]), [3, 2]]),
    S.call('reshape', [S.randn([2, 3]), [-1]]),
    S.call('reshape', [S.randn([2, 3], 'transposed'), [6]]),
    S.call('reshape', [S.randn([2, 3], 'transposed'), [3, 1, 2]]),
    S.call('reshape', [S.randn([2, 6], 'strided'), [2, 2, 3]]),
    S.call('reshape', [S.randn([2, 6], 'strided'), [12]]),
    S.call('reshape', [S.randn([2, 6], 'strided'), [4, 3]]),
    S.call('reshape', [S.randn([2, 3], 'offset'), [3, -1]]),
    S.call('reshape', [S.expand(S.randn([3]), [2, 3]), [6]]),
    S.call('reshape', [S.t([3, 4], { dtype: 'int32', layout: 'transposed' }), [2, 6]]),
    S.call('reshape', [S.randn([]), [1]]),
    S.call('reshape', [S.randn([1]), []]),
    S.call('reshape', [S.randn([0, 4]), [2, 0, 2]]),
    S.call('reshape', [S.randn([2, 3, 4], 'transposed'), [4, -1]]),
    S.error('reshape', [S.randn([2, 3]), [4, -1]], "shape '[4, -1]' is invalid for input of size 6"),
    S.error('reshape', [S.randn([2, 3]), [-1, -1]], 'only one dimension can be inferred'),
    S.error(
      'reshape',
      [S.randn([0, 3]), [0, -1]],
      'the unspecified dimension size -1 can be any value and is ambiguous',
    ),
  ],
});
