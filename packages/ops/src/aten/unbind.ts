import { defineOp } from '../core/define-op.js';
import { check } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { geometryOf, selectGeometry, viewOf, wrapDim } from '../groups/views.js';

function unbindDim(self: TensorLike, dim: number): number {
  // PyTorch wraps the dim first (a 0-d tensor takes -1 and 0), then reports the wrapped dim.
  const d = wrapDim(dim, self.sizes.length);
  check(self.sizes.length > 0, () => `Dimension specified as ${d} but tensor has no dimensions`, 'IndexError');
  return d;
}

export const unbind = defineOp({
  schemas: ['aten::unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]'],
  impl: ({ self, dim }, ctx) => {
    const d = unbindDim(self, dim);
    const g = geometryOf(self);
    return [...Array(self.sizes[d]).keys()].map((i) => viewOf(ctx, self, selectGeometry(g, d, i)));
  },
  meta: ({ self, dim }) => {
    const d = unbindDim(self, dim);
    const sizes = self.sizes.filter((_: number, k: number) => k !== d);
    return [...Array(self.sizes[d]).keys()].map(() => ({ sizes, dtype: self.dtype }));
  },
  derivative: (F, { grads, self, dim }) => {
    const sizes = F.sizes(self);
    let total: unknown = null;
    grads.forEach((g, i) => {
      if (g === null || g === undefined) return;
      const placed = F.selectBackward(g, sizes, dim, i);
      total = total === null ? placed : F.add(total, placed);
    });
    return { self: total };
  },
  samples: (S) => [
    S.call('unbind.int', [S.randn([3, 2])]),
    S.call('unbind.int', [S.randn([3, 2]), 1]),
    S.call('unbind.int', [S.randn([2, 3, 2]), -2]),
    S.call('unbind.int', [S.randn([3, 4], 'transposed'), 0]),
    S.call('unbind.int', [S.t([4], { dtype: 'int64', layout: 'offset' })]),
    S.call('unbind.int', [S.randn([0, 2])]),
    S.call('unbind.int', [S.randn([2, 0]), 0]),
    S.error('unbind.int', [S.randn([])], 'Dimension specified as 0 but tensor has no dimensions'),
    S.error('unbind.int', [S.randn([]), -1], 'Dimension specified as 0 but tensor has no dimensions'),
    S.error('unbind.int', [S.randn([2, 3]), 2], 'Dimension out of range'),
  ],
});
