import { defineOp } from '../core/define-op.js';
import { check } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { reshapeTensor, wrapDim } from '../groups/views.js';

function flatSizes(sizes: readonly number[], start: number, end: number): number[] | null {
  const nd = sizes.length;
  const s = wrapDim(start, nd);
  const e = wrapDim(end, nd);
  check(s <= e, () => 'flatten() has invalid args: start_dim cannot come after end_dim');
  if (nd === 0) return [1];
  if (s === e) return null;
  let n = 1;
  for (let d = s; d <= e; d++) n *= sizes[d];
  return [...sizes.slice(0, s), n, ...sizes.slice(e + 1)];
}

export const flatten = defineOp({
  schemas: ['aten::flatten.using_ints(Tensor(a) self, int start_dim=0, int end_dim=-1) -> Tensor(a)'],
  impl: ({ self, start_dim, end_dim }, ctx: OpContext) => {
    const t = self as TensorLike;
    const sizes = flatSizes(t.sizes, start_dim, end_dim);
    // Flattening nothing returns self itself, as in PyTorch.
    return sizes === null ? t : reshapeTensor(ctx, t, sizes);
  },
  meta: ({ self, start_dim, end_dim }) => ({
    sizes: flatSizes(self.sizes, start_dim, end_dim) ?? [...self.sizes],
    dtype: self.dtype,
  }),
  derivative: (F, { grad, self }) => ({ self: F.reshape(grad, F.sizes(self)) }),
  samples: (S) => [
    S.call('flatten.using_ints', [S.randn([2, 3, 4])]),
    S.call('flatten.using_ints', [S.randn([2, 3, 4]), 1]),
    S.call('flatten.using_ints', [S.randn([2, 3, 4]), 0, 1]),
    S.call('flatten.using_ints', [S.randn([2, 3, 4]), -2, -1]),
    S.call('flatten.using_ints', [S.randn([2, 3, 4]), 1, 1]),
    S.call('flatten.using_ints', [S.randn([3, 4], 'transposed')]),
    S.call('flatten.using_ints', [S.t([2, 2, 3], { dtype: 'int64', layout: 'strided' }), 0, 1]),
    S.call('flatten.using_ints', [S.randn([2, 3], 'offset')], { end_dim: 1 }),
    S.call('flatten.using_ints', [S.randn([])]),
    S.call('flatten.using_ints', [S.randn([]), -1, 0]),
    S.error(
      'flatten.using_ints',
      [S.randn([]), 1],
      'Dimension out of range (expected to be in range of [-1, 0], but got 1)',
    ),
    S.call('flatten.using_ints', [S.randn([2, 0, 3]), 1]),
    S.error(
      'flatten.using_ints',
      [S.randn([2, 3, 4]), 2, 1],
      'flatten() has invalid args: start_dim cannot come after end_dim',
    ),
    S.error(
      'flatten.using_ints',
      [S.randn([2, 3]), 0, 2],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
  ],
});
