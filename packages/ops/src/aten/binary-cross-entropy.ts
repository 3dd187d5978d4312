import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';

export const binaryCrossEntropy = defineOp({
  schemas: [
    'aten::binary_cross_entropy(Tensor self, Tensor target, Tensor? weight=None, int reduction=1) -> Tensor',
    'aten::binary_cross_entropy.out(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  // -w (t log(x) + (1 - t) log(1 - x)) with both logs clamped at -100, as PyTorch.
  ...pointwiseLoss(
    'binary_cross_entropy',
    (c, x, t, a) => {
      if (!x.sizes.includes(0)) {
        const [negMin] = readNumbers(c.ctx, c.reduce('amax', c.un('neg', x), null));
        const [max] = readNumbers(c.ctx, c.reduce('amax', x, null));
        if (-negMin < 0 || max > 1 || Number.isNaN(max))
          throw new OpError('all elements of input should be between 0 and 1');
      }
      const logx = c.max(c.un('log', x), -100);
      const log1mx = c.max(c.un('log', c.sub(1, x)), -100);
      let loss = c.mul(c.add(c.mul(t, logx), c.mul(c.sub(1, t), log1mx)), -1);
      if (a.weight != null) loss = c.mul(loss, a.weight);
      return loss;
    },
    (a) => {
      if (a.target.dtype !== a.self.dtype) {
        throw new OpError(`Found dtype ${cppDtypeName(a.target.dtype)} but expected ${cppDtypeName(a.self.dtype)}`);
      }
    },
  ),
  derivative: (F, { grad, self, target, weight, reduction }) => {
    const n = reduction === 1 ? self.sizes.reduce((p: number, s: number) => p * s, 1) : 1;
    let g = reduction === 1 ? F.div(grad, n) : grad;
    if (weight != null) g = F.mul(g, weight);
    const ds = F.div(F.sub(self, target), F.clampMin(F.mul(F.rsub(self, 1), self), 1e-12));
    const dt = F.sub(F.clampMin(F.log(F.rsub(self, 1)), -100), F.clampMin(F.log(self), -100));
    return { self: F.sumTo(F.mul(ds, g), F.sizes(self)), target: F.sumTo(F.mul(dt, g), F.sizes(target)) };
  },
  samples: (S) => [
    ...lossSamples(S, 'binary_cross_entropy', {}, { low: 0.01, high: 0.99, tlow: 0, thigh: 1 }, false),
    S.error(
      'binary_cross_entropy',
      [S.t([2], { low: 0, high: 1 }), S.t([2], { dtype: 'float64', low: 0, high: 1 })],
      'Found dtype Double but expected Float',
    ),
    S.call('binary_cross_entropy', [
      S.t([2, 3], { low: 0, high: 1 }),
      S.t([2, 3], { low: 0, high: 1 }),
      S.t([3], { low: 0, high: 2 }),
    ]),
    S.call('binary_cross_entropy', [
      S.t([2, 3], { low: 0, high: 1 }),
      S.t([2, 3], { low: 0, high: 1 }),
      S.t([2, 3], { low: 0, high: 2 }),
      0,
    ]),
    S.call('binary_cross_entropy', [S.of([0, 1, 0.5, 1e-30]), S.of([1, 0, 0.5, 1])], { reduction: 0 }),
    S.error('binary_cross_entropy', [S.of([1.5]), S.of([1])], 'all elements of input should be between 0 and 1'),
    S.error(
      'binary_cross_entropy',
      [S.t([3], { low: 0, high: 1 }), S.t([2], { low: 0, high: 1 })],
      'The size of tensor a (3) must match the size of tensor b (2)',
    ),
    S.call('binary_cross_entropy.out', [S.t([2, 3], { low: 0, high: 1 }), S.t([2, 3], { low: 0, high: 1 }), null, 0], {
      out: S.randn([2, 3]),
    }),
  ],
});
