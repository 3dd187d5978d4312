import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { subtraction: true };

export const subtract = defineOp({
  schemas: [
    'aten::subtract.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
    'aten::subtract.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::subtract.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor',
    'aten::subtract_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)',
    'aten::subtract_.Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('sub', rules),
  meta: binaryMathMeta('sub', rules),
  derivative: (F, { grad, self, other, alpha }) => ({
    self: F.sumTo(grad, F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(F.mul(F.neg(grad), alpha), F.sizes(other)) : null,
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'subtract.Tensor',
      scalar: 'subtract.Scalar',
      inplace: 'subtract_.Tensor',
      inplaceScalar: 'subtract_.Scalar',
      out: 'subtract.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
      errors: {
        bool: 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
      },
      floatResult: false,
    }),
    S.call('subtract.Tensor', [S.randn([2, 3]), S.randn([3])], { alpha: S.float(0.5) }),
  ],
});
