import { defineOp } from '../core/define-op.js';
import { embeddingBagPerSampleWeightsBackward as run } from '../groups/embedding-bag.js';

export const _embeddingBagPerSampleWeightsBackward = defineOp({
  schemas: [
    'aten::_embedding_bag_per_sample_weights_backward(Tensor grad, Tensor weight, Tensor indices, Tensor offsets, Tensor offset2bag, int mode, int padding_idx=-1) -> Tensor',
    'aten::_embedding_bag_per_sample_weights_backward.out(Tensor grad, Tensor weight, Tensor indices, Tensor offsets, Tensor offset2bag, int mode, int padding_idx=-1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.grad, a.weight, a.indices, a.offsets, a.offset2bag, a.mode, a.padding_idx),
  nondifferentiable: 'double backward of embedding_bag is not implemented',
  samples: (S) => {
    const idx = () => S.of([1, 2, 4, 5, 4, 3, 2, 0], [8], 'int64');
    const offs = () => S.of([0, 2, 2, 5], [4], 'int64');
    const o2b = () => S.of([0, 0, 2, 2, 2, 3, 3, 3], [8], 'int64');
    return [
      S.call('_embedding_bag_per_sample_weights_backward', [S.randn([4, 3]), S.randn([6, 3]), idx(), offs(), o2b(), 0]),
      S.call('_embedding_bag_per_sample_weights_backward', [
        S.t([4, 3], { dtype: 'float64' }),
        S.t([6, 3], { dtype: 'float64' }),
        idx(),
        offs(),
        S.ints([0]),
        0,
        2,
      ]),
      S.call(
        '_embedding_bag_per_sample_weights_backward.out',
        [S.randn([4, 3]), S.randn([6, 3]), idx(), offs(), o2b(), 0],
        { out: S.randn([0]) },
      ),
      S.error(
        '_embedding_bag_per_sample_weights_backward',
        [S.randn([4, 3]), S.randn([6, 3]), idx(), offs(), o2b(), 1],
        "per_sample_weights only supported for mode='sum'",
      ),
    ];
  },
});
