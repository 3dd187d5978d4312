import { defineOp } from '../core/define-op.js';
import { adaptiveMeta } from '../groups/nn-meta.js';
import { adaptiveMaxPool } from '../groups/pool.js';
import { adaptiveSamples } from '../groups/pool-samples.js';

export const adaptiveMaxPool3d = defineOp({
  schemas: [
    'aten::adaptive_max_pool3d(Tensor self, int[3] output_size) -> (Tensor, Tensor)',
    'aten::adaptive_max_pool3d.out(Tensor self, int[3] output_size, *, Tensor(a!) out, Tensor(b!) indices) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: (a, ctx) => adaptiveMaxPool(ctx, 3, a.self, a.output_size),
  meta: (a) => adaptiveMeta(3, a, 'adaptive_max_pool3d', true),
  derivative: (F, c) => ({ self: F.adaptiveMaxPool3dBackward(c.grad, c.self, c.result[1]) }),
  samples: (S) => [
    ...adaptiveSamples(S, 'adaptive_max_pool3d', 3),
    S.call('adaptive_max_pool3d.out', [S.randn([1, 2, 4, 4, 4]), [2, 2, 2]], {
      out: S.randn([0]),
      indices: S.ints([0]),
    }),
  ],
});
