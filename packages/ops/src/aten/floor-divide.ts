import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'div_floor_cpu' };

export const floorDivide = defineOp({
  schemas: [
    'aten::floor_divide(Tensor self, Tensor other) -> Tensor',
    'aten::floor_divide.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::floor_divide.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::floor_divide_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::floor_divide_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('floor_divide', rules),
  meta: binaryMathMeta('floor_divide', rules),
  nondifferentiable: 'integer output',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'floor_divide',
      scalar: 'floor_divide.Scalar',
      inplace: 'floor_divide_.Tensor',
      inplaceScalar: 'floor_divide_.Scalar',
      out: 'floor_divide.out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
      errors: { bool: '"div_floor_cpu" not implemented for \'Bool\'' },
      nonzeroOther: true,
      floatResult: false,
    }),
    S.error('floor_divide', [S.ints([3]), S.of([1, 0, 2], [3], 'int64')], 'ZeroDivisionError'),
    S.error('floor_divide.Scalar', [S.ints([3]), 0], 'ZeroDivisionError'),
  ],
});
