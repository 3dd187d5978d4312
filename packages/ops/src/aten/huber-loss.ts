import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';
import { num } from '../groups/nn-math.js';

export const huberLoss = defineOp({
  schemas: [
    'aten::huber_loss(Tensor self, Tensor target, int reduction=1, float delta=1.) -> Tensor',
    'aten::huber_loss.out(Tensor self, Tensor target, int reduction=1, float delta=1., *, Tensor(a!) out) -> Tensor(a!)',
  ],
  // |d| < delta: 0.5 d^2; else delta (|d| - 0.5 delta).
  ...pointwiseLoss(
    'huber_cpu',
    (c, x, t, a) => {
      const delta = num(a.delta);
      const z = c.un('abs', c.sub(x, t));
      return c.where(c.cmp('lt', z, delta), c.mul(c.mul(z, z), 0.5), c.mul(c.sub(z, 0.5 * delta), delta));
    },
    (a) => {
      if (!(num(a.delta) > 0)) throw new OpError('huber_loss does not support non-positive values for delta.');
    },
    ['self', 'target'],
    true,
  ),
  derivative: (F, { grad, self, target, reduction, delta }) => {
    const d = F.sub(self, target);
    const n = reduction === 1 ? d.sizes.reduce((p: number, s: number) => p * s, 1) : 1;
    const dl = Number(delta?.value ?? delta);
    const g = F.mul(F.mul(F.clamp(d, -dl, dl), grad), 1 / n);
    return { self: F.sumTo(g, F.sizes(self)), target: F.sumTo(F.neg(g), F.sizes(target)) };
  },
  samples: (S) => [
    ...lossSamples(S, 'huber_loss'),
    ...lossSamples(S, 'huber_loss', { delta: S.float(0.5) }).slice(0, 3),
    S.call('huber_loss', [S.randn([2, 3]), S.randn([3]), 0, S.float(2)]),
    S.error('huber_loss', [S.randn([2]), S.randn([2])], 'huber_loss does not support non-positive values for delta.', {
      delta: S.float(0),
    }),
    S.call('huber_loss.out', [S.randn([2, 3]), S.randn([2, 3])], { out: S.randn([]) }),
  ],
});
