import { defineOp } from '../core/define-op.js';
import { avgPoolMeta } from '../groups/nn-meta.js';
import { avgPool } from '../groups/pool.js';
import { avgPoolSamples } from '../groups/pool-samples.js';

export const avgPool3d = defineOp({
  schemas: [
    'aten::avg_pool3d(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor',
    'aten::avg_pool3d.out(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => avgPool(ctx, 3, a.self, a),
  meta: (a) => avgPoolMeta(3, a),
  derivative: (F, c) => ({
    self: F.avgPool3dBackward(
      c.grad,
      c.self,
      c.kernel_size,
      c.stride,
      c.padding,
      c.ceil_mode,
      c.count_include_pad,
      c.divisor_override,
    ),
  }),
  samples: (S) => [
    ...avgPoolSamples(S, 'avg_pool3d', 3, true),
    S.call('avg_pool3d.out', [S.randn([1, 1, 4, 4, 4]), [2]], { out: S.randn([1, 1, 2, 2, 2]) }),
  ],
});
