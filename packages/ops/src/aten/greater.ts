import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const greater = defineOp({
  schemas: [
    'aten::greater.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::greater.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::greater.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::greater.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::greater_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::greater_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('gt', rules),
  meta: binaryMathMeta('gt', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'greater.Tensor',
      scalar: 'greater.Scalar',
      inplace: 'greater_.Tensor',
      inplaceScalar: 'greater_.Scalar',
      out: 'greater.Tensor_out',
      scalarOut: 'greater.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('greater.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('greater.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('greater.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('greater_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
