import { defineOp } from '../core/define-op.js';
import { adaptiveMeta } from '../groups/nn-meta.js';
import { adaptiveMaxPool } from '../groups/pool.js';
import { adaptiveSamples } from '../groups/pool-samples.js';

export const adaptiveMaxPool2d = defineOp({
  schemas: [
    'aten::adaptive_max_pool2d(Tensor self, int[2] output_size) -> (Tensor, Tensor)',
    'aten::adaptive_max_pool2d.out(Tensor self, int[2] output_size, *, Tensor(a!) out, Tensor(b!) indices) -> (Tensor(a!), Tensor(b!))',
  ],
  impl: (a, ctx) => adaptiveMaxPool(ctx, 2, a.self, a.output_size),
  meta: (a) => adaptiveMeta(2, a, 'adaptive_max_pool2d', true),
  derivative: (F, c) => ({ self: F.adaptiveMaxPool2dBackward(c.grad, c.self, c.result[1]) }),
  samples: (S) => [
    ...adaptiveSamples(S, 'adaptive_max_pool2d', 2),
    S.call('adaptive_max_pool2d.out', [S.randn([1, 2, 4, 4]), [2, 2]], { out: S.randn([0]), indices: S.ints([0]) }),
  ],
});
