import { defineOp } from '../core/define-op.js';
import { divmodImpl } from '../groups/py-math.js';

/** divmod(x, y): floor quotient and remainder. */
export const divmod = defineOp({
  schemas: [
    'aten::divmod.int(int x, int y) -> (int, int)',
    'aten::divmod.float(float x, float y) -> (float, float)',
    'aten::divmod.int_float(int x, float y) -> (float, float)',
    'aten::divmod.float_int(float x, int y) -> (float, float)',
  ],
  impl: { int: divmodImpl, float: divmodImpl, int_float: divmodImpl, float_int: divmodImpl },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('divmod.int', [7, 2]),
    S.call('divmod.int', [-7, 2]),
    S.call('divmod.int', [7, -2]),
    S.error('divmod.int', [7, 0], 'ZeroDivisionError: integer division or modulo by zero'),
    S.call('divmod.float', [7.5, 2.5]),
    S.call('divmod.float', [-7.5, 2]),
    S.call('divmod.int_float', [7, 2.5]),
    S.call('divmod.float_int', [-7.5, 2]),
    S.error('divmod.float', [7.5, S.float(0)], 'ZeroDivisionError: float divmod()'),
  ],
});
