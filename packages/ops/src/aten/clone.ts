import { defineOp } from '../core/define-op.js';
import { cloneTensor } from '../groups/views.js';

export const clone = defineOp({
  schemas: [
    'aten::clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor',
    'aten::clone.out(Tensor self, *, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: ({ self, memory_format }, ctx) => cloneTensor(ctx, self, memory_format),
  meta: ({ self }) => ({ sizes: [...self.sizes], dtype: self.dtype }),
  derivative: (_F, { grad }) => ({ self: grad }),
  samples: (S) => [
    S.call('clone', [S.randn([2, 3])]),
    S.call('clone', [S.randn([3, 4], 'transposed')]),
    S.call('clone', [S.t([2, 3], { dtype: 'int64', layout: 'strided' })]),
    S.call('clone', [S.bools([5])]),
    S.call('clone', [S.randn([5], 'offset')]),
    S.call('clone', [S.expand(S.randn([3]), [2, 3])]),
    S.call('clone', [S.randn([])]),
    S.call('clone', [S.randn([0, 3])]),
    S.call('clone', [S.t([2, 3], { dtype: 'float64', layout: 'transposed' })], { memory_format: 0 }),
    S.call('clone', [S.randn([2, 3], 'transposed')], { memory_format: 1 }),
    S.call('clone', [S.randn([1, 2, 2, 3])], { memory_format: 2 }),
    S.error('clone', [S.randn([2, 3])], 'required rank 4 tensor to use channels_last format', { memory_format: 2 }),
    S.call('clone.out', [S.randn([3, 2], 'transposed')], { out: S.randn([3, 2]) }),
    S.call('clone.out', [S.t([4], { dtype: 'int32' })], { out: S.t([0], { dtype: 'int32' }) }),
  ],
});
