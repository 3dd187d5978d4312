import { defineOp } from '../core/define-op.js';
import { avgPoolMeta } from '../groups/nn-meta.js';
import { avgPool } from '../groups/pool.js';
import { avgPoolSamples } from '../groups/pool-samples.js';

export const avgPool2d = defineOp({
  schemas: [
    'aten::avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor',
    'aten::avg_pool2d.out(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => avgPool(ctx, 2, a.self, a),
  meta: (a) => avgPoolMeta(2, a),
  derivative: (F, c) => ({
    self: F.avgPool2dBackward(
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
    ...avgPoolSamples(S, 'avg_pool2d', 2, true),
    S.call('avg_pool2d.out', [S.randn([1, 1, 4, 4]), [2]], { out: S.randn([1, 1, 2, 2]) }),
  ],
});
