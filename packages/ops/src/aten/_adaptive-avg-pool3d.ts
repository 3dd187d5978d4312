import { defineOp } from '../core/define-op.js';
import { adaptiveMeta } from '../groups/nn-meta.js';
import { adaptiveAvgPool } from '../groups/pool.js';
import { adaptiveSamples } from '../groups/pool-samples.js';

export const _adaptiveAvgPool3d = defineOp({
  schemas: [
    'aten::_adaptive_avg_pool3d(Tensor self, int[3] output_size) -> Tensor',
    'aten::_adaptive_avg_pool3d.out(Tensor self, int[3] output_size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => adaptiveAvgPool(ctx, 3, a.self, a.output_size),
  meta: (a) => adaptiveMeta(3, a, 'adaptive_avg_pool3d', false),
  derivative: (F, c) => ({ self: F._adaptiveAvgPool3dBackward(c.grad, c.self) }),
  samples: (S) => [
    ...adaptiveSamples(S, '_adaptive_avg_pool3d', 3),
    S.call('_adaptive_avg_pool3d.out', [S.randn([1, 2, 4, 4, 4]), [2, 2, 2]], { out: S.randn([0]) }),
  ],
});
