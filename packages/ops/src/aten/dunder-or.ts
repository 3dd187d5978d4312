import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'bitwise_or_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('__or__.bool', [true, false]),
  S.call('__or__.bool', [false, true]),
  S.call('__or__.int', [7, -6]),
  S.call('__or__.int', [-6, 2]),
  S.call('__or__.int', [-9, 4]),
];

export const __or__ = defineOp({
  schemas: [
    'aten::__or__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__or__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__ior__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__ior__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::__or__.bool(bool a, bool b) -> bool',
    'aten::__or__.int(int a, int b) -> int',
  ],
  impl: withScalarMath('__or__', binaryMathImpl('bitwise_or', rules), ['bool', 'int']),
  meta: binaryMathMeta('bitwise_or', rules),
  nondifferentiable: 'integer output',
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: '__or__.Tensor',
        scalar: '__or__.Scalar',
        inplace: '__ior__.Tensor',
        inplaceScalar: '__ior__.Scalar',
        errors: {
          float16: '"bitwise_or_cpu" not implemented for \'Half\'',
          bfloat16: '"bitwise_or_cpu" not implemented for \'BFloat16\'',
        },
        integral: true,
        floatResult: false,
      }),
      S.call('__or__.Tensor', [S.bools([2, 3]), S.bools([3])]),
    ],
    scalarSamples,
  ),
});
