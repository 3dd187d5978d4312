import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const ge = defineOp({
  schemas: [
    'aten::ge.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::ge.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::ge.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ge.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::ge_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::ge_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('ge', rules),
  meta: binaryMathMeta('ge', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'ge.Tensor',
      scalar: 'ge.Scalar',
      inplace: 'ge_.Tensor',
      inplaceScalar: 'ge_.Scalar',
      out: 'ge.Tensor_out',
      scalarOut: 'ge.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('ge.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('ge.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('ge.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('ge_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
