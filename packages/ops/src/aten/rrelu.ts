import { defineOp } from '../core/define-op.js';
import { numel } from '../core/helpers.js';
import { requireFloating } from '../groups/activation.js';
import { Calc, num } from '../groups/nn-math.js';

export const rrelu = defineOp({
  schemas: [
    'aten::rrelu(Tensor self, Scalar lower=0.125, Scalar upper=0.33333333333333331, bool training=False, Generator? generator=None) -> Tensor',
    'aten::rrelu_(Tensor(a!) self, Scalar lower=0.125, Scalar upper=0.33333333333333331, bool training=False, Generator? generator=None) -> Tensor(a!)',
  ],
  // Eval: leaky_relu with the mean slope. Training: a uniform random slope per negative element.
  impl: (args, ctx) => {
    const c = new Calc(ctx, requireFloating(args.self.dtype, 'leaky_relu_cpu'));
    const lo = num(args.lower);
    const hi = num(args.upper);
    const x = c.t(args.self);
    if (!args.training) return c.un('leaky_relu', x, { negativeSlope: (lo + hi) / 2 });
    const n = numel(x.sizes);
    const slopes = new Float64Array(n);
    for (let i = 0; i < n; i++) slopes[i] = lo + Math.random() * (hi - lo);
    const src = ctx.empty(x.sizes, 'float64');
    new Float64Array(src.data.buffer, src.data.byteOffset, n).set(slopes);
    const r = c.t(src);
    return c.where(c.cmp('ge', x, 0), x, c.mul(x, r));
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  // The slope of each negative element is result / self, so the rule holds in training mode too.
  derivative: (F, { grad, self, result }) => ({
    self: F.where(F.ge(self, 0), grad, F.mul(grad, F.div(result, F.where(F.ge(self, 0), F.onesLike(self), self)))),
  }),
  samples: (S) => [
    S.call('rrelu', [S.randn([2, 5])]),
    S.call('rrelu', [S.randn([3, 4], 'transposed'), S.float(0.1), S.float(0.3)]),
    S.call('rrelu', [S.randn([])]),
    S.call('rrelu', [S.randn([0, 2])]),
    S.call('rrelu', [S.t([4], { dtype: 'float64' }), 0, 1]),
    S.call('rrelu', [S.randn([2, 3]), S.float(0.1), S.float(0.3), true], undefined, { check: 'meta' }),
    S.error('rrelu', [S.ints([3])], '"leaky_relu_cpu" not implemented for \'Long\''),
    S.call('rrelu_', [S.randn([3, 2], 'strided')]),
  ],
});
