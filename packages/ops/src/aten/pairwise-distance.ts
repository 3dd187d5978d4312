import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { requireFloating } from '../groups/activation.js';
import { pairwiseDistance as distance, pairwiseDistanceGrads } from '../groups/distance.js';
import { Calc, num } from '../groups/nn-math.js';

export const pairwiseDistance = defineOp({
  schemas: [
    'aten::pairwise_distance(Tensor x1, Tensor x2, float p=2., float eps=9.9999999999999995e-07, bool keepdim=False) -> Tensor',
  ],
  impl: (a, ctx) => {
    const c = new Calc(ctx, requireFloating(promoteTypes(a.x1.dtype, a.x2.dtype), 'norm'));
    return distance(c, a.x1, a.x2, num(a.p), num(a.eps), a.keepdim);
  },
  meta: (a) => {
    const sizes = broadcastShapes(a.x1.sizes, a.x2.sizes);
    const out = sizes.length === 0 ? [] : a.keepdim ? [...sizes.slice(0, -1), 1] : sizes.slice(0, -1);
    return { sizes: out, dtype: promoteTypes(a.x1.dtype, a.x2.dtype) };
  },
  derivative: (F, { grad, x1, x2, p, eps, keepdim, result }) => {
    const [g1, g2] = pairwiseDistanceGrads(
      F,
      grad,
      x1,
      x2,
      Number(p?.value ?? p),
      Number(eps?.value ?? eps),
      keepdim,
      result,
    );
    return { x1: g1, x2: g2 };
  },
  samples: (S) => {
    const f = S.float;
    return [
      S.call('pairwise_distance', [S.randn([3, 4]), S.randn([3, 4])]),
      S.call('pairwise_distance', [S.randn([3, 4], 'transposed'), S.randn([4])]),
      S.call('pairwise_distance', [S.randn([2, 3], 'strided'), S.randn([2, 3]), f(1)]),
      S.call('pairwise_distance', [S.randn([2, 3]), S.randn([2, 3]), f(3), f(1e-3), true]),
      S.call('pairwise_distance', [S.randn([2, 3]), S.randn([2, 3]), f(Number.POSITIVE_INFINITY)]),
      S.call('pairwise_distance', [S.randn([2, 3]), S.randn([2, 3]), f(0)]),
      S.call('pairwise_distance', [S.randn([4]), S.randn([4])]),
      S.call('pairwise_distance', [S.randn([]), S.randn([])]),
      S.call('pairwise_distance', [S.randn([0, 3]), S.randn([0, 3])]),
      S.call('pairwise_distance', [S.t([2, 3], { dtype: 'float64' }), S.randn([2, 3])]),
      S.error(
        'pairwise_distance',
        [S.randn([2, 3]), S.randn([2, 4])],
        'The size of tensor a (3) must match the size of tensor b (4)',
      ),
    ];
  },
});
