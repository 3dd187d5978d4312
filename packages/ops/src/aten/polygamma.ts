import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import { DEFAULT_FLOAT, isFloatingDtype } from '../core/dtypes.js';
import { copyInto, numel, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { mutatingMeta, notImplemented } from '../groups/pointwise.js';

// Coefficients of the Euler-Maclaurin tail of the Hurwitz zeta function: (2j)! / B_2j.
const EULER_MACLAURIN = [
  12, -720, 30240, -1209600, 47900160, -1892437580.3183792, 74724249600, -2950130727918.164, 116467828143500.67,
  -4597978722407473, 181521054019435460, -7166165256175667000,
];

/**
 * Hurwitz zeta(s, q) for an integer s > 1 in float64 (the Cephes method PyTorch uses): a direct sum
 * until q + N > 9, then the Euler-Maclaurin tail. Non-positive integer q gives +inf.
 */
function hurwitzZeta(ctx: OpContext, s: number, q: TensorLike): TensorLike {
  const F = ctx.F;
  const lowest = ctx.empty([], 'float64');
  K.amin(lowest, q);
  const low = new Float64Array(lowest.data.buffer, lowest.data.byteOffset, 1)[0];
  // Terms until every q + N exceeds 9 (at least 9 of them), bounded for absurdly negative inputs.
  const terms = Number.isFinite(low) ? Math.min(Math.max(9, Math.ceil(10 - low)), 1000) : 9;
  let sum = F.pow(q, -s);
  for (let k = 1; k < terms; k++) sum = F.add(sum, F.pow(F.add(q, k), -s));
  const w = F.add(q, terms);
  let b = F.pow(w, -s);
  // The tail from q + N: its integral, half its first term, then the Bernoulli corrections.
  sum = F.add(sum, F.div(F.mul(b, w), s - 1));
  sum = F.add(sum, F.mul(b, 0.5));
  let a = 1;
  let k = 0;
  for (const coefficient of EULER_MACLAURIN) {
    a *= s + k;
    b = F.div(b, w);
    sum = F.add(sum, F.div(F.mul(b, a), coefficient));
    k += 1;
    a *= s + k;
    b = F.div(b, w);
    k += 1;
  }
  const pole = F.logicalAnd(F.le(q, 0), F.eq(q, F.floor(q)));
  return F.where(pole, Infinity, sum);
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

function polygammaCompute(ctx: OpContext, n: number, self: TensorLike): TensorLike {
  if (n < 0) throw new OpError('polygamma(n, x) does not support negative n.');
  const name = n === 0 ? 'digamma' : n === 1 ? 'trigamma' : 'polygamma';
  if (self.dtype === 'float16') throw notImplemented(name, self.dtype);
  const dtype = isFloatingDtype(self.dtype) ? self.dtype : DEFAULT_FLOAT;
  if (n === 0) return ctx.F.digamma(self);
  if (numel(self.sizes) === 0) return ctx.empty(self.sizes, dtype);
  // psi^(n)(x) = (-1)^(n+1) n! zeta(n+1, x)
  const zeta = hurwitzZeta(ctx, n + 1, toDtype(ctx, self, 'float64'));
  const scaled = ctx.F.mul(zeta, (n % 2 === 1 ? 1 : -1) * factorial(n));
  return toDtype(ctx, scaled, dtype);
}

const inplace: ImplFn = (args, ctx, o) => {
  copyInto(ctx, args.self, polygammaCompute(ctx, args.n, args.self), o.qualifiedName, false);
  return args.self;
};

export const polygamma = defineOp({
  schemas: [
    'aten::polygamma(int n, Tensor self) -> Tensor',
    'aten::polygamma.out(int n, Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::polygamma_(Tensor(a!) self, int n) -> Tensor(a!)',
  ],
  impl: { '': (args, ctx) => polygammaCompute(ctx, args.n, args.self), polygamma_: inplace },
  meta: mutatingMeta((args) => ({
    sizes: args.self.sizes,
    dtype: isFloatingDtype(args.self.dtype) ? args.self.dtype : DEFAULT_FLOAT,
  })),
  derivative: (F, { grad, n, self }) => ({ self: F.mul(grad, F.polygamma(n + 1, self)) }),
  samples: (S) => {
    const x = (sizes: number[], layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous') =>
      S.t(sizes, { low: 0.2, high: 6, layout });
    return [
      S.call('polygamma', [1, x([2, 5])]),
      S.call('polygamma', [1, x([3, 4], 'transposed')]),
      S.call('polygamma', [2, x([2, 3], 'strided')]),
      S.call('polygamma', [3, x([5], 'offset')]),
      S.call('polygamma', [0, x([4])]),
      S.call('polygamma', [1, x([])]),
      S.call('polygamma', [2, x([0, 3])]),
      S.call('polygamma', [4, S.t([2, 3], { dtype: 'float64', low: 0.2, high: 6 })]),
      S.call('polygamma', [1, S.of([0.3, 1.5, -2.5, 4, 30, -0.75, 1e-3])]),
      S.call('polygamma', [2, S.of([0.3, 1.5, -2.5, 4, 30, -0.75, -12.25])]),
      S.call('polygamma', [2, S.of([0, -1, -3, Number.NaN, Infinity])]),
      S.call('polygamma', [1, S.ints([4], 1, 5)]),
      S.call('polygamma', [1, S.bools([3])]),
      S.error('polygamma', [-1, x([3])], 'polygamma(n, x) does not support negative n.'),
      S.error('polygamma', [1, S.t([3], { dtype: 'float16' })], '"trigamma" not implemented for \'Half\''),
      S.call('polygamma_', [x([3, 2], 'transposed'), 1]),
      S.error('polygamma_', [S.ints([3], 1, 4), 1], "result type Float can't be cast to the desired output type Long"),
      S.call('polygamma.out', [2, x([2, 3])], { out: S.randn([0]) }),
    ];
  },
});
