import { defineOp } from '../core/define-op.js';
import { lossBackward, lossBackwardSamples } from '../groups/losses.js';
import { num } from '../groups/nn-math.js';

export const smoothL1LossBackward = defineOp({
  schemas: [
    'aten::smooth_l1_loss_backward(Tensor grad_output, Tensor self, Tensor target, int reduction, float beta) -> Tensor',
    'aten::smooth_l1_loss_backward.grad_input(Tensor grad_output, Tensor self, Tensor target, int reduction, float beta, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  // d <= -beta: -1; d >= beta: 1; else d / beta (beta = 0: sign(d)).
  ...lossBackward('smooth_l1_backward_cpu', (c, x, t, a) => {
    const beta = num(a.beta);
    const d = c.sub(x, t);
    if (beta === 0) return c.un('sign', d);
    return c.where(c.cmp('le', d, -beta), -1, c.where(c.cmp('ge', d, beta), 1, c.div(d, beta)));
  }),
  derivative: (F, { grad, grad_output, self, target, reduction, beta }) => {
    const b = Number(beta?.value ?? beta);
    const d = F.sub(self, target);
    const n = reduction === 1 ? F.sizes(d).reduce((p: number, s: number) => p * s, 1) : 1;
    const inside = b === 0 ? null : F.logicalAnd(F.gt(d, -b), F.lt(d, b));
    const local = b === 0 ? F.sign(d) : F.where(inside, F.div(d, b), F.sign(d));
    const k = b === 0 ? F.zerosLike(d) : F.mul(F.mul(F.mul(grad, grad_output), inside), 1 / (n * b));
    return {
      grad_output: F.sumTo(F.mul(F.mul(grad, local), 1 / n), F.sizes(grad_output)),
      self: F.sumTo(k, F.sizes(self)),
      target: F.sumTo(F.neg(k), F.sizes(target)),
    };
  },
  samples: (S) => [
    ...lossBackwardSamples(S, 'smooth_l1_loss_backward', [S.float(1)]),
    ...lossBackwardSamples(S, 'smooth_l1_loss_backward', [S.float(0.5)]).slice(0, 2),
    S.call('smooth_l1_loss_backward', [S.randn([]), S.randn([2, 3]), S.randn([2, 3]), 1, S.float(0)]),
    S.call('smooth_l1_loss_backward.grad_input', [S.randn([]), S.randn([2, 3]), S.randn([2, 3]), 2, S.float(1)], {
      grad_input: S.randn([2, 3]),
    }),
  ],
});
