import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const ne = defineOp({
  schemas: [
    'aten::ne.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::ne.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::ne.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ne.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ne_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::ne_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('ne', rules),
  meta: binaryMathMeta('ne', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'ne.Tensor',
      scalar: 'ne.Scalar',
      inplace: 'ne_.Tensor',
      inplaceScalar: 'ne_.Scalar',
      out: 'ne.Tensor_out',
      scalarOut: 'ne.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('ne.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('ne.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('ne.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('ne_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
