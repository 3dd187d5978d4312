import { defineOp } from '../core/define-op.js';
import { geometryOf, setGeometry, tGeometry, viewOf } from '../groups/views.js';

export const t = defineOp({
  schemas: ['aten::t(Tensor(a) self) -> Tensor(a)', 'aten::t_(Tensor(a!) self) -> Tensor(a!)'],
  impl: {
    t: ({ self }, ctx) => viewOf(ctx, self, tGeometry(geometryOf(self))),
    t_: ({ self }, ctx) => setGeometry(ctx, self, tGeometry(geometryOf(self), 't_')),
  },
  meta: ({ self }) => ({ sizes: tGeometry(geometryOf(self)).sizes, dtype: self.dtype }),
  derivative: (F, { grad }) => ({ self: F.t(grad) }),
  samples: (S) => [
    S.call('t', [S.randn([2, 3])]),
    S.call('t', [S.randn([3, 4], 'transposed')]),
    S.call('t', [S.t([2, 3], { dtype: 'int64', layout: 'offset' })]),
    S.call('t', [S.randn([3])]),
    S.call('t', [S.randn([])]),
    S.call('t', [S.randn([0, 3])]),
    S.error('t', [S.randn([2, 3, 4])], 't() expects a tensor with <= 2 dimensions, but self is 3D'),
    S.call('t_', [S.randn([2, 3])]),
    S.call('t_', [S.randn([3], 'strided')]),
    S.error('t_', [S.randn([1, 2, 3])], 't_() expects a tensor with <= 2 dimensions, but self is 3D'),
  ],
});
