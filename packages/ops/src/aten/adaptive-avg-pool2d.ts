import { defineOp } from '../core/define-op.js';
import { adaptiveMeta } from '../groups/nn-meta.js';
import { adaptiveAvgPool } from '../groups/pool.js';
import { adaptiveSamples } from '../groups/pool-samples.js';

export const adaptiveAvgPool2d = defineOp({
  schemas: [
    'aten::adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor',
    'aten::adaptive_avg_pool2d.out(Tensor self, SymInt[2] output_size, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => adaptiveAvgPool(ctx, 2, a.self, a.output_size),
  meta: (a) => adaptiveMeta(2, a, 'adaptive_avg_pool2d', false),
  derivative: (F, c) => ({ self: F._adaptiveAvgPool2dBackward(c.grad, c.self) }),
  samples: (S) => [
    ...adaptiveSamples(S, 'adaptive_avg_pool2d', 2),
    S.error(
      'adaptive_avg_pool2d',
      [S.ints([1, 1, 4, 4]), [2, 2]],
      '"adaptive_avg_pool2d" not implemented for \'Long\'',
    ),
    S.call('adaptive_avg_pool2d.out', [S.randn([1, 2, 4, 4]), [2, 2]], { out: S.randn([0]) }),
  ],
});
