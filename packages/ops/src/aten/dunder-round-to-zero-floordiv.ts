import { defineOp } from '../core/define-op.js';
import { roundToZeroFloordiv } from '../groups/py-math.js';

/** C++'s truncating int division. */
export const __roundToZeroFloordiv = defineOp({
  schemas: ['aten::__round_to_zero_floordiv.int(int a, int b) -> int'],
  impl: { int: roundToZeroFloordiv },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('__round_to_zero_floordiv.int', [7, 2]), S.call('__round_to_zero_floordiv.int', [-7, 2])],
});
