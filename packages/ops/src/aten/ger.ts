import { defineOp } from '../core/define-op.js';
import { outerCompute } from './outer.js';

// The deprecated alias of outer.
export const ger = defineOp({
  schemas: [
    'aten::ger(Tensor self, Tensor vec2) -> Tensor',
    'aten::ger.out(Tensor self, Tensor vec2, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => outerCompute(ctx, args.self, args.vec2),
  derivative: (F, { grad, self, vec2 }) => ({
    // Broadcast multiplies rather than mv: self and vec2 may have different dtypes (outer promotes).
    self: F.sum(F.mul(grad, F.unsqueeze(vec2, 0)), [1]),
    vec2: F.sum(F.mul(grad, F.unsqueeze(self, 1)), [0]),
  }),
  samples: (S) => [
    S.call('ger', [S.randn([3]), S.randn([4])]),
    S.call('ger', [S.ints([2]), S.t([3], { dtype: 'float64' })]),
    S.call('ger.out', [S.randn([3]), S.randn([2])], { out: S.randn([1]) }),
    S.error('ger', [S.randn([3]), S.randn([2, 2])], 'outer: Expected 1-D argument vec2, but got 2-D'),
  ],
});
