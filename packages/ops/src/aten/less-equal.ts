import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const lessEqual = defineOp({
  schemas: [
    'aten::less_equal.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::less_equal.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::less_equal.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::less_equal.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::less_equal_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::less_equal_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('le', rules),
  meta: binaryMathMeta('le', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'less_equal.Tensor',
      scalar: 'less_equal.Scalar',
      inplace: 'less_equal_.Tensor',
      inplaceScalar: 'less_equal_.Scalar',
      out: 'less_equal.Tensor_out',
      scalarOut: 'less_equal.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('less_equal.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('less_equal.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('less_equal.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('less_equal_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
