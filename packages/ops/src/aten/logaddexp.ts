import { defineOp, type ImplFn } from '../core/define-op.js';
import { broadcastShapes } from '../core/helpers.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { floatBinaryDtype } from '../groups/pointwise-composite.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

// max(a, b) + log1p(exp(-|a - b|)); where both are the same infinity the result is that infinity (inf - inf would be NaN).
const compute: ImplFn = (args, ctx) => {
  const F = ctx.F;
  const { self, other } = args;
  floatBinaryDtype(self, other, 'logaddexp_cpu');
  const sum = F.add(F.maximum(self, other), F.log1p(F.exp(F.neg(F.abs(F.sub(self, other))))));
  return F.where(F.logicalAnd(F.isinf(self), F.eq(self, other)), self, sum);
};

export const logaddexp = defineOp({
  schemas: [
    'aten::logaddexp(Tensor self, Tensor other) -> Tensor',
    'aten::logaddexp.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: compute,
  meta: mutatingMeta((args) => ({
    sizes: broadcastShapes(args.self.sizes, args.other.sizes),
    dtype: floatBinaryDtype(args.self, args.other, 'logaddexp_cpu'),
  })),
  derivative: (F, { grad, self, other }) => ({
    self: F.sumTo(F.div(grad, F.add(F.exp(F.sub(other, self)), 1)), F.sizes(self)),
    other: F.sumTo(F.div(grad, F.add(F.exp(F.sub(self, other)), 1)), F.sizes(other)),
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'logaddexp',
      out: 'logaddexp.out',
      dtypes: ['float64', 'bfloat16'],
      errors: {
        int64: '"logaddexp_cpu" not implemented for \'Long\'',
        bool: '"logaddexp_cpu" not implemented for \'Bool\'',
        float16: '"logaddexp_cpu" not implemented for \'Half\'',
      },
    }).filter(
      (s) =>
        s.error !== undefined ||
        !s.args.some((a) => typeof a === 'object' && a !== null && 'dtype' in a && /int|uint/.test(String(a.dtype))),
    ),
    S.call('logaddexp', [S.of([Infinity, -Infinity, -Infinity, 30, -30]), S.of([Infinity, -Infinity, 1, -30, 30])]),
  ],
});
