import { defineOp } from '../core/define-op.js';
import { avgPoolMeta } from '../groups/nn-meta.js';
import { avgPool } from '../groups/pool.js';
import { one } from '../groups/pool-rules.js';
import { avgPoolSamples } from '../groups/pool-samples.js';

export const avgPool1d = defineOp({
  schemas: [
    'aten::avg_pool1d(Tensor self, int[1] kernel_size, int[1] stride=[], int[1] padding=[0], bool ceil_mode=False, bool count_include_pad=True) -> Tensor',
  ],
  impl: (a, ctx) => avgPool(ctx, 1, a.self, a),
  meta: (a) => avgPoolMeta(1, a),
  derivative: (F, c) => ({
    self: F.squeeze(
      F.avgPool2dBackward(
        F.unsqueeze(c.grad, -2),
        F.unsqueeze(c.self, -2),
        [1, ...one(c.kernel_size)],
        [1, ...(one(c.stride).length ? one(c.stride) : one(c.kernel_size))],
        [0, ...one(c.padding)],
        c.ceil_mode,
        c.count_include_pad,
        null,
      ),
      -2,
    ),
  }),
  samples: (S) => [...avgPoolSamples(S, 'avg_pool1d', 1, false)],
});
