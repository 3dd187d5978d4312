import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'lshift_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('__lshift__.int', [7, 3]),
  S.call('__lshift__.int', [3, 5]),
  S.call('__lshift__.int', [1, 40]),
  S.call('__lshift__.int', [1, 65]),
  S.call('__lshift__.int', [3, -1]),
  S.call('__lshift__.int', [1, 63]),
];

export const __lshift__ = defineOp({
  schemas: [
    'aten::__lshift__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__lshift__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__lshift__.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__lshift__.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::__ilshift__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__ilshift__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::__lshift__.int(int a, int b) -> int',
  ],
  impl: withScalarMath('__lshift__', binaryMathImpl('bitwise_left_shift', rules), ['int']),
  meta: binaryMathMeta('bitwise_left_shift', rules),
  nondifferentiable: 'integer output',
  samples: withScalarSamples(
    (S) =>
      binaryFamilySamples(S, {
        tensor: '__lshift__.Tensor',
        scalar: '__lshift__.Scalar',
        inplace: '__ilshift__.Tensor',
        inplaceScalar: '__ilshift__.Scalar',
        out: '__lshift__.Tensor_out',
        scalarOut: '__lshift__.Scalar_out',
        errors: {
          float16: '"lshift_cpu" not implemented for \'Half\'',
          bfloat16: '"lshift_cpu" not implemented for \'BFloat16\'',
          bool: '"lshift_cpu" not implemented for \'Bool\'',
        },
        integral: true,
        low: 0,
        high: 7,
        floatResult: false,
      }),
    scalarSamples,
  ),
});
