import { defineOp } from '../core/define-op.js';
import { floatMath1 } from '../groups/py-math.js';

export const fabs = defineOp({
  schemas: [
    'aten::fabs.int(int a) -> float',
    'aten::fabs.float(float a) -> float',
    'aten::fabs.Scalar(Scalar a) -> Scalar',
  ],
  impl: floatMath1((x) => Math.abs(x)),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('fabs.int', [-3]), S.call('fabs.float', [-2.5]), S.call('fabs.Scalar', [S.float(-2)])],
});
