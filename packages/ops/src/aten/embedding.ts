import { defineOp } from '../core/define-op.js';
import { embedding as run } from '../groups/embedding.js';

export const embedding = defineOp({
  schemas: [
    'aten::embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor',
    'aten::embedding.out(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.weight, a.indices),
  meta: (a) => ({ sizes: [...a.indices.sizes, a.weight.sizes[1]], dtype: a.weight.dtype }),
  derivative: (F, { grad, weight, indices, padding_idx, scale_grad_by_freq, sparse }) => ({
    weight: F.embeddingBackward(grad, indices, F.sizes(weight)[0], padding_idx, scale_grad_by_freq, sparse),
  }),
  samples: (S) => [
    S.call('embedding', [S.randn([5, 3]), S.ints([4], 0, 5)]),
    S.call('embedding', [S.randn([6, 2]), S.ints([2, 3], 0, 6)]),
    S.call('embedding', [S.randn([4, 3], 'transposed'), S.ints([3], 0, 4, 'int32'), 1], undefined, {
      noGradcheck: 'the padding_idx row gets no gradient in PyTorch',
    }),
    S.call('embedding', [S.t([3, 2], { dtype: 'float64' }), S.ints([], 0, 3)]),
    S.call('embedding', [S.ints([4, 2]), S.ints([0], 0, 4)]),
    S.call('embedding', [S.randn([5, 2]), S.t([2, 2], { dtype: 'int64', low: 0, high: 5, layout: 'strided' })]),
    S.call('embedding.out', [S.randn([5, 3]), S.ints([2], 0, 5)], { out: S.randn([0]) }),
    S.error('embedding', [S.randn([3, 2]), S.of([3], [1], 'int64')], 'index out of range in self'),
    S.error(
      'embedding',
      [S.randn([3, 2]), S.of([1], [1])],
      "'indices' to have one of the following scalar types: Long, Int",
    ),
    S.error('embedding', [S.randn([3]), S.of([1], [1], 'int64')], "'weight' must be 2-D"),
  ],
});
