import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { embeddingRenorm } from '../groups/embedding.js';

/** What F.embedding runs (under no_grad) for nn.Embedding(max_norm=...). */
export const embeddingRenorm_ = defineOp({
  schemas: [
    'aten::embedding_renorm(Tensor self, Tensor indices, float max_norm, float norm_type) -> Tensor',
    'aten::embedding_renorm_(Tensor(a!) self, Tensor indices, float max_norm, float norm_type) -> Tensor(a!)',
    'aten::embedding_renorm.out(Tensor self, Tensor indices, float max_norm, float norm_type, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => embeddingRenorm(ctx, a.self, a.indices, scalarToNumber(a.max_norm), scalarToNumber(a.norm_type)),
  nondifferentiable: 'PyTorch does not differentiate embedding_renorm (F.embedding runs it under no_grad)',
  samples: (S) => [
    S.call('embedding_renorm', [
      S.t([4, 3], { values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }),
      S.of([1, 3], [2], 'int64'),
      5.0,
      S.float(1),
    ]),
    S.call('embedding_renorm', [S.randn([5, 3]), S.of([4, 0, 4, 2], [4], 'int64'), 1.5, S.float(2)]),
    S.call('embedding_renorm', [S.randn([4, 3], 'transposed'), S.of([0, 3], [2, 1], 'int64'), 0.5, 3.5]),
    S.call('embedding_renorm', [S.t([3, 2], { dtype: 'float64' }), S.of([2], [1], 'int32'), 0.1, S.float(2)]),
    S.call('embedding_renorm_', [
      S.t([4, 3], { values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }),
      S.of([1, 1, 3], [3], 'int64'),
      5.0,
      S.float(2),
    ]),
    S.call('embedding_renorm.out', [S.randn([3, 2]), S.of([0, 1], [2], 'int64'), 1.0, S.float(2)], {
      out: S.randn([0]),
    }),
  ],
});
