import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, isFloatingDtype } from '../core/dtypes.js';
import { Calc, num } from '../groups/nn-math.js';

export const logit = defineOp({
  schemas: [
    'aten::logit(Tensor self, float? eps=None) -> Tensor',
    'aten::logit.out(Tensor self, float? eps=None, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::logit_(Tensor(a!) self, float? eps=None) -> Tensor(a!)',
  ],
  // Integer inputs promote to the default float dtype; eps clamps x to [eps, 1 - eps] first.
  impl: (args, ctx) => {
    const c = new Calc(ctx, isFloatingDtype(args.self.dtype) ? args.self.dtype : DEFAULT_FLOAT);
    let x = c.t(args.self);
    if (args.eps != null) x = c.clamp(x, num(args.eps), 1 - num(args.eps));
    return c.un('log', c.div(x, c.sub(1, x)));
  },
  meta: (args) => ({
    sizes: args.self.sizes,
    dtype: isFloatingDtype(args.self.dtype) ? args.self.dtype : DEFAULT_FLOAT,
  }),
  derivative: (F, { grad, self, eps }) => ({ self: F.logitBackward(grad, self, eps) }),
  samples: (S) => [
    S.call('logit', [S.t([2, 5], { low: 0, high: 1 })]),
    S.call('logit', [S.t([3, 4], { low: 0, high: 1, layout: 'transposed' })]),
    S.call('logit', [S.t([2, 3], { low: 0, high: 1, layout: 'strided' })]),
    S.call('logit', [S.t([], { low: 0, high: 1 })]),
    S.call('logit', [S.randn([0, 2])]),
    S.call('logit', [S.t([4], { low: 0, high: 1, dtype: 'float64' })]),
    S.call('logit', [S.of([-0.5, 0, 0.01, 0.5, 1, 1.5])]),
    S.call('logit', [S.of([-0.5, 0, 0.01, 0.5, 1, 1.5]), S.float(0.1)]),
    S.call('logit', [S.of([0, 1], [2], 'int64'), S.float(0.25)]),
    S.call('logit_', [S.t([3, 2], { low: 0, high: 1, layout: 'transposed' }), S.float(0.05)]),
    S.error('logit_', [S.of([0, 1], [2], 'int64')], "result type Float can't be cast to the desired output type Long"),
    S.call('logit.out', [S.t([2, 3], { low: 0, high: 1 })], { out: S.randn([2, 3]) }),
  ],
});
