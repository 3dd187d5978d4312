import { defineOp } from '../core/define-op.js';
import { embeddingDoubleBackward, embeddingDenseBackward as run } from '../groups/embedding.js';

export const embeddingDenseBackward = defineOp({
  schemas: [
    'aten::embedding_dense_backward(Tensor grad_output, Tensor indices, SymInt num_weights, int padding_idx, bool scale_grad_by_freq) -> Tensor',
    'aten::embedding_dense_backward.out(Tensor grad_output, Tensor indices, SymInt num_weights, int padding_idx, bool scale_grad_by_freq, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.grad_output, a.indices, a.num_weights, a.padding_idx, a.scale_grad_by_freq),
  derivative: (F, { grad, indices, padding_idx }) => ({
    grad_output: embeddingDoubleBackward(F, grad, indices, padding_idx),
  }),
  samples: (S) => [
    S.call('embedding_dense_backward', [S.randn([4, 3]), S.of([1, 3, 1, 0], [4], 'int64'), 5, -1, false]),
    S.call(
      'embedding_dense_backward',
      [S.randn([2, 3, 2]), S.of([1, 3, 1, 0, 3, 3], [2, 3], 'int64'), 4, 1, true],
      undefined,
      { noGradcheck: "PyTorch's double backward deliberately ignores scale_grad_by_freq" },
    ),
    S.call(
      'embedding_dense_backward',
      [S.t([3, 2], { dtype: 'float64' }), S.of([0, 0, 2], [3], 'int64'), 3, -1, true],
      undefined,
      { noGradcheck: "PyTorch's double backward deliberately ignores scale_grad_by_freq" },
    ),
    S.call('embedding_dense_backward', [S.randn([0, 2]), S.ints([0]), 3, -1, false]),
    S.call('embedding_dense_backward.out', [S.randn([2, 2]), S.of([1, 0], [2], 'int64'), 3, -1, false], {
      out: S.randn([0]),
    }),
  ],
});
