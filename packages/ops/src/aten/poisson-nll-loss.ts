import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { applyReduction, Calc, num } from '../groups/nn-math.js';

export const poissonNllLoss = defineOp({
  schemas: [
    'aten::poisson_nll_loss(Tensor input, Tensor target, bool log_input, bool full, float eps, int reduction) -> Tensor',
  ],
  // log_input: exp(x) - t x; else x - t log(x + eps); full adds Stirling's t log t - t + log(2 pi t) / 2 where t > 1.
  impl: (a, ctx) => {
    const c = new Calc(ctx, promoteTypes(a.input.dtype, a.target.dtype));
    const x = c.t(a.input);
    const t = c.t(a.target);
    let loss = a.log_input ? c.sub(c.un('exp', x), c.mul(t, x)) : c.sub(x, c.mul(t, c.un('log', c.add(x, num(a.eps)))));
    if (a.full) {
      const stirling = c.add(c.sub(c.mul(t, c.un('log', t)), t), c.mul(c.un('log', c.mul(t, 2 * Math.PI)), 0.5));
      loss = c.add(loss, c.where(c.cmp('le', t, 1), 0, stirling));
    }
    return applyReduction(c, loss, a.reduction);
  },
  meta: (a) => ({
    sizes: a.reduction === 0 ? broadcastShapes(a.input.sizes, a.target.sizes) : [],
    dtype: promoteTypes(a.input.dtype, a.target.dtype),
  }),
  derivative: (F, { grad, input, target, log_input, full, eps, reduction }) => {
    const n = reduction === 1 ? F.sizes(F.add(input, target)).reduce((p: number, s: number) => p * s, 1) : 1;
    const g = reduction === 1 ? F.div(grad, n) : grad;
    const e = Number(eps?.value ?? eps);
    let dx: any;
    let dt: any;
    if (log_input) {
      dx = F.sub(F.exp(input), target);
      dt = F.neg(input);
    } else {
      dx = F.rsub(F.div(target, F.add(input, e)), 1);
      dt = F.neg(F.log(F.add(input, e)));
    }
    if (full) {
      // d/dt (t log t - t + log(2 pi t) / 2) = log t + 1 / (2 t)
      const ds = F.add(F.log(target), F.mul(F.reciprocal(target), 0.5));
      dt = F.add(dt, F.where(F.le(target, 1), F.zerosLike(ds), ds));
    }
    return {
      input: F.sumTo(F.mul(dx, g), F.sizes(input)),
      target: F.sumTo(F.mul(dt, g), F.sizes(target)),
    };
  },
  samples: (S) => {
    const t = () => S.t([2, 3], { low: 0, high: 4 });
    const f = S.float;
    return [
      S.call('poisson_nll_loss', [S.randn([2, 3]), t(), true, false, f(1e-8), 1]),
      S.call('poisson_nll_loss', [S.t([2, 3], { low: 0.1, high: 3 }), t(), false, false, f(1e-8), 0]),
      S.call('poisson_nll_loss', [S.randn([2, 3], 'transposed'), t(), true, true, f(1e-8), 2]),
      S.call('poisson_nll_loss', [S.t([2, 3], { low: 0.1, high: 3 }), t(), false, true, f(1e-3), 1]),
      S.call('poisson_nll_loss', [S.randn([]), S.of([2], []), true, false, f(1e-8), 1]),
      S.call('poisson_nll_loss', [
        S.t([3], { dtype: 'float64' }),
        S.t([3], { low: 0, high: 3 }),
        true,
        true,
        f(1e-8),
        0,
      ]),
    ];
  },
});
