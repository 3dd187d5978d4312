import { defineOp } from '../core/define-op.js';
import { floatMath1 } from '../groups/py-math.js';

export const degrees = defineOp({
  schemas: [
    'aten::degrees.int(int a) -> float',
    'aten::degrees.float(float a) -> float',
    'aten::degrees.Scalar(Scalar a) -> Scalar',
  ],
  impl: floatMath1((x) => (x * 180) / Math.PI),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('degrees.int', [1]), S.call('degrees.float', [Math.PI]), S.call('degrees.Scalar', [0.5])],
});
