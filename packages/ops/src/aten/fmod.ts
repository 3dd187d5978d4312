import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { kernelName: 'fmod_cpu' };

export const fmod = defineOp({
  schemas: [
    'aten::fmod.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::fmod.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::fmod.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::fmod.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::fmod_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::fmod_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('fmod', rules),
  meta: binaryMathMeta('fmod', rules),
  derivative: (F, { grad, self, other }) => ({
    self: F.isTensor(self) ? F.sumTo(grad, F.sizes(self)) : null,
    other: F.isTensor(other)
      ? F.sumTo(F.mul(F.neg(grad), F.div(self, other, { rounding_mode: 'trunc' })), F.sizes(other))
      : null,
  }),
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'fmod.Tensor',
      scalar: 'fmod.Scalar',
      inplace: 'fmod_.Tensor',
      inplaceScalar: 'fmod_.Scalar',
      out: 'fmod.Tensor_out',
      scalarOut: 'fmod.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8'],
      errors: { bool: '"fmod_cpu" not implemented for \'Bool\'' },
      nonzeroOther: true,
      floatResult: false,
    }),
    S.error('fmod.Scalar', [S.ints([3]), 0], 'ZeroDivisionError'),
    S.call('fmod.Tensor', [S.ints([2, 4], -9, 9), S.ints([4], -4, -1)]),
  ],
});
