import { defineOp } from '../core/define-op.js';
import { activationSamples, requireFloating } from '../groups/activation.js';
import { Calc, num } from '../groups/nn-math.js';

export const hardshrink = defineOp({
  schemas: [
    'aten::hardshrink(Tensor self, Scalar lambd=0.5) -> Tensor',
    'aten::hardshrink.out(Tensor self, Scalar lambd=0.5, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const c = new Calc(ctx, requireFloating(args.self.dtype, 'hardshrink_cpu'));
    const l = num(args.lambd);
    const x = c.t(args.self);
    // Zero inside [-lambd, lambd]; NaN passes through.
    return c.where(c.cmp('ge', x, -l), c.where(c.cmp('le', x, l), 0, x), x);
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: requireFloating(args.self.dtype, 'hardshrink_cpu') }),
  derivative: (F, { grad, self, lambd }) => ({ self: F.hardshrinkBackward(grad, self, lambd) }),
  samples: (S) => [
    ...activationSamples(S, 'hardshrink', 'hardshrink_cpu'),
    S.call('hardshrink', [S.of([-0.5, 0.5, 0.6, -0.7, Number.NaN]), 0.5]),
    S.call('hardshrink', [S.randn([2, 3]), 2]),
    S.call('hardshrink', [S.randn([2, 3]), -1]),
    S.call('hardshrink.out', [S.randn([2, 3])], { out: S.randn([2, 3]) }),
  ],
});
