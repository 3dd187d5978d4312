import { defineOp, type ImplFn } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { toDtype } from '../core/helpers.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { floatUnaryDtype } from '../groups/pointwise-composite.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// log(z / (1 - z)) with z = x clamped to [eps, 1 - eps] when eps is given.
const compute: ImplFn = (args, ctx) => {
  const F = ctx.F;
  let z = toDtype(ctx, args.self, floatUnaryDtype(args.self, 'logit_cpu'));
  if (args.eps != null) {
    const eps = scalarToNumber(args.eps);
    z = F.clamp(z, eps, 1 - eps);
  }
  return F.log(F.div(z, F.rsub(z, 1)));
};

export const logit = defineOp({
  schemas: [
    'aten::logit(Tensor self, float? eps=None) -> Tensor',
    'aten::logit.out(Tensor self, float? eps=None, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::logit_(Tensor(a!) self, float? eps=None) -> Tensor(a!)',
  ],
  impl: compute,
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: floatUnaryDtype(args.self, 'logit_cpu') })),
  // grad / (x (1 - x)); with eps, zero outside [eps, 1 - eps]; without, NaN outside [0, 1].
  derivative: (F, { grad, self, eps }) => {
    const d = F.div(grad, F.mul(self, F.rsub(self, 1)));
    if (eps == null) return { self: F.where(F.logicalOr(F.lt(self, 0), F.gt(self, 1)), Number.NaN, d) };
    const e = typeof eps === 'object' ? eps.value : eps;
    return { self: F.where(F.logicalOr(F.lt(self, e), F.gt(self, 1 - e)), 0, d) };
  },
  samples: (S) => [
    ...unaryFamilySamples(S, {
      name: 'logit',
      inplace: true,
      out: true,
      floatResult: true,
      low: 0.05,
      high: 0.95,
      dtypes: ['float64', 'bfloat16', 'int64', 'uint8', 'bool'],
      errors: { float16: '"logit_cpu" not implemented for \'Half\'' },
    }),
    S.call('logit', [S.of([0, 0.3, 1, -0.5, 1.5, 0.5])], { eps: S.float(0.1) }),
    S.call('logit', [S.of([0, 0.3, 1, -0.5, 1.5, 0.5])], { eps: S.float(0) }),
    S.call('logit', [S.t([2, 3], { dtype: 'float64', low: 0, high: 1 }), S.float(1e-6)]),
    S.call('logit_', [S.of([0, 0.3, 1])], { eps: S.float(0.25) }),
  ],
});
