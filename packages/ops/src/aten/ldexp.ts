import { defineOp, type ImplFn } from '../core/define-op.js';
import { DEFAULT_FLOAT, isFloatingDtype, resultType } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { FloatScalar } from '../core/tensor-like.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

// self * 2^other, as PyTorch composes it (so integers promote to the default float dtype).
const compute: ImplFn = (args, ctx) => ctx.F.mul(args.self, ctx.F.pow(new FloatScalar(2), args.other));

const ldexpFloat: ImplFn = (args) => {
  const r = Number(args.x instanceof FloatScalar ? args.x.value : args.x) * 2 ** Number(args.i);
  return Number.isInteger(r) ? new FloatScalar(r) : r;
};

export const ldexp = defineOp({
  schemas: [
    'aten::ldexp.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::ldexp.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ldexp(float x, int i) -> float',
    'aten::ldexp_(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: { Tensor: compute, '': ldexpFloat },
  meta: mutatingMeta((args) => {
    const dtype = resultType([args.self, args.other]);
    return {
      sizes: broadcastShapes(args.self.sizes, args.other.sizes),
      dtype: isFloatingDtype(dtype) ? dtype : DEFAULT_FLOAT,
    };
  }),
  derivative: (F, { grad, self, other, result }) => ({
    // 2.0 (not 2): an integral `other` must not turn 2^other into integer arithmetic (2^-1 = 0).
    self: F.sumTo(F.mul(grad, F.pow(new FloatScalar(2), other)), F.sizes(self)),
    other: F.sumTo(F.mul(F.mul(grad, result), Math.LN2), F.sizes(other)),
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'ldexp.Tensor',
      inplace: 'ldexp_',
      out: 'ldexp.out',
      dtypes: ['float64', 'int64', 'int32', 'uint8', 'bool'],
      low: -3,
      high: 4,
    }),
    S.call('ldexp.Tensor', [S.randn([2, 3]), S.ints([3], -3, 4)]),
    S.call('ldexp', [S.float(1.5), 3]),
    S.call('ldexp', [S.float(-0.75), -2]),
  ],
});
