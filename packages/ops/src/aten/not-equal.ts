import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const notEqual = defineOp({
  schemas: [
    'aten::not_equal.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::not_equal.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::not_equal.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::not_equal.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::not_equal_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::not_equal_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('ne', rules),
  meta: binaryMathMeta('ne', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'not_equal.Tensor',
      scalar: 'not_equal.Scalar',
      inplace: 'not_equal_.Tensor',
      inplaceScalar: 'not_equal_.Scalar',
      out: 'not_equal.Tensor_out',
      scalarOut: 'not_equal.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('not_equal.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('not_equal.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('not_equal.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('not_equal_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
