import { defineOp } from '../core/define-op.js';
import { embeddingBagDenseBackward } from '../groups/embedding-bag.js';

export const _embeddingBagDenseBackward = defineOp({
  schemas: [
    'aten::_embedding_bag_dense_backward(Tensor grad, Tensor indices, Tensor offset2bag, Tensor bag_size, Tensor maximum_indices, int num_weights, bool scale_grad_by_freq, int mode, Tensor? per_sample_weights, int padding_idx=-1) -> Tensor',
    'aten::_embedding_bag_dense_backward.out(Tensor grad, Tensor indices, Tensor offset2bag, Tensor bag_size, Tensor maximum_indices, int num_weights, bool scale_grad_by_freq, int mode, Tensor? per_sample_weights, int padding_idx=-1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) =>
    embeddingBagDenseBackward(
      ctx,
      a.grad,
      a.indices,
      null,
      a.offset2bag,
      a.maximum_indices,
      a.num_weights,
      a.scale_grad_by_freq,
      a.mode,
      a.per_sample_weights,
      a.padding_idx,
    ),
  nondifferentiable: 'double backward of embedding_bag is not implemented',
  samples: (S) => {
    const idx = () => S.of([1, 2, 4, 5, 4, 3, 2, 0], [8], 'int64');
    const o2b = () => S.of([0, 0, 2, 2, 2, 3, 3, 3], [8], 'int64');
    const i64 = (v: number[], s: number[]) => S.of(v, s, 'int64');
    return [
      S.call('_embedding_bag_dense_backward', [
        S.randn([4, 3]),
        idx(),
        o2b(),
        i64([2, 0, 3, 3], [4]),
        i64([2, 0, 3, 3], [4]),
        6,
        false,
        0,
        null,
      ]),
      S.call('_embedding_bag_dense_backward', [
        S.randn([4, 3]),
        idx(),
        o2b(),
        i64([1, 0, 3, 2], [4]),
        i64([1, 0, 3, 2], [4]),
        6,
        true,
        1,
        null,
        2,
      ]),
      S.call('_embedding_bag_dense_backward', [
        S.t([4, 3], { dtype: 'float64' }),
        idx(),
        o2b(),
        i64([2, 0, 3, 3], [4]),
        i64([1, 2, 1, 0, 0, 0, 5, 4, 5, 2, 3, 2], [4, 3]),
        6,
        false,
        2,
        null,
      ]),
      S.call(
        '_embedding_bag_dense_backward.out',
        [S.randn([4, 3]), idx(), o2b(), i64([2, 0, 3, 3], [4]), i64([2, 0, 3, 3], [4]), 6, false, 0, S.randn([8])],
        { out: S.randn([0]) },
      ),
    ];
  },
});
