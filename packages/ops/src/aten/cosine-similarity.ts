import { defineOp } from '../core/define-op.js';
import { cppDtypeName, isFloatingDtype, promoteTypes } from '../core/dtypes.js';
import { broadcastShapes, normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { Calc, num } from '../groups/nn-math.js';

export const cosineSimilarity = defineOp({
  schemas: ['aten::cosine_similarity(Tensor x1, Tensor x2, int dim=1, float eps=1e-08) -> Tensor'],
  // sum(x1 x2) / (max(|x1|, eps) max(|x2|, eps)) along dim of the broadcast shape.
  impl: (a, ctx) => {
    const dtype = promoteTypes(a.x1.dtype, a.x2.dtype);
    if (!isFloatingDtype(dtype)) {
      throw new OpError(`expected common dtype to be floating point, yet common dtype is ${cppDtypeName(dtype)}`);
    }
    const sizes = broadcastShapes(a.x1.sizes, a.x2.sizes);
    const d = normalizeDim(a.dim, sizes.length);
    const c = new Calc(ctx, dtype);
    const dims = sizes.length === 0 ? null : [d];
    const x1 = c.add(a.x1, c.full(sizes, 0));
    const x2 = c.add(a.x2, c.full(sizes, 0));
    const eps = num(a.eps);
    const n1 = c.max(c.un('sqrt', c.sum(c.mul(x1, x1), dims)), eps);
    const n2 = c.max(c.un('sqrt', c.sum(c.mul(x2, x2), dims)), eps);
    return c.div(c.sum(c.mul(x1, x2), dims), c.mul(n1, n2));
  },
  meta: (a) => {
    const sizes = broadcastShapes(a.x1.sizes, a.x2.sizes);
    const d = normalizeDim(a.dim, sizes.length);
    return { sizes: sizes.filter((_, i) => i !== d), dtype: promoteTypes(a.x1.dtype, a.x2.dtype) };
  },
  // d cos / d x1 = x2 / (n1 n2) - cos x1 / n1^2 with n = max(|x|, eps): PyTorch 1.13 clamps the
  // norms in place under no_grad, so the gradient flows through a clamped norm as if unclamped.
  derivative: (F, { grad, x1: in1, x2: in2, dim, eps, result }) => {
    const e = Number(eps?.value ?? eps);
    const sizes = broadcastShapes(in1.sizes, in2.sizes);
    if (sizes.length === 0) return { x1: F.zerosLike(in1), x2: F.zerosLike(in2) };
    const x1 = F.expand(in1, sizes);
    const x2 = F.expand(in2, sizes);
    const g = F.unsqueeze(grad, dim);
    const cos = F.unsqueeze(result, dim);
    const norm = (x: any) => F.sqrt(F.sum(F.mul(x, x), [dim], true));
    const a1 = norm(x1);
    const a2 = norm(x2);
    const n1 = F.clampMin(a1, e);
    const n2 = F.clampMin(a2, e);
    const part = (x: any, y: any, nx: any, ny: any) =>
      F.mul(g, F.sub(F.div(y, F.mul(nx, ny)), F.mul(cos, F.div(x, F.mul(nx, nx)))));
    return {
      x1: F.sumTo(part(x1, x2, n1, n2), F.sizes(in1)),
      x2: F.sumTo(part(x2, x1, n2, n1), F.sizes(in2)),
    };
  },
  samples: (S) => [
    S.call('cosine_similarity', [S.randn([3, 4]), S.randn([3, 4])]),
    S.call('cosine_similarity', [S.randn([3, 4], 'transposed'), S.randn([4]), -1]),
    S.call('cosine_similarity', [S.randn([2, 3, 2], 'strided'), S.randn([2, 3, 2]), 0]),
    S.call('cosine_similarity', [S.randn([4]), S.randn([4]), 0]),
    S.call(
      'cosine_similarity',
      [S.of([1e-5, 2e-5, 3, 4], [2, 2]), S.of([3e-5, 1e-5, 1, 2], [2, 2]), 1, S.float(1e-4)],
      undefined,
      { noGradcheck: "PyTorch's gradient goes through the eps-clamped norms as if unclamped (no_grad clamp_)" },
    ),
    S.call('cosine_similarity', [S.randn([0, 3]), S.randn([0, 3])]),
    S.call('cosine_similarity', [S.t([2, 3], { dtype: 'float64' }), S.randn([2, 3])]),
    S.error(
      'cosine_similarity',
      [S.ints([2, 3]), S.ints([2, 3])],
      'expected common dtype to be floating point, yet common dtype is Long',
    ),
    S.error('cosine_similarity', [S.randn([2, 3]), S.randn([2, 3]), 2], 'Dimension out of range'),
  ],
});
