import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { applyReduction, Calc, num } from '../groups/nn-math.js';

export const hingeEmbeddingLoss = defineOp({
  schemas: ['aten::hinge_embedding_loss(Tensor self, Tensor target, float margin=1., int reduction=1) -> Tensor'],
  // where(t != 1, max(margin - x, 0), 0) + where(t != -1, x, 0)
  impl: (a, ctx) => {
    const c = new Calc(ctx, promoteTypes(a.self.dtype, a.target.dtype));
    const x = c.t(a.self);
    const t = c.t(a.target);
    const hinge = c.where(c.cmp('ne', t, 1), c.max(c.sub(num(a.margin), x), 0), 0);
    const self = c.where(c.cmp('ne', t, -1), x, 0);
    return applyReduction(c, c.add(hinge, self), a.reduction);
  },
  meta: (a) => ({
    sizes: a.reduction === 0 ? broadcastShapes(a.self.sizes, a.target.sizes) : [],
    dtype: promoteTypes(a.self.dtype, a.target.dtype),
  }),
  // The target only selects branches: it gets no gradient.
  derivative: (F, { grad, self, target, margin, reduction }) => {
    const m = Number(margin?.value ?? margin);
    const n = reduction === 1 ? F.sizes(F.add(self, target)).reduce((p: number, s: number) => p * s, 1) : 1;
    const g = reduction === 1 ? F.div(grad, n) : grad;
    const hinge = F.mul(F.ne(target, 1), F.ge(F.rsub(self, m), 0));
    const local = F.sub(F.mul(g, F.ne(target, -1)), F.mul(g, hinge));
    return { self: F.sumTo(local, F.sizes(self)), target: null };
  },
  samples: (S) => {
    const t = S.of([1, -1, 1, -1, -1, 1], [2, 3]);
    return [
      S.call('hinge_embedding_loss', [S.randn([2, 3]), t]),
      S.call('hinge_embedding_loss', [S.randn([2, 3], 'transposed'), t, S.float(0.5), 0]),
      S.call('hinge_embedding_loss', [S.randn([2, 3]), S.of([1, -1, 0], [3]), S.float(2), 2]),
      S.call('hinge_embedding_loss', [S.randn([]), S.of([-1], [])]),
      S.call('hinge_embedding_loss', [S.randn([0]), S.randn([0])]),
      S.call('hinge_embedding_loss', [S.t([2, 3], { dtype: 'float64' }), t]),
    ];
  },
});
