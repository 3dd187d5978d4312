import { defineOp } from '../core/define-op.js';
import { geometryOf, setGeometry, unsqueezeGeometry, viewOf } from '../groups/views.js';

export const unsqueeze = defineOp({
  schemas: [
    'aten::unsqueeze(Tensor(a) self, int dim) -> Tensor(a)',
    'aten::unsqueeze_(Tensor(a!) self, int dim) -> Tensor(a!)',
  ],
  impl: {
    unsqueeze: ({ self, dim }, ctx) => viewOf(ctx, self, unsqueezeGeometry(geometryOf(self), dim)),
    unsqueeze_: ({ self, dim }, ctx) => setGeometry(ctx, self, unsqueezeGeometry(geometryOf(self), dim)),
  },
  meta: ({ self, dim }) => ({ sizes: unsqueezeGeometry(geometryOf(self), dim).sizes, dtype: self.dtype }),
  // Independent of self, whose geometry unsqueeze_ has already changed.
  derivative: (F, { grad, dim }) => ({ self: F.squeeze(grad, dim) }),
  samples: (S) => [
    S.call('unsqueeze', [S.randn([2, 3]), 0]),
    S.call('unsqueeze', [S.randn([2, 3]), 1]),
    S.call('unsqueeze', [S.randn([2, 3]), 2]),
    S.call('unsqueeze', [S.randn([2, 3]), -1]),
    S.call('unsqueeze', [S.randn([2, 3]), -3]),
    S.call('unsqueeze', [S.randn([3, 4], 'transposed'), 1]),
    S.call('unsqueeze', [S.t([4], { dtype: 'int32', layout: 'strided' }), 0]),
    S.call('unsqueeze', [S.randn([]), 0]),
    S.call('unsqueeze', [S.randn([]), -1]),
    S.call('unsqueeze', [S.randn([0]), 1]),
    S.error(
      'unsqueeze',
      [S.randn([2, 3]), 3],
      'Dimension out of range (expected to be in range of [-3, 2], but got 3)',
    ),
    S.error('unsqueeze', [S.randn([]), -2], 'Dimension out of range (expected to be in range of [-1, 0], but got -2)'),
    S.call('unsqueeze_', [S.randn([2, 3]), 1]),
    S.call('unsqueeze_', [S.randn([3], 'offset'), -1]),
  ],
});
