import { defineOp } from '../core/define-op.js';
import { mathRemainder } from '../groups/py-math.js';

/** math.remainder (IEEE remainder). */
export const mathremainder = defineOp({
  schemas: [
    'aten::mathremainder.int(int a, int b) -> float',
    'aten::mathremainder.float(float a, float b) -> float',
    'aten::mathremainder.int_float(int a, float b) -> float',
    'aten::mathremainder.float_int(float a, int b) -> float',
    'aten::mathremainder(Scalar a, Scalar b) -> float',
  ],
  impl: mathRemainder,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('mathremainder.int', [7, 2]),
    S.call('mathremainder.float', [7.5, 2.5]),
    S.call('mathremainder.int_float', [5, 1.5]),
    S.call('mathremainder.float_int', [-5.5, 2]),
    S.call('mathremainder', [S.float(6), 4]),
    S.call('mathremainder.float', [1.0, S.float(0)]),
  ],
});
