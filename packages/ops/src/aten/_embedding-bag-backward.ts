import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { embeddingBagDenseBackward } from '../groups/embedding-bag.js';

export const _embeddingBagBackward = defineOp({
  schemas: [
    'aten::_embedding_bag_backward(Tensor grad, Tensor indices, Tensor offsets, Tensor offset2bag, Tensor bag_size, Tensor maximum_indices, int num_weights, bool scale_grad_by_freq, int mode, bool sparse, Tensor? per_sample_weights, int padding_idx=-1) -> Tensor',
  ],
  impl: (a, ctx) => {
    if (a.sparse)
      throw new OpError('embedding_bag: sparse gradients are not supported (no sparse tensors)', 'NotImplementedError');
    return embeddingBagDenseBackward(
      ctx,
      a.grad,
      a.indices,
      a.offsets,
      a.offset2bag,
      a.maximum_indices,
      a.num_weights,
      a.scale_grad_by_freq,
      a.mode,
      a.per_sample_weights,
      a.padding_idx,
    );
  },
  nondifferentiable: 'double backward of embedding_bag is not implemented',
  samples: (S) => {
    const idx = () => S.of([1, 2, 4, 5, 4, 3, 2, 0], [8], 'int64');
    const offs = () => S.of([0, 2, 2, 5], [4], 'int64');
    const o2b = () => S.of([0, 0, 2, 2, 2, 3, 3, 3], [8], 'int64');
    const g = () => S.t([4, 3], { dtype: 'float64' });
    const i64 = (v: number[], s: number[]) => S.of(v, s, 'int64');
    return [
      S.call('_embedding_bag_backward', [
        g(),
        idx(),
        offs(),
        S.ints([0]),
        i64([0, 0, 0, 0], [4]),
        i64([0, 0, 0, 0], [4]),
        6,
        false,
        0,
        false,
        null,
      ]),
      S.call('_embedding_bag_backward', [
        g(),
        idx(),
        offs(),
        o2b(),
        i64([1, 0, 3, 2], [4]),
        i64([1, 0, 3, 2], [4]),
        6,
        false,
        1,
        false,
        null,
        2,
      ]),
      S.call('_embedding_bag_backward', [
        g(),
        idx(),
        offs(),
        o2b(),
        i64([2, 0, 3, 3], [4]),
        i64([2, 0, 3, 3], [4]),
        6,
        true,
        1,
        false,
        null,
      ]),
      S.call('_embedding_bag_backward', [
        g(),
        idx(),
        offs(),
        o2b(),
        i64([2, 0, 3, 3], [4]),
        i64([1, 2, 1, 0, 0, 0, 5, 4, 5, 2, 3, 2], [4, 3]),
        6,
        false,
        2,
        false,
        null,
      ]),
      S.call('_embedding_bag_backward', [
        g(),
        idx(),
        offs(),
        o2b(),
        i64([0, 0, 0, 0], [4]),
        i64([0, 0, 0, 0], [4]),
        6,
        true,
        0,
        false,
        S.t([8], { dtype: 'float64' }),
        2,
      ]),
    ];
  },
});
