import { defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'bitwise_xor_cpu' };

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('__xor__.bool', [true, false]),
  S.call('__xor__.bool', [false, true]),
  S.call('__xor__.int', [7, -6]),
  S.call('__xor__.int', [-6, 2]),
  S.call('__xor__.int', [-9, 4]),
];

export const __xor__ = defineOp({
  schemas: [
    'aten::__xor__.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::__xor__.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::__ixor__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::__ixor__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::__xor__.bool(bool a, bool b) -> bool',
    'aten::__xor__.int(int a, int b) -> int',
  ],
  impl: withScalarMath('__xor__', binaryMathImpl('bitwise_xor', rules), ['bool', 'int']),
  meta: binaryMathMeta('bitwise_xor', rules),
  nondifferentiable: 'integer output',
  samples: withScalarSamples(
    (S) => [
      ...binaryFamilySamples(S, {
        tensor: '__xor__.Tensor',
        scalar: '__xor__.Scalar',
        inplace: '__ixor__.Tensor',
        inplaceScalar: '__ixor__.Scalar',
        errors: {
          float16: '"bitwise_xor_cpu" not implemented for \'Half\'',
          bfloat16: '"bitwise_xor_cpu" not implemented for \'BFloat16\'',
        },
        integral: true,
        floatResult: false,
      }),
      S.call('__xor__.Tensor', [S.bools([2, 3]), S.bools([3])]),
    ],
    scalarSamples,
  ),
});
