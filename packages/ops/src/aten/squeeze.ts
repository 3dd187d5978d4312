import { defineOp } from '../core/define-op.js';
import { geometryOf, setGeometry, squeezeGeometry, viewOf } from '../groups/views.js';

export const squeeze = defineOp({
  schemas: [
    'aten::squeeze(Tensor(a) self) -> Tensor(a)',
    'aten::squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)',
    'aten::squeeze_(Tensor(a!) self) -> Tensor(a!)',
    'aten::squeeze_.dim(Tensor(a!) self, int dim) -> Tensor(a!)',
  ],
  impl: {
    squeeze: ({ self }, ctx) => viewOf(ctx, self, squeezeGeometry(geometryOf(self))),
    'squeeze.dim': ({ self, dim }, ctx) => viewOf(ctx, self, squeezeGeometry(geometryOf(self), dim)),
    squeeze_: ({ self }, ctx) => setGeometry(ctx, self, squeezeGeometry(geometryOf(self))),
    'squeeze_.dim': ({ self, dim }, ctx) => setGeometry(ctx, self, squeezeGeometry(geometryOf(self), dim)),
  },
  meta: ({ self, dim }) => ({ sizes: squeezeGeometry(geometryOf(self), dim).sizes, dtype: self.dtype }),
  derivative: (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('squeeze', [S.randn([2, 1, 3, 1])]),
    S.call('squeeze', [S.randn([1, 3, 1], 'transposed')]),
    S.call('squeeze', [S.t([1, 1], { dtype: 'int64' })]),
    S.call('squeeze', [S.randn([])]),
    S.call('squeeze', [S.randn([0, 1])]),
    S.call('squeeze', [S.randn([2, 3], 'offset')]),
    S.call('squeeze.dim', [S.randn([2, 1, 3]), 1]),
    S.call('squeeze.dim', [S.randn([2, 1, 3]), -2]),
    S.call('squeeze.dim', [S.randn([2, 1, 3]), 0]),
    S.call('squeeze.dim', [S.randn([1, 4], 'strided'), 0]),
    S.call('squeeze.dim', [S.randn([]), 0]),
    S.call('squeeze.dim', [S.randn([]), -1]),
    S.error(
      'squeeze.dim',
      [S.randn([2, 3]), 2],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
    S.error('squeeze.dim', [S.randn([]), 1], 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'),
    S.call('squeeze_', [S.randn([1, 2, 1])]),
    S.call('squeeze_.dim', [S.randn([3, 1], 'transposed'), 1]),
    S.call('squeeze_.dim', [S.randn([3, 2]), 1]),
  ],
});
