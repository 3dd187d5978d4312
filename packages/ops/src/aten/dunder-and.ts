import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'bitwise_and_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('__and__.bool', [true, false]),
  S.call('__and__.bool', [false, true]),
  S.call('__and__.int', [7, -6]),
  S.call('__and__.int', [-6, 2]),
  S.call('__and__.int', [-9, 4]),
];

export const __and__ = defineOp({
  schemas: [
    'aten::__and__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__and__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__iand__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__iand__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::__and__.bool(bool a, bool b) -> bool',
    'aten::__and__.int(int a, int b) -> int',
  ],
  impl: withScalarMath('__and__', binaryMathImpl('bitwise_and', rules), ['bool', 'int']),
  meta: binaryMathMeta('bitwise_and', rules),
  nondifferentiable: 'integer output',
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: '__and__.Tensor',
        scalar: '__and__.Scalar',
        inplace: '__iand__.Tensor',
        inplaceScalar: '__iand__.Scalar',
        errors: {
          float16: '"bitwise_and_cpu" not implemented for \'Half\'',
          bfloat16: '"bitwise_and_cpu" not implemented for \'BFloat16\'',
        },
        integral: true,
        floatResult: false,
      }),
      S.call('__and__.Tensor', [S.bools([2, 3]), S.bools([3])]),
    ],
    scalarSamples,
  ),
});
