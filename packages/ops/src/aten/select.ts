import { defineOp } from '../core/define-op.js';
import { listGetItem } from '../groups/py-lists.js';
import { geometryOf, intArg, selectGeometry, viewOf } from '../groups/views.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

export const select = defineOp({
  schemas: [
    'aten::select.int(Tensor(a) self, int dim, int index) -> Tensor(a)',
    'aten::select.t(t[](a) list, int idx) -> t(*)',
  ],
  impl: withBuiltins(
    ({ self, dim, index }, ctx) => viewOf(ctx, self, selectGeometry(geometryOf(self), dim, intArg(index))),
    { 'select.t': listGetItem },
  ),
  meta: {
    int: ({ self, dim, index }) => ({
      sizes: selectGeometry(geometryOf(self), dim, intArg(index)).sizes,
      dtype: self.dtype,
    }),
  },
  derivative: (F, { grad, self, dim, index }) => ({ self: F.selectBackward(grad, F.sizes(self), dim, index) }),
  samples: withBuiltinSamples(
    (S) => [
      S.call('select.int', [S.randn([3, 4]), 0, 1]),
      S.call('select.int', [S.randn([3, 4]), 1, -1]),
      S.call('select.int', [S.randn([3, 4]), -2, -3]),
      S.call('select.int', [S.randn([3, 4], 'transposed'), 1, 2]),
      S.call('select.int', [S.t([2, 3], { dtype: 'int64', layout: 'strided' }), 1, 2]),
      S.call('select.int', [S.randn([5], 'offset'), 0, 4]),
      S.call('select.int', [S.randn([2, 0]), 0, 1]),
      S.call('select.int', [S.expand(S.randn([3]), [2, 3]), 0, 1]),
      S.error('select.int', [S.randn([]), 0, 0], 'select() cannot be applied to a 0-dim tensor.'),
      S.error(
        'select.int',
        [S.randn([2, 3]), 0, 5],
        'select(): index 5 out of range for tensor of size [2, 3] at dimension 0',
      ),
      S.error(
        'select.int',
        [S.randn([2, 3]), 1, -4],
        'select(): index -4 out of range for tensor of size [2, 3] at dimension 1',
      ),
      S.error(
        'select.int',
        [S.randn([2, 3]), 2, 0],
        'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
      ),
    ],
    (S) => [
      S.call('select.t', [[1, 2, 3], 1]),
      S.call('select.t', [['a', 'b'], -1]),
      S.error('select.t', [[1], 1], 'list index out of range'),
    ],
  ),
});
