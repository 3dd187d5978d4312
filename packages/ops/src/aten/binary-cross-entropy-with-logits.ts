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
  derivative: (F, { grad, self, target, weight, pos_weight, reduction }) => {
    const n = reduction === 1 ? self.sizes.reduce((p: number, s: number) => p * s, 1) : 1;
    let g = reduction === 1 ? F.div(grad, n) : grad;
    if (weight != null) g = F.mul(g, weight);
    const s = F.sigmoid(self);
    // softplus(-x) = -log_sigmoid(x)
    const sp = F.neg(F.logSigmoid(self));
    let ds: any;
    let dt: any;
    let dpw = null;
    if (pos_weight == null) {
      ds = F.sub(s, target);
      dt = F.neg(self);
    } else {
      const lw = F.add(F.mul(F.sub(pos_weight, 1), target), 1);
      ds = F.sub(F.mul(lw, s), F.mul(pos_weight, target));
      dt = F.add(F.neg(self), F.mul(F.sub(pos_weight, 1), sp));
      dpw = F.sumTo(F.mul(F.mul(target, sp), g), F.sizes(pos_weight));
    }
    let dw = null;
    if (weight != null) {
      const lw = pos_weight == null ? sp : F.mul(F.add(F.mul(F.sub(pos_weight, 1), target), 1), sp);
      const unweighted = F.add(F.mul(F.rsub(target, 1), self), lw);
      dw = F.sumTo(F.mul(unweighted, reduction === 1 ? F.div(grad, n) : grad), F.sizes(weight));
    }
    return {
      self: F.sumTo(F.mul(ds, g), F.sizes(self)),
      target: F.sumTo(F.mul(dt, g), F.sizes(target)),
      weight: dw,
      pos_weight: dpw,
    };
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
