import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const eq = defineOp({
  schemas: [
    'aten::eq.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::eq.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::eq.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::eq.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::eq_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::eq_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('eq', rules),
  meta: binaryMathMeta('eq', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'eq.Tensor',
      scalar: 'eq.Scalar',
      inplace: 'eq_.Tensor',
      inplaceScalar: 'eq_.Scalar',
      out: 'eq.Tensor_out',
      scalarOut: 'eq.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('eq.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('eq.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('eq.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('eq_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
