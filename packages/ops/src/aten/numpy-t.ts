import { defineOp } from '../core/define-op.js';
import { geometryOf, permuteGeometry, viewOf } from '../groups/views.js';

const reversed = (n: number) => [...Array(n).keys()].reverse();

/** `x.T` in TorchScript: all dims reversed. */
export const numpyT = defineOp({
  schemas: ['aten::numpy_T(Tensor(a) self) -> Tensor(a)', 'aten::numpy_T.a(Tensor(a) self) -> Tensor(a)'],
  impl: ({ self }, ctx) => viewOf(ctx, self, permuteGeometry(geometryOf(self), reversed(self.sizes.length))),
  meta: ({ self }) => ({ sizes: [...self.sizes].reverse(), dtype: self.dtype }),
  derivative: (F, { grad }) => ({ self: F.permute(grad, reversed(F.sizes(grad).length)) }),
  samples: (S) => [
    S.call('numpy_T', [S.randn([2, 3])]),
    S.call('numpy_T', [S.randn([2, 3, 4], 'transposed')]),
    S.call('numpy_T', [S.t([3], { dtype: 'int32', layout: 'offset' })]),
    S.call('numpy_T', [S.randn([])]),
    S.call('numpy_T', [S.randn([0, 2])]),
    S.call('numpy_T', [S.randn([2, 3], 'strided')]),
  ],
});
