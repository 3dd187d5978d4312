import { defineOp } from '../core/define-op.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';

export const mseLoss = defineOp({
  schemas: [
    'aten::mse_loss(Tensor self, Tensor target, int reduction=1) -> Tensor',
    'aten::mse_loss.out(Tensor self, Tensor target, int reduction=1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  ...pointwiseLoss('mse_cpu', (c, x, t) => {
    const d = c.sub(x, t);
    return c.mul(d, d);
  }),
  derivative: (F, { grad, self, target, reduction }) => {
    const d = F.sub(self, target);
    const n = reduction === 1 ? d.sizes.reduce((p: number, s: number) => p * s, 1) : 1;
    const g = F.mul(F.mul(d, grad), 2 / n);
    return { self: F.sumTo(g, F.sizes(self)), target: F.sumTo(F.neg(g), F.sizes(target)) };
  },
  samples: (S) => [
    ...lossSamples(S, 'mse_loss'),
    S.call('mse_loss', [S.randn([2, 3]), S.randn([3])], { reduction: 0 }),
    S.call('mse_loss', [S.randn([0]), S.randn([0])]),
    S.error(
      'mse_loss',
      [S.randn([2, 3]), S.randn([4])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.error('mse_loss', [S.ints([2]), S.ints([2])], '"mse_cpu" not implemented for \'Long\''),
    S.call('mse_loss.out', [S.randn([2, 3]), S.randn([2, 3])], { out: S.randn([]) }),
  ],
});
