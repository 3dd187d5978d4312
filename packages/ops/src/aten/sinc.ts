import { defineOp, type ImplFn } from '../core/define-op.js';
import { toDtype } from '../core/helpers.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { floatUnaryDtype } from '../groups/pointwise-composite.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// sin(pi x) / (pi x), and 1 at x = 0, in the input's floating dtype (integers promote to float32).
const compute: ImplFn = (args, ctx) => {
  const F = ctx.F;
  const x = toDtype(ctx, args.self, floatUnaryDtype(args.self, 'sinc_cpu'));
  const px = F.mul(x, Math.PI);
  return F.where(F.eq(x, 0), 1, F.div(F.sin(px), px));
};

export const sinc = defineOp({
  schemas: [
    'aten::sinc(Tensor self) -> Tensor',
    'aten::sinc.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sinc_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: compute,
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: floatUnaryDtype(args.self, 'sinc_cpu') })),
  // (cos(pi x) - sinc(x)) / x, and 0 at x = 0.
  derivative: (F, { grad, self, result }) => ({
    self: F.mul(grad, F.where(F.eq(self, 0), 0, F.div(F.sub(F.cos(F.mul(self, Math.PI)), result), self))),
  }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'sinc',
      inplace: true,
      out: true,
      floatResult: true,
      dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      errors: { float16: '"sinc_cpu" not implemented for \'Half\'' },
    }),
});
