import { defineOp } from '../core/define-op.js';
import { maxPoolMeta } from '../groups/nn-meta.js';
import { maxPool } from '../groups/pool.js';
import { maxPoolRule } from '../groups/pool-rules.js';
import { maxPoolSamples } from '../groups/pool-samples.js';

export const maxPool2d = defineOp({
  schemas: [
    'aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> Tensor',
  ],
  impl: (a, ctx) => maxPool(ctx, 2, a.self, a)[0],
  meta: (a) => maxPoolMeta(2, a, false),
  derivative: (F, c) => maxPoolRule(F, c, 2, null),
  samples: (S) => [
    ...maxPoolSamples(S, 'max_pool2d', 2),
    S.error('max_pool2d', [S.ints([1, 1, 4, 4]), [2, 2]], '"max_pool2d" not implemented for \'Long\''),
  ],
});
