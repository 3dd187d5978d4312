import { defineOp } from '../core/define-op.js';
import {
  adaptiveAvgPool,
  adaptiveAvgPoolBackward,
  adaptiveMaxPool,
  avgPool,
  avgPoolBackward,
  maxPool,
  maxPoolBackward,
} from '../groups/pool.js';
import { adaptive1dRule, adaptiveMax1dRule, gatherRule, maxPool1dRule, maxPoolRule } from '../groups/pool-rules.js';
import { adaptiveSamples, avgPoolSamples, maxPoolSamples } from '../groups/pool-samples.js';

export const maxPool2d = defineOp({
  schemas: [
    'aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> Tensor',
  ],
  impl: (a, ctx) => maxPool(ctx, 2, a.self, a)[0],
  derivative: (F, c) => maxPoolRule(F, c, 2, null),
  samples: (S) => maxPoolSamples(S, 'max_pool2d', 2),
});
