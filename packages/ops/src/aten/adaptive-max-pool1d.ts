import { defineOp } from '../core/define-op.js';
import { adaptiveMeta } from '../groups/nn-meta.js';
import { adaptiveMaxPool } from '../groups/pool.js';
import { adaptiveMax1dRule } from '../groups/pool-rules.js';
import { adaptiveSamples } from '../groups/pool-samples.js';

export const adaptiveMaxPool1d = defineOp({
  schemas: ['aten::adaptive_max_pool1d(Tensor self, int[1] output_size) -> (Tensor, Tensor)'],
  impl: (a, ctx) => adaptiveMaxPool(ctx, 1, a.self, a.output_size),
  meta: (a) => adaptiveMeta(1, a, 'adaptive_max_pool1d', true),
  derivative: (F, c) => adaptiveMax1dRule(F, c),
  samples: (S) => [...adaptiveSamples(S, 'adaptive_max_pool1d', 1)],
});
