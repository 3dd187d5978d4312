import { defineOp } from '../core/define-op.js';
import { floatMath1 } from '../groups/py-math.js';

export const radians = defineOp({
  schemas: [
    'aten::radians.int(int a) -> float',
    'aten::radians.float(float a) -> float',
    'aten::radians.Scalar(Scalar a) -> Scalar',
  ],
  impl: floatMath1((x) => (x * Math.PI) / 180),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('radians.int', [180]),
    S.call('radians.float', [90.5]),
    S.call('radians.Scalar', [S.float(45)]),
  ],
});
