import { defineOp } from '../core/define-op.js';
import { lossSamples, pointwiseLoss } from '../groups/losses.js';

export const binaryCrossEntropyWithLogits = defineOp({
  schemas: [
    'aten::binary_cross_entropy_with_logits(Tensor self, Tensor target, Tensor? weight=None, Tensor? pos_weight=None, int reduction=1) -> Tensor',
    'aten::binary_cross_entropy_with_logits.out(Tensor self, Tensor target, Tensor? weight=None, Tensor? pos_weight=None, int reduction=1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  // (1 - t) x + (1 + (pw - 1) t) softplus(-x), softplus(-x) = log1p(exp(-|x|)) + max(-x, 0).
  ...pointwiseLoss('binary_cross_entropy_with_logits', (c, x, t, a) => {
    const sp = c.add(c.un('log1p', c.un('exp', c.un('neg', c.un('abs', x)))), c.max(c.un('neg', x), 0));
    const lw = a.pos_weight == null ? null : c.add(c.mul(c.sub(a.pos_weight, 1), t), 1);
    let loss = c.add(c.mul(c.sub(1, t), x), lw == null ? sp : c.mul(lw, sp));
    if (a.weight != null) loss = c.mul(loss, a.weight);
    return loss;
  }),
  // weight and pos_weight are not differentiable in PyTorch 1.13 (it refuses inputs that require grad).
  derivative: (F, { grad, self, target, weight, pos_weight, reduction }) => {
    const n = reduction === 1 ? self.sizes.reduce((p: number, s: number) => p * s, 1) : 1;
    let g = reduction === 1 ? F.div(grad, n) : grad;
    if (weight != null) g = F.mul(g, weight);
    const s = F.sigmoid(self);
    if (pos_weight == null) {
      return {
        self: F.sumTo(F.mul(F.sub(s, target), g), F.sizes(self)),
        target: F.sumTo(F.mul(F.neg(self), g), F.sizes(target)),
      };
    }
    // softplus(-x) = -log_sigmoid(x); lw = 1 + (pw - 1) t
    const sp = F.neg(F.logSigmoid(self));
    const lw = F.add(F.mul(F.sub(pos_weight, 1), target), 1);
    const ds = F.sub(F.mul(lw, s), F.mul(pos_weight, target));
    const dt = F.add(F.neg(self), F.mul(F.sub(pos_weight, 1), sp));
    return { self: F.sumTo(F.mul(ds, g), F.sizes(self)), target: F.sumTo(F.mul(dt, g), F.sizes(target)) };
  },
  samples: (S) => [
    ...lossSamples(S, 'binary_cross_entropy_with_logits', {}, { tlow: 0, thigh: 1 }),
    S.call('binary_cross_entropy_with_logits', [
      S.randn([2, 3]),
      S.t([2, 3], { low: 0, high: 1 }),
      S.t([3], { low: 0, high: 2 }),
    ]),
    S.call('binary_cross_entropy_with_logits', [
      S.randn([2, 3]),
      S.t([2, 3], { low: 0, high: 1 }),
      null,
      S.t([3], { low: 0, high: 3 }),
    ]),
    S.call('binary_cross_entropy_with_logits', [
      S.randn([2, 3], 'transposed'),
      S.t([2, 3], { low: 0, high: 1 }),
      S.t([2, 3], { low: 0, high: 2 }),
      S.t([3], { low: 0, high: 3 }),
      0,
    ]),
    S.call('binary_cross_entropy_with_logits', [S.of([-100, 100, 0]), S.of([1, 0, 1])], { reduction: 2 }),
    S.error('binary_cross_entropy_with_logits', [S.randn([3]), S.randn([2])], 'The size of tensor a'),
    S.call('binary_cross_entropy_with_logits.out', [S.randn([2, 3]), S.t([2, 3], { low: 0, high: 1 })], {
      out: S.randn([]),
    }),
  ],
});
