import { defineOp } from '../core/define-op.js';
import { geometryOf, viewOf } from '../groups/views.js';

export const alias = defineOp({
  schemas: ['aten::alias(Tensor(a) self) -> Tensor(a)'],
  impl: ({ self }, ctx) => viewOf(ctx, self, geometryOf(self)),
  meta: ({ self }) => ({ sizes: [...self.sizes], dtype: self.dtype }),
  derivative: (_F, { grad }) => ({ self: grad }),
  samples: (S) => [
    S.call('alias', [S.randn([2, 3])]),
    S.call('alias', [S.randn([3, 4], 'transposed')]),
    S.call('alias', [S.t([3], { dtype: 'int32', layout: 'offset' })]),
    S.call('alias', [S.randn([])]),
    S.call('alias', [S.randn([0, 2])]),
  ],
});
