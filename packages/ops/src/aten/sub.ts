import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { subtraction: true };

export const sub = defineOp({
  schemas: [
    'aten::sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
    'aten::sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor',
    'aten::sub.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::sub.Scalar_out(Tensor self, Scalar other, Scalar alpha=1, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::sub_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)',
    'aten::sub_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('sub', rules),
  meta: binaryMathMeta('sub', rules),
  derivative: (F, { grad, self, other, alpha }) => ({
    self: F.sumTo(grad, F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(F.mul(F.neg(grad), alpha), F.sizes(other)) : null,
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'sub.Tensor',
      scalar: 'sub.Scalar',
      inplace: 'sub_.Tensor',
      inplaceScalar: 'sub_.Scalar',
      out: 'sub.out',
      scalarOut: 'sub.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
      errors: {
        bool: 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
      },
      floatResult: false,
    }),
    S.call('sub.Tensor', [S.randn([2, 3]), S.randn([3])], { alpha: 2 }),
    S.call('sub.Scalar', [S.ints([3]), 2, 3]),
    S.error('sub.Tensor', [S.ints([3]), S.ints([3])], 'must not be a floating point number', { alpha: S.float(0.5) }),
    S.error('sub.Tensor', [S.ints([3]), S.bools([3])], 'with a bool tensor is not supported'),
  ],
});
