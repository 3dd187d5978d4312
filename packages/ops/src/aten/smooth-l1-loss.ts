import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';
import { num } from '../groups/nn-math.js';

export const smoothL1Loss = defineOp({
  schemas: [
    'aten::smooth_l1_loss(Tensor self, Tensor target, int reduction=1, float beta=1.) -> Tensor',
    'aten::smooth_l1_loss.out(Tensor self, Tensor target, int reduction=1, float beta=1., *, Tensor(a!) out) -> Tensor(a!)',
  ],
  // |d| < beta: 0.5 d^2 / beta; else |d| - 0.5 beta (beta = 0 is the L1 loss).
  ...pointwiseLoss(
    'smooth_l1_cpu',
    (c, x, t, a) => {
      const beta = num(a.beta);
      const z = c.un('abs', c.sub(x, t));
      if (beta === 0) return z;
      return c.where(c.cmp('lt', z, beta), c.div(c.mul(c.mul(z, z), 0.5), beta), c.sub(z, 0.5 * beta));
    },
    (a) => {
      if (num(a.beta) < 0) throw new OpError('smooth_l1_loss does not support negative values for beta.');
    },
  ),
  derivative: (F, { grad, self, target, reduction, beta }) => {
    const d = F.sub(self, target);
    const n = reduction === 1 ? d.sizes.reduce((p: number, s: number) => p * s, 1) : 1;
    const b = Number(beta?.value ?? beta);
    const local = b === 0 ? F.sign(d) : F.where(F.lt(F.abs(d), b), F.div(d, b), F.sign(d));
    const g = F.mul(F.mul(local, grad), 1 / n);
    return { self: F.sumTo(g, F.sizes(self)), target: F.sumTo(F.neg(g), F.sizes(target)) };
  },
  samples: (S) => [
    ...lossSamples(S, 'smooth_l1_loss'),
    ...lossSamples(S, 'smooth_l1_loss', { beta: S.float(0.5) }).slice(0, 3),
    S.call('smooth_l1_loss', [S.randn([2, 3]), S.randn([2, 3])], { beta: S.float(0) }),
    S.call('smooth_l1_loss', [S.randn([2, 3]), S.randn([3]), 0, S.float(2)]),
    S.error(
      'smooth_l1_loss',
      [S.randn([2]), S.randn([2])],
      'smooth_l1_loss does not support negative values for beta.',
      {
        beta: S.float(-1),
      },
    ),
    S.call('smooth_l1_loss.out', [S.randn([2, 3]), S.randn([2, 3])], { out: S.randn([]) }),
  ],
});
