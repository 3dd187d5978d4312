import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import { pairwiseDistance, pairwiseDistanceGrads } from '../groups/distance.js';
import { applyReduction, Calc, num } from '../groups/nn-math.js';

export const tripletMarginLoss = defineOp({
  schemas: [
    'aten::triplet_margin_loss(Tensor anchor, Tensor positive, Tensor negative, float margin=1., float p=2., float eps=9.9999999999999995e-07, bool swap=False, int reduction=1) -> Tensor',
  ],
  // max(margin + d(a, p) - d(a, n), 0) with pairwise distances; swap uses min(d(a, n), d(p, n)).
  impl: (a, ctx) => {
    const { anchor, positive, negative } = a;
    const [ad, pd, nd] = [anchor.sizes.length, positive.sizes.length, negative.sizes.length];
    if (ad !== pd || pd !== nd) {
      throw new OpError(`All inputs should have same dimension but got ${ad}D, ${pd}D and ${nd}D inputs.`);
    }
    const c = new Calc(ctx, promoteTypes(promoteTypes(anchor.dtype, positive.dtype), negative.dtype));
    const p = num(a.p);
    const eps = num(a.eps);
    const dPos = pairwiseDistance(c, anchor, positive, p, eps, false);
    let dNeg = pairwiseDistance(c, anchor, negative, p, eps, false);
    if (a.swap) dNeg = c.min(dNeg, pairwiseDistance(c, positive, negative, p, eps, false));
    return applyReduction(c, c.max(c.sub(c.add(dPos, num(a.margin)), dNeg), 0), a.reduction);
  },
  derivative: (F, { grad, anchor, positive, negative, margin, p, eps, swap, reduction }) => {
    const pv = Number(p?.value ?? p);
    const ev = Number(eps?.value ?? eps);
    const dPos = F.pairwiseDistance(anchor, positive, pv, ev);
    const dAn = F.pairwiseDistance(anchor, negative, pv, ev);
    const dPn = swap ? F.pairwiseDistance(positive, negative, pv, ev) : null;
    const useSwap = swap ? F.lt(dPn, dAn) : null;
    const dNeg = swap ? F.where(useSwap, dPn, dAn) : dAn;
    const v = F.sub(F.add(dPos, margin), dNeg);
    const n = reduction === 1 ? F.sizes(v).reduce((q: number, s: number) => q * s, 1) : 1;
    const g = F.mul(reduction === 1 ? F.div(grad, n) : grad, F.ge(v, 0));
    const [ga1, gp1] = pairwiseDistanceGrads(F, g, anchor, positive, pv, ev, false, dPos);
    const gn = swap ? F.mul(F.neg(g), F.logicalNot(useSwap)) : F.neg(g);
    const [ga2, gn2] = pairwiseDistanceGrads(F, gn, anchor, negative, pv, ev, false, dAn);
    const gA = F.add(ga1, ga2);
    let gP = gp1;
    let gN = gn2;
    if (swap) {
      const [gp3, gn3] = pairwiseDistanceGrads(F, F.mul(F.neg(g), useSwap), positive, negative, pv, ev, false, dPn);
      gP = F.add(gP, gp3);
      gN = F.add(gN, gn3);
    }
    return { anchor: gA, positive: gP, negative: gN };
  },
  samples: (S) => [
    S.call('triplet_margin_loss', [S.randn([3, 4]), S.randn([3, 4]), S.randn([3, 4])]),
    S.call('triplet_margin_loss', [
      S.randn([3, 4], 'transposed'),
      S.randn([3, 4]),
      S.randn([3, 4]),
      S.float(0.5),
      S.float(1),
      S.float(1e-6),
      false,
      0,
    ]),
    S.call('triplet_margin_loss', [
      S.randn([3, 4]),
      S.randn([3, 4]),
      S.randn([3, 4], 'strided'),
      S.float(2),
      S.float(2),
      S.float(1e-6),
      true,
      2,
    ]),
    S.call('triplet_margin_loss', [S.randn([4]), S.randn([4]), S.randn([4])]),
    S.call('triplet_margin_loss', [
      S.t([2, 3], { dtype: 'float64' }),
      S.t([2, 3], { dtype: 'float64' }),
      S.t([2, 3], { dtype: 'float64' }),
      S.float(3),
    ]),
    S.error(
      'triplet_margin_loss',
      [S.randn([3, 4]), S.randn([4]), S.randn([3, 4])],
      'All inputs should have same dimension but got 2D, 1D and 2D inputs.',
    ),
  ],
});
