import { defineOp } from '../core/define-op.js';
import { check } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { copyWithStrides, formatStrides, geometryOf, memoryFormat } from '../groups/views.js';

/** self when already laid out in the format (PyTorch's is_contiguous(format) ignores size-1 dims), else a copy. */
function laidOut(t: TensorLike, wanted: readonly number[]): boolean {
  const g = geometryOf(t);
  for (let d = 0; d < g.sizes.length; d++) {
    if (g.sizes[d] === 0) return true;
  }
  return g.sizes.every((n, d) => n === 1 || g.strides[d] === wanted[d]);
}

export const contiguous = defineOp({
  schemas: ['aten::contiguous(Tensor(a) self, *, MemoryFormat memory_format=0) -> Tensor(a)'],
  impl: ({ self, memory_format }, ctx) => {
    const f = memoryFormat(memory_format);
    const strides = formatStrides(self.sizes, f === 'preserve' ? 'contiguous' : f);
    if (laidOut(self, strides)) return self;
    check(f !== 'preserve', () => 'preserve memory format is unsupported by the contiguous operator');
    return copyWithStrides(ctx, self, strides);
  },
  meta: ({ self }) => ({ sizes: [...self.sizes], dtype: self.dtype }),
  derivative: (_F, { grad }) => ({ self: grad }),
  samples: (S) => [
    S.call('contiguous', [S.randn([2, 3])]),
    S.call('contiguous', [S.randn([3, 4], 'transposed')]),
    S.call('contiguous', [S.t([2, 3], { dtype: 'int64', layout: 'strided' })]),
    S.call('contiguous', [S.randn([5], 'offset')]),
    S.call('contiguous', [S.expand(S.randn([3]), [2, 3])]),
    S.call('contiguous', [S.randn([])]),
    S.call('contiguous', [S.randn([0, 3], 'transposed')]),
    S.call('contiguous', [S.randn([2, 3, 2, 2])], { memory_format: 2 }),
    S.call('contiguous', [S.randn([1, 2, 1, 2, 2])], { memory_format: 3 }),
    S.call('contiguous', [S.randn([3, 2])], { memory_format: 0 }),
    S.call('contiguous', [S.randn([2, 3])], { memory_format: 1 }),
    S.error(
      'contiguous',
      [S.randn([2, 3], 'transposed')],
      'preserve memory format is unsupported by the contiguous operator',
      {
        memory_format: 1,
      },
    ),
    S.error('contiguous', [S.randn([2, 3])], 'required rank 4 tensor to use channels_last format', {
      memory_format: 2,
    }),
  ],
});
