import { defineOp } from '../core/define-op.js';
import { checkPaddingIdx, embeddingBag as run } from '../groups/embedding-bag.js';
import { embeddingBagSamples } from '../groups/embedding-bag-samples.js';

const result = (r: ReturnType<typeof run>) => [r.out, r.offset2bag, r.bagSize, r.maxIndices];

export const embeddingBag = defineOp({
  schemas: [
    'aten::embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False) -> (Tensor, Tensor, Tensor, Tensor)',
    'aten::embedding_bag.padding_idx(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq, int mode, bool sparse, Tensor? per_sample_weights, bool include_last_offset, int? padding_idx) -> (Tensor, Tensor, Tensor, Tensor)',
  ],
  impl: {
    '': (a, ctx) =>
      result(run(ctx, a.weight, a.indices, a.offsets, a.mode, a.per_sample_weights, a.include_last_offset, -1, true)),
    padding_idx: (a, ctx) =>
      result(
        run(
          ctx,
          a.weight,
          a.indices,
          a.offsets,
          a.mode,
          a.per_sample_weights,
          a.include_last_offset,
          checkPaddingIdx(a.weight, a.padding_idx),
          true,
        ),
      ),
  },
  derivative: (F, c) => {
    const pad = c.padding_idx == null ? -1 : c.padding_idx < 0 ? c.padding_idx + F.sizes(c.weight)[0] : c.padding_idx;
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
        pad,
      ),
      per_sample_weights:
        c.per_sample_weights == null
          ? null
          : F._embeddingBagPerSampleWeightsBackward(c.grad, c.weight, c.indices, c.offsets, offset2bag, c.mode, pad),
    };
  },
  samples: (S) => embeddingBagSamples(S, 'embedding_bag'),
});
