import { defineOp } from '../core/define-op.js';
import { binaryImpl, binaryMeta } from '../groups/binary.js';
import { binarySamples } from '../groups/samples.js';

export const mul = defineOp({
  schemas: [
    'aten::mul.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::mul.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::mul_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::mul_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::mul.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: binaryImpl('mul'),
  meta: binaryMeta(),
  derivative: (F, { grad, self, other }) => ({
    self: F.sumTo(F.mul(grad, other), F.sizes(self)),
    other: F.isTensor(other) ? F.sumTo(F.mul(grad, self), F.sizes(other)) : null,
  }),
  samples: (S) => [
    ...binarySamples(S, {
      tensor: 'mul.Tensor',
      scalar: 'mul.Scalar',
      dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'bfloat16'],
    }),
    S.call('mul_.Tensor', [S.randn([2, 3]), S.randn([3])]),
    S.call('mul_.Scalar', [S.randn([2, 3], 'transposed'), S.float(-0.5)]),
    S.call('mul_.Scalar', [S.ints([4]), 3]),
    S.call('mul.out', [S.randn([2, 3]), S.randn([3])], { out: S.randn([2, 3]) }),
  ],
});
