import { defineOp } from '../core/define-op.js';
import { embeddingBag as run } from '../groups/embedding-bag.js';
import { embeddingBagSamples } from '../groups/embedding-bag-samples.js';

export const _embeddingBag = defineOp({
  schemas: [
    'aten::_embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False, int padding_idx=-1) -> (Tensor, Tensor, Tensor, Tensor)',
    'aten::_embedding_bag.out(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False, int padding_idx=-1, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2, Tensor(d!) out3) -> (Tensor(a!), Tensor(b!), Tensor(c!), Tensor(d!))',
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
      false,
    );
    return [r.out, r.offset2bag, r.bagSize, r.maxIndices];
  },
  derivative: (F, c) => {
    const [, offset2bag, bagSize, maxIndices] = c.result;
    return {
      weight: F._embeddingBagBackward(
        c.grad,
        c.indices,
        c.offsets,
        offset2bag,
        bagSize,
        maxIndices,
        F.sizes(c.weight)[0],
        c.scale_grad_by_freq,
        c.mode,
        c.sparse,
        c.per_sample_weights,
        c.padding_idx,
      ),
      per_sample_weights:
        c.per_sample_weights == null
          ? null
          : F._embeddingBagPerSampleWeightsBackward(
              c.grad,
              c.weight,
              c.indices,
              c.offsets,
              offset2bag,
              c.mode,
              c.padding_idx,
            ),
    };
  },
  samples: (S) => embeddingBagSamples(S, '_embedding_bag'),
});
