import { defineOp } from '../core/define-op.js';
import { maxPool1dOnly } from '../groups/pool.js';
import { maxPool1dRule } from '../groups/pool-rules.js';
import { maxPoolSamples } from '../groups/pool-samples.js';

export const maxPool1d = defineOp({
  schemas: [
    'aten::max_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=[0], int[1] dilation=[1], bool ceil_mode=False) -> Tensor',
  ],
  impl: (a, ctx) => maxPool1dOnly(ctx, a.self, a),
  derivative: (F, c) => maxPool1dRule(F, c, null),
  samples: (S) => maxPoolSamples(S, 'max_pool1d', 1),
});
