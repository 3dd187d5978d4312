import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName, isFloatingDtype } from '../core/dtypes.js';
import { broadcastShapes, expandTo } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, TensorLike } from '../core/tensor-like.js';
import { pNormGrad } from '../groups/distance.js';
import { Calc, num } from '../groups/nn-math.js';

type T = TensorLike;

function shapes(a: OpArgs): { batch: number[]; p: number; r: number; m: number } {
  const { x1, x2 } = a;
  for (const [name, t] of [
    ['X1', x1],
    ['X2', x2],
  ] as const) {
    if (t.sizes.length < 2)
      throw new OpError(`cdist only supports at least 2D tensors, ${name} got: ${t.sizes.length}D`);
  }
  const m = x1.sizes[x1.sizes.length - 1];
  if (x2.sizes[x2.sizes.length - 1] !== m) {
    throw new OpError(`X1 and X2 must have the same number of columns. X1: ${m} X2: ${x2.sizes[x2.sizes.length - 1]}`);
  }
  if (!isFloatingDtype(x1.dtype))
    throw new OpError(`cdist only supports floating-point dtypes, X1 got: ${cppDtypeName(x1.dtype)}`);
  if (!isFloatingDtype(x2.dtype))
    throw new OpError(`cdist only supports floating-point dtypes, X2 got: ${cppDtypeName(x2.dtype)}`);
  if (x2.dtype !== x1.dtype)
    throw new OpError(`expected scalar type ${cppDtypeName(x1.dtype)} but found ${cppDtypeName(x2.dtype)}`);
  const p = num(a.p);
  if (!(p >= 0)) throw new OpError('cdist only supports non-negative p values');
  const batch = broadcastShapes(x1.sizes.slice(0, -2), x2.sizes.slice(0, -2));
  return { batch, p, r: x2.sizes[x2.sizes.length - 2], m };
}

export const cdist = defineOp({
  schemas: ['aten::cdist(Tensor x1, Tensor x2, float p=2., int? compute_mode=None) -> Tensor'],
  // ||x1[..., i, :] - x2[..., j, :]||_p for every pair, batch dims broadcast.
  impl: (a, ctx) => {
    const { batch, p, r, m } = shapes(a);
    const c = new Calc(ctx, a.x1.dtype);
    const rows = a.x1.sizes[a.x1.sizes.length - 2];
    const u = expandTo(ctx, a.x1, [...batch, rows, m]);
    const v = expandTo(ctx, a.x2, [...batch, r, m]);
    const nb = batch.length;
    // [..., P, 1, M] - [..., 1, R, M]
    const uu = ctx.view(
      u,
      [...batch, rows, 1, m],
      [...u.strides.slice(0, nb), u.strides[nb], 0, u.strides[nb + 1]],
      u.offset,
    );
    const vv = ctx.view(
      v,
      [...batch, 1, r, m],
      [...v.strides.slice(0, nb), 0, v.strides[nb], v.strides[nb + 1]],
      v.offset,
    );
    const diff = c.sub(uu, vv);
    const out = c.empty([...batch, rows, r]);
    K.norm(out, diff, p, [nb + 2], false);
    return out;
  },
  meta: (a) => {
    const { batch, r } = shapes(a);
    return { sizes: [...batch, a.x1.sizes[a.x1.sizes.length - 2], r], dtype: a.x1.dtype };
  },
  derivative: (F, { grad, x1, x2, p, result }) => {
    const pv = Number(p?.value ?? p);
    const d = F.sub(F.unsqueeze(x1, -2), F.unsqueeze(x2, -3));
    const gd = pNormGrad(F, F.unsqueeze(grad, -1), d, F.unsqueeze(result, -1), pv);
    return { x1: F.sumTo(F.sum(gd, [-2]), F.sizes(x1)), x2: F.sumTo(F.neg(F.sum(gd, [-3])), F.sizes(x2)) };
  },
  samples: (S) => {
    const f = S.float;
    return [
      S.call('cdist', [S.randn([3, 4]), S.randn([2, 4])]),
      S.call('cdist', [S.randn([3, 4], 'transposed'), S.randn([2, 4], 'strided'), f(1)]),
      S.call('cdist', [S.randn([2, 3, 2]), S.randn([2, 4, 2]), f(3)]),
      S.call('cdist', [S.randn([2, 1, 3, 2]), S.randn([5, 2, 2]), f(Number.POSITIVE_INFINITY)]),
      S.call('cdist', [S.randn([3, 2]), S.randn([2, 2]), f(0)]),
      S.call('cdist', [S.randn([0, 3]), S.randn([2, 3])]),
      S.call('cdist', [S.t([2, 3], { dtype: 'float64' }), S.t([4, 3], { dtype: 'float64' })]),
      S.error('cdist', [S.randn([3]), S.randn([2, 3])], 'cdist only supports at least 2D tensors, X1 got: 1D'),
      S.error(
        'cdist',
        [S.randn([2, 3]), S.randn([2, 4])],
        'X1 and X2 must have the same number of columns. X1: 3 X2: 4',
      ),
      S.error('cdist', [S.ints([2, 3]), S.ints([2, 3])], 'cdist only supports floating-point dtypes, X1 got: Long'),
      S.error('cdist', [S.randn([2, 3]), S.randn([2, 3]), f(-1)], 'cdist only supports non-negative p values'),
    ];
  },
});
