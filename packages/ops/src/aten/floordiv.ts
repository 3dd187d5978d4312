import { defineOp } from '../core/define-op.js';
import { scalarMathImpl } from '../groups/scalar-math.js';

/** Python's `//` on TorchScript ints and floats (tensors use floor_divide / div(rounding_mode='floor')). */
export const floordiv = defineOp({
  schemas: [
    'aten::floordiv.int(int a, int b) -> int',
    'aten::floordiv.int_float(int a, float b) -> float',
    'aten::floordiv.float_int(float a, int b) -> float',
    'aten::floordiv.float(float a, float b) -> float',
    'aten::floordiv(Scalar a, Scalar b) -> Scalar',
  ],
  impl: scalarMathImpl('floordiv'),
  nondifferentiable: 'scalar arithmetic',
  samples: (S) => [
    S.call('floordiv.int', [7, -2]),
    S.call('floordiv.int', [-7, 2]),
    S.call('floordiv.int', [6, 3]),
    S.call('floordiv.int', [0, -5]),
    S.error('floordiv.int', [7, 0], 'division by 0'),
    S.call('floordiv.int_float', [7, S.float(-2)]),
    S.call('floordiv.float_int', [S.float(7.5), 2]),
    S.call('floordiv.float', [S.float(7.5), S.float(-2)]),
    S.call('floordiv.float', [S.float(-0.5), S.float(0.25)]),
    S.call('floordiv.float', [S.float(7.5), S.float(0)]),
    S.call('floordiv', [true, 2]),
    S.call('floordiv', [false, S.float(2.5)]),
  ],
});
