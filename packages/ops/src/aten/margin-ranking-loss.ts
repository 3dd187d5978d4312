import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { requireFloating } from '../groups/activation.js';
import { applyReduction, Calc, num } from '../groups/nn-math.js';

export const marginRankingLoss = defineOp({
  schemas: [
    'aten::margin_ranking_loss(Tensor input1, Tensor input2, Tensor target, float margin=0., int reduction=1) -> Tensor',
  ],
  // max(0, -t (x1 - x2) + margin)
  impl: (a, ctx) => {
    const dtype = requireFloating(
      promoteTypes(promoteTypes(a.input1.dtype, a.input2.dtype), a.target.dtype),
      'clamp_min',
    );
    const c = new Calc(ctx, dtype);
    const v = c.add(c.mul(c.un('neg', c.t(a.target)), c.sub(a.input1, a.input2)), num(a.margin));
    return applyReduction(c, c.max(v, 0), a.reduction);
  },
  meta: (a) => ({
    sizes: a.reduction === 0 ? broadcastShapes(a.input1.sizes, a.input2.sizes, a.target.sizes) : [],
    dtype: promoteTypes(promoteTypes(a.input1.dtype, a.input2.dtype), a.target.dtype),
  }),
  derivative: (F, { grad, input1, input2, target, margin, reduction }) => {
    const d = F.sub(input1, input2);
    const v = F.add(F.neg(F.mul(target, d)), margin);
    const n = reduction === 1 ? F.sizes(v).reduce((p: number, s: number) => p * s, 1) : 1;
    const g = F.mul(reduction === 1 ? F.div(grad, n) : grad, F.ge(v, 0));
    return {
      input1: F.sumTo(F.neg(F.mul(target, g)), F.sizes(input1)),
      input2: F.sumTo(F.mul(target, g), F.sizes(input2)),
      target: F.sumTo(F.neg(F.mul(d, g)), F.sizes(target)),
    };
  },
  samples: (S) => {
    const t = S.of([1, -1, 1, -1], [4]);
    return [
      S.call('margin_ranking_loss', [S.randn([4]), S.randn([4]), t]),
      S.call('margin_ranking_loss', [S.randn([4]), S.randn([4], 'strided'), t, S.float(0.5), 0]),
      S.call('margin_ranking_loss', [S.randn([2, 4], 'transposed'), S.randn([4]), t, S.float(1), 2]),
      S.call('margin_ranking_loss', [S.randn([]), S.randn([]), S.of([1], [])]),
      S.call('margin_ranking_loss', [S.randn([0]), S.randn([0]), S.randn([0]), S.float(0), 2]),
      S.call('margin_ranking_loss', [S.t([4], { dtype: 'float64' }), S.randn([4]), t]),
      S.error(
        'margin_ranking_loss',
        [S.randn([3]), S.randn([4]), t],
        'The size of tensor a (3) must match the size of tensor b (4)',
      ),
    ];
  },
});
