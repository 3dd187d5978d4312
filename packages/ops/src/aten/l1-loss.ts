import { defineOp } from '../core/define-op.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';

export const l1Loss = defineOp({
  schemas: ['aten::l1_loss(Tensor self, Tensor target, int reduction=1) -> Tensor'],
  ...pointwiseLoss('abs_cpu', (c, x, t) => c.un('abs', c.sub(x, t))),
  derivative: (F, { grad, self, target, reduction }) => {
    const d = F.sub(self, target);
    const n = reduction === 1 ? d.sizes.reduce((p: number, s: number) => p * s, 1) : 1;
    const g = F.mul(F.mul(F.sign(d), grad), 1 / n);
    return { self: F.sumTo(g, F.sizes(self)), target: F.sumTo(F.neg(g), F.sizes(target)) };
  },
  samples: (S) => [
    ...lossSamples(S, 'l1_loss'),
    S.call('l1_loss', [S.randn([2, 3]), S.randn([3])], { reduction: 2 }),
    S.error('l1_loss', [S.randn([2, 3]), S.randn([4])], 'The size of tensor a (3) must match the size of tensor b (4)'),
  ],
});
