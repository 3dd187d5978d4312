import { defineOp } from '../core/define-op.js';
import { toDtype } from '../core/dtypes.js';
import { geometryOf, intList, retype, viewDtypeGeometry, viewGeometry, viewOf } from '../groups/views.js';

export const view = defineOp({
  schemas: [
    'aten::view(Tensor(a) self, SymInt[] size) -> Tensor(a)',
    'aten::view.dtype(Tensor(a) self, ScalarType dtype) -> Tensor(a)',
  ],
  impl: {
    '': ({ self, size }, ctx) => viewOf(ctx, self, viewGeometry(geometryOf(self), intList(size))),
    dtype: ({ self, dtype }, ctx) => {
      const to = toDtype(dtype);
      return retype(viewOf(ctx, self, viewDtypeGeometry(geometryOf(self), self.dtype, to)), to);
    },
  },
  meta: {
    '': ({ self, size }) => ({ sizes: viewGeometry(geometryOf(self), intList(size)).sizes, dtype: self.dtype }),
    dtype: ({ self, dtype }) => ({
      sizes: viewDtypeGeometry(geometryOf(self), self.dtype, toDtype(dtype)).sizes,
      dtype: toDtype(dtype),
    }),
  },
  // view.dtype reinterprets bits: PyTorch marks its output non-differentiable.
  derivative: { '': (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }) },
  samples: (S) => [
    S.call('view', [S.randn([2, 3]), [3, 2]]),
    S.call('view', [S.randn([2, 3]), [-1]]),
    S.call('view', [S.randn([2, 3, 4]), [2, -1, 2]]),
    S.call('view', [S.randn([2, 3], 'offset'), [6, 1]]),
    S.call('view', [S.randn([2, 6], 'strided'), [2, 3, 2]]),
    S.call('view', [S.randn([2, 6], 'strided'), [12]]),
    S.call('view', [S.randn([2, 1, 3], 'transposed'), [2, 3, 1]]),
    S.error('view', [S.randn([2, 1, 3], 'transposed'), [3, 2]], 'view size is not compatible'),
    S.call('view', [S.t([2, 3], { dtype: 'int64' }), [1, 6, 1]]),
    S.call('view', [S.bools([4]), [2, 2]]),
    S.call('view', [S.randn([]), [1, 1]]),
    S.call('view', [S.randn([1, 1]), []]),
    S.call('view', [S.randn([0, 3]), [3, 0]]),
    S.call('view', [S.randn([0, 3]), [-1]]),
    S.call('view', [S.randn([0, 3], 'transposed'), [3, 0, 1]]),
    S.call('view', [S.expand(S.randn([3]), [2, 3]), [2, 3, 1]]),
    S.error('view', [S.randn([2, 3]), [2, 4]], "shape '[2, 4]' is invalid for input of size 6"),
    S.error('view', [S.randn([2, 3]), [-1, -1]], 'only one dimension can be inferred'),
    S.error('view', [S.randn([2, 3]), [-2, 3]], 'invalid shape dimension -2'),
    S.error('view', [S.randn([0, 3]), [-1, 0]], 'because the unspecified dimension size -1 can be any value'),
    S.error(
      'view',
      [S.randn([2, 3], 'transposed'), [6]],
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    ),
    S.error('view', [S.randn([2, 3, 4], 'transposed'), [6, 4]], 'view size is not compatible'),
    S.call('view.dtype', [S.randn([2, 3])], { dtype: 3 }),
    S.call('view.dtype', [S.t([2, 4], { dtype: 'int32' })], { dtype: 6 }),
    S.call('view.dtype', [S.t([2, 3], { dtype: 'int32' })], { dtype: 2 }),
    S.call('view.dtype', [S.t([2, 4], { dtype: 'int16' })], { dtype: 3 }),
    S.call('view.dtype', [S.t([2, 3], { dtype: 'uint8', values: [0, 1, 2, 0, 3, 1] })], { dtype: 11 }),
    S.call('view.dtype', [S.randn([0, 4])], { dtype: 7 }),
    S.error('view.dtype', [S.randn([2, 3])], 'self.size(-1) must be divisible by 2 to view Float as Double', {
      dtype: 7,
    }),
    S.error('view.dtype', [S.randn([3, 4], 'transposed')], 'self.stride(-1) must be 1 to view Float as Double', {
      dtype: 7,
    }),
    S.error('view.dtype', [S.randn([])], 'self.dim() cannot be 0 to view Float as Short', { dtype: 2 }),
  ],
});
