import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { formatSizes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { applyReduction, Calc, num } from '../groups/nn-math.js';

const EPSILON = 1e-12;

export const cosineEmbeddingLoss = defineOp({
  schemas: [
    'aten::cosine_embedding_loss(Tensor input1, Tensor input2, Tensor target, float margin=0., int reduction=1) -> Tensor',
  ],
  // cos = sum(x1 x2) / sqrt((|x1|^2 + 1e-12)(|x2|^2 + 1e-12)); 1 - cos where t = 1, max(cos - margin, 0) where t = -1.
  impl: (a, ctx) => {
    const { input1, input2, target } = a;
    const td = target.sizes.length;
    if (td > 1) throw new OpError('0D or 1D target tensor expected, multi-target not supported');
    if (td === 1 && (input1.sizes.length !== 2 || input2.sizes.length !== 2)) {
      throw new OpError(
        `1D target tensor expects 2D input tensors, but found inputs with sizes ${formatSizes(input1.sizes)} and ${formatSizes(input2.sizes)}.`,
      );
    }
    if (td === 0 && (input1.sizes.length !== 1 || input2.sizes.length !== 1)) {
      throw new OpError(
        `0D target tensor expects 1D input tensors, but found inputs with sizes ${formatSizes(input1.sizes)} and ${formatSizes(input2.sizes)}.`,
      );
    }
    const c = new Calc(ctx, promoteTypes(input1.dtype, input2.dtype));
    const x1 = c.t(input1);
    const x2 = c.t(input2);
    const prod = c.sum(c.mul(x1, x2), [td]);
    const m1 = c.add(c.sum(c.mul(x1, x1), [td]), EPSILON);
    const m2 = c.add(c.sum(c.mul(x2, x2), [td]), EPSILON);
    const cos = c.div(prod, c.un('sqrt', c.mul(m1, m2)));
    const t = c.t(target);
    const pos = c.where(c.cmp('eq', t, 1), c.sub(1, cos), 0);
    const neg = c.where(c.cmp('eq', t, -1), c.max(c.sub(cos, num(a.margin)), 0), 0);
    return applyReduction(c, c.add(pos, neg), a.reduction);
  },
  // d cos / d x1 = x2 / sqrt(m1 m2) - cos x1 / m1.
  derivative: (F, { grad, input1, input2, target, margin, reduction }) => {
    const td = target.sizes.length;
    const m1 = F.add(F.sum(F.mul(input1, input1), [td], true), 1e-12);
    const m2 = F.add(F.sum(F.mul(input2, input2), [td], true), 1e-12);
    const den = F.sqrt(F.mul(m1, m2));
    const cos = F.div(F.sum(F.mul(input1, input2), [td], true), den);
    const t = td === 1 ? F.unsqueeze(target, 1) : target;
    const n = reduction === 1 && td === 1 ? target.sizes[0] : 1;
    const g0 = reduction === 1 ? F.div(grad, n) : grad;
    const g = reduction === 0 && td === 1 ? F.unsqueeze(g0, 1) : g0;
    // d loss / d cos: -1 where t = 1, 1 where t = -1 and cos >= margin
    // (masks are bool: multiplying by 1 makes integers, as bool tensors cannot be subtracted)
    const dcos = F.sub(F.mul(F.mul(F.eq(t, -1), F.ge(cos, margin)), 1), F.mul(F.eq(t, 1), 1));
    const k = F.mul(g, dcos);
    return {
      input1: F.mul(k, F.sub(F.div(input2, den), F.div(F.mul(cos, input1), m1))),
      input2: F.mul(k, F.sub(F.div(input1, den), F.div(F.mul(cos, input2), m2))),
    };
  },
  samples: (S) => {
    const t = S.of([1, -1, 1], [3]);
    return [
      S.call('cosine_embedding_loss', [S.randn([3, 4]), S.randn([3, 4]), t]),
      S.call('cosine_embedding_loss', [S.randn([3, 4], 'transposed'), S.randn([3, 4]), t, S.float(0.2), 0]),
      S.call('cosine_embedding_loss', [
        S.randn([3, 4]),
        S.randn([3, 4], 'strided'),
        S.of([-1, -1, 1], [3]),
        S.float(-0.5),
        2,
      ]),
      S.call('cosine_embedding_loss', [S.randn([4]), S.randn([4]), S.of([-1], [])]),
      S.call('cosine_embedding_loss', [
        S.t([2, 3], { dtype: 'float64' }),
        S.t([2, 3], { dtype: 'float64' }),
        S.of([1, -1], [2]),
      ]),
      S.error(
        'cosine_embedding_loss',
        [S.randn([3]), S.randn([3]), t],
        '1D target tensor expects 2D input tensors, but found inputs with sizes [3] and [3].',
      ),
      S.error(
        'cosine_embedding_loss',
        [S.randn([2, 3]), S.randn([2, 3]), S.of([1], [])],
        '0D target tensor expects 1D input tensors',
      ),
      S.error(
        'cosine_embedding_loss',
        [S.randn([2, 3]), S.randn([2, 3]), S.randn([2, 1])],
        '0D or 1D target tensor expected, multi-target not supported',
      ),
    ];
  },
});
