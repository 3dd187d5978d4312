import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const le = defineOp({
  schemas: [
    'aten::le.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::le.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::le.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::le.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::le_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::le_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('le', rules),
  meta: binaryMathMeta('le', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'le.Tensor',
      scalar: 'le.Scalar',
      inplace: 'le_.Tensor',
      inplaceScalar: 'le_.Scalar',
      out: 'le.Tensor_out',
      scalarOut: 'le.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('le.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('le.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('le.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('le_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
