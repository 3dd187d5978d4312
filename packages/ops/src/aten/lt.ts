import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const lt = defineOp({
  schemas: [
    'aten::lt.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::lt.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::lt.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lt.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::lt_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::lt_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('lt', rules),
  meta: binaryMathMeta('lt', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'lt.Tensor',
      scalar: 'lt.Scalar',
      inplace: 'lt_.Tensor',
      inplaceScalar: 'lt_.Scalar',
      out: 'lt.Tensor_out',
      scalarOut: 'lt.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('lt.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('lt.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('lt.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('lt_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
