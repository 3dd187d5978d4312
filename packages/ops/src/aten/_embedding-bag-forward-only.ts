import { defineOp } from '../core/define-op.js';
import { embeddingBag as run } from '../groups/embedding-bag.js';

/** What embedding_bag runs when no input needs a gradient (its bookkeeping results differ in size for 'sum'). */
export const _embeddingBagForwardOnly = defineOp({
  schemas: [
    'aten::_embedding_bag_forward_only(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False, int padding_idx=-1) -> (Tensor, Tensor, Tensor, Tensor)',
    'aten::_embedding_bag_forward_only.out(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False, int padding_idx=-1, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2, Tensor(d!) out3) -> (Tensor(a!), Tensor(b!), Tensor(c!), Tensor(d!))',
  ],
  impl: (a, ctx) => {
    const r = run(
      ctx,
      a.weight,
      a.indices,
      a.offsets,
      a.mode,
      a.per_sample_weights,
      a.include_last_offset,
      a.padding_idx,
      true,
    );
    return [r.out, r.offset2bag, r.bagSize, r.maxIndices];
  },
  nondifferentiable:
    'the forward-only kernel (embedding_bag without autograd); _embedding_bag is the differentiable one',
  samples: (S) => {
    const idx = () => S.of([1, 2, 4, 5, 4, 3, 2, 0], [8], 'int64');
    const offs = (v: number[]) => S.of(v, [v.length], 'int64');
    return [
      S.call('_embedding_bag_forward_only', [S.randn([6, 3]), idx(), offs([0, 3, 8]), false, 0, false, null, true]),
      S.call('_embedding_bag_forward_only', [
        S.randn([6, 3]),
        idx(),
        offs([0, 2, 2, 5]),
        false,
        1,
        false,
        null,
        false,
        2,
      ]),
      S.call('_embedding_bag_forward_only', [S.t([6, 3], { dtype: 'float64' }), idx(), offs([0, 3]), false, 2]),
      S.call('_embedding_bag_forward_only.out', [S.randn([6, 3]), idx(), offs([0, 3]), false, 1], {
        out0: S.randn([0]),
        out1: S.ints([0]),
        out2: S.ints([0]),
        out3: S.ints([0]),
      }),
    ];
  },
});
