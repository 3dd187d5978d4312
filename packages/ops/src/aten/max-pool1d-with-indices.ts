import { defineOp } from '../core/define-op.js';
import { maxPoolMeta } from '../groups/nn-meta.js';
import { maxPool } from '../groups/pool.js';
import { maxPool1dRule } from '../groups/pool-rules.js';
import { maxPoolSamples } from '../groups/pool-samples.js';

export const maxPool1dWithIndices = defineOp({
  schemas: [
    'aten::max_pool1d_with_indices(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=[0], int[1] dilation=[1], bool ceil_mode=False) -> (Tensor, Tensor)',
  ],
  impl: (a, ctx) => maxPool(ctx, 1, a.self, a),
  meta: (a) => maxPoolMeta(1, a, true),
  derivative: (F, c) => maxPool1dRule(F, c, c.result[1]),
  samples: (S) => [...maxPoolSamples(S, 'max_pool1d_with_indices', 1)],
});
