import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'rshift_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('__rshift__.int', [7, 3]),
  S.call('__rshift__.int', [3, 5]),
  S.call('__rshift__.int', [-64, 3]),
  S.call('__rshift__.int', [-5, 70]),
  S.call('__rshift__.int', [1, 64]),
];

export const __rshift__ = defineOp({
  schemas: [
    'aten::__rshift__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__rshift__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__rshift__.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__rshift__.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__irshift__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__irshift__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::__rshift__.int(int a, int b) -> int',
  ],
  impl: withScalarMath('__rshift__', binaryMathImpl('bitwise_right_shift', rules), ['int']),
  meta: binaryMathMeta('bitwise_right_shift', rules),
  nondifferentiable: 'integer output',
  samples: withScalarSamples(
    (S) =>
      binaryFamilySamples(S, {
        tensor: '__rshift__.Tensor',
        scalar: '__rshift__.Scalar',
        inplace: '__irshift__.Tensor',
        inplaceScalar: '__irshift__.Scalar',
        out: '__rshift__.Tensor_out',
        scalarOut: '__rshift__.Scalar_out',
        errors: {
          float16: '"rshift_cpu" not implemented for \'Half\'',
          bfloat16: '"rshift_cpu" not implemented for \'BFloat16\'',
          bool: '"rshift_cpu" not implemented for \'Bool\'',
        },
        integral: true,
        low: 0,
        high: 7,
        floatResult: false,
      }),
    scalarSamples,
  ),
});
