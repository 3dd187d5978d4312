import { defineOp } from '../core/define-op.js';
import { maxPoolMeta } from '../groups/nn-meta.js';
import { maxPool } from '../groups/pool.js';
import { maxPoolRule } from '../groups/pool-rules.js';
import { maxPoolSamples } from '../groups/pool-samples.js';

export const maxPool2dWithIndices = defineOp({
  schemas: [
    'aten::max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)',
    'aten::max_pool2d_with_indices.out(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False, *, Tensor(a!) out, Tensor(b!) indices) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: (a, ctx) => maxPool(ctx, 2, a.self, a),
  meta: (a) => maxPoolMeta(2, a, true),
  derivative: (F, c) => maxPoolRule(F, c, 2, c.result[1]),
  samples: (S) => [
    ...maxPoolSamples(S, 'max_pool2d_with_indices', 2),
    S.call('max_pool2d_with_indices.out', [S.randn([1, 1, 4, 4]), [2]], { out: S.randn([0]), indices: S.ints([0]) }),
  ],
});
