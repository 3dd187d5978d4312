import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { subtraction: true, reversed: true };

export const rsub = defineOp({
  schemas: [
    'aten::rsub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
    'aten::rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor',
    'aten::rsub.Tensor_out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::rsub.Scalar_out(Tensor self, Scalar other, Scalar alpha=1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('sub', rules),
  meta: binaryMathMeta('sub', rules),
  derivative: (F, { grad, self, other, alpha }) => ({
    self: F.sumTo(F.mul(F.neg(grad), alpha), F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(grad, F.sizes(other)) : null,
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'rsub.Tensor',
      reversed: true,
      scalar: 'rsub.Scalar',
      out: 'rsub.Tensor_out',
      scalarOut: 'rsub.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
      errors: {
        bool: 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
      },
      floatResult: false,
    }),
    S.call('rsub.Tensor', [S.randn([2, 3]), S.randn([3])], { alpha: 2 }),
    S.call('rsub.Scalar', [S.ints([3]), 2, 3]),
  ],
});
