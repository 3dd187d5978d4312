import { defineOp } from '../core/define-op.js';
import { maxPoolMeta } from '../groups/nn-meta.js';
import { maxPool } from '../groups/pool.js';
import { maxPoolRule } from '../groups/pool-rules.js';
import { maxPoolSamples } from '../groups/pool-samples.js';

export const maxPool3d = defineOp({
  schemas: [
    'aten::max_pool3d(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, int[3] dilation=1, bool ceil_mode=False) -> Tensor',
  ],
  impl: (a, ctx) => maxPool(ctx, 3, a.self, a)[0],
  meta: (a) => maxPoolMeta(3, a, false),
  derivative: (F, c) => maxPoolRule(F, c, 3, null),
  samples: (S) => maxPoolSamples(S, 'max_pool3d', 3),
});
