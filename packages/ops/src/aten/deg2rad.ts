import { defineOp } from '../core/define-op.js';
import { FloatScalar } from '../core/tensor-like.js';
import { binaryMathMeta, binaryRun } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// A product with a Python float: integers and bools promote to the default float dtype.
const factor = new FloatScalar(Math.PI / 180);

export const deg2rad = defineOp({
  schemas: [
    'aten::deg2rad(Tensor self) -> Tensor',
    'aten::deg2rad.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::deg2rad_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: (args, ctx) => binaryRun(ctx, 'mul', args.self, factor),
  meta: (args, o) => binaryMathMeta('mul')({ self: args.self, other: factor, out: args.out }, o),
  derivative: (F, { grad }) => ({ self: F.mul(grad, Math.PI / 180) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'deg2rad',
      inplace: true,
      out: true,
      floatResult: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      low: -200,
      high: 200,
    }),
});
