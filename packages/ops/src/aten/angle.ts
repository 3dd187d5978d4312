import { defineOp } from '../core/define-op.js';
import { realAngle } from '../groups/py-math.js';

export const angle = defineOp({
  schemas: [
    'aten::angle.int(int a) -> float',
    'aten::angle.float(float a) -> float',
    'aten::angle.Scalar(Scalar a) -> Scalar',
  ],
  impl: { int: realAngle, float: realAngle, Scalar: realAngle },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('angle.int', [-2]), S.call('angle.float', [2.5]), S.call('angle.Scalar', [S.float(-1)])],
});
