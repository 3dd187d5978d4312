import { defineOp } from '../core/define-op.js';
import { geometryOf, setGeometry, viewOf } from '../groups/views.js';

/** A view cut from autograd: same storage and geometry. */
export const detach = defineOp({
  schemas: ['aten::detach(Tensor(a) self) -> Tensor(a)', 'aten::detach_(Tensor(a!) self) -> Tensor(a!)'],
  impl: {
    detach: ({ self }, ctx) => viewOf(ctx, self, geometryOf(self)),
    detach_: ({ self }, ctx) => setGeometry(ctx, self, geometryOf(self)),
  },
  meta: ({ self }) => ({ sizes: [...self.sizes], dtype: self.dtype }),
  nondifferentiable: 'detach cuts the graph: no gradient flows through it',
  samples: (S) => [
    S.call('detach', [S.randn([2, 3])]),
    S.call('detach', [S.randn([3, 4], 'transposed')]),
    S.call('detach', [S.t([3], { dtype: 'int64', layout: 'offset' })]),
    S.call('detach', [S.randn([])]),
    S.call('detach', [S.randn([0, 2])]),
  ],
});
