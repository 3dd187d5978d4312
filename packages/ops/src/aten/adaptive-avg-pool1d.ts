import { defineOp } from '../core/define-op.js';
import { adaptiveMeta } from '../groups/nn-meta.js';
import { adaptiveAvgPool } from '../groups/pool.js';
import { adaptive1dRule } from '../groups/pool-rules.js';
import { adaptiveSamples } from '../groups/pool-samples.js';

export const adaptiveAvgPool1d = defineOp({
  schemas: ['aten::adaptive_avg_pool1d(Tensor self, int[1] output_size) -> Tensor'],
  impl: (a, ctx) => adaptiveAvgPool(ctx, 1, a.self, a.output_size),
  meta: (a) => adaptiveMeta(1, a, 'adaptive_avg_pool1d', false),
  derivative: (F, c) => adaptive1dRule(F, c),
  samples: (S) => adaptiveSamples(S, 'adaptive_avg_pool1d', 1),
});
