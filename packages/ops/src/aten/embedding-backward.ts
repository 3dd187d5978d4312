import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { embeddingDenseBackward, embeddingDoubleBackward } from '../groups/embedding.js';

export const embeddingBackward = defineOp({
  schemas: [
    'aten::embedding_backward(Tensor grad, Tensor indices, SymInt num_weights, int padding_idx, bool scale_grad_by_freq, bool sparse) -> Tensor',
  ],
  impl: (a, ctx) => {
    if (a.sparse)
      throw new OpError(
        'embedding_backward: sparse gradients are not supported (no sparse tensors)',
        'NotImplementedError',
      );
    return embeddingDenseBackward(ctx, a.grad, a.indices, a.num_weights, a.padding_idx, a.scale_grad_by_freq);
  },
  derivative: (F, { grad, indices, padding_idx }) => ({ grad: embeddingDoubleBackward(F, grad, indices, padding_idx) }),
  samples: (S) => [
    S.call('embedding_backward', [S.randn([4, 3]), S.of([1, 3, 1, 0], [4], 'int64'), 5, -1, false, false]),
    S.call('embedding_backward', [S.randn([2, 3, 2]), S.of([1, 3, 1, 0, 3, 3], [2, 3], 'int64'), 4, 3, false, false]),
    S.call(
      'embedding_backward',
      [S.randn([2, 3, 2], 'transposed'), S.of([1, 3, 1, 0, 3, 3], [2, 3], 'int64'), 4, -1, true, false],
      undefined,
      { noGradcheck: "PyTorch's double backward deliberately ignores scale_grad_by_freq" },
    ),
    S.call('embedding_backward', [S.t([3, 2], { dtype: 'float64' }), S.of([0, 0, 2], [3], 'int32'), 3, 0, true, false]),
  ],
});
