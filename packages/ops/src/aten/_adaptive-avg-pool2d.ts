import { defineOp } from '../core/define-op.js';
import { adaptiveMeta } from '../groups/nn-meta.js';
import { adaptiveAvgPool } from '../groups/pool.js';
import { adaptiveSamples } from '../groups/pool-samples.js';

export const _adaptiveAvgPool2d = defineOp({
  schemas: [
    'aten::_adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor',
    'aten::_adaptive_avg_pool2d.out(Tensor self, SymInt[2] output_size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => adaptiveAvgPool(ctx, 2, a.self, a.output_size),
  meta: (a) => adaptiveMeta(2, a, 'adaptive_avg_pool2d', false),
  derivative: (F, c) => ({ self: F._adaptiveAvgPool2dBackward(c.grad, c.self) }),
  samples: (S) => [
    ...adaptiveSamples(S, '_adaptive_avg_pool2d', 2),
    S.call('_adaptive_avg_pool2d.out', [S.randn([1, 2, 4, 4]), [2, 2]], { out: S.randn([0]) }),
  ],
});
