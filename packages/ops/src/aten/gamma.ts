import { defineOp } from '../core/define-op.js';
import { floatMath1, tgamma } from '../groups/py-math.js';

export const gamma = defineOp({
  schemas: [
    'aten::gamma.int(int a) -> float',
    'aten::gamma.float(float a) -> float',
    'aten::gamma.Scalar(Scalar a) -> Scalar',
  ],
  impl: floatMath1((x, ctx) => tgamma(ctx, x)),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('gamma.int', [5]),
    S.call('gamma.float', [0.5]),
    S.call('gamma.float', [-1.5]),
    S.call('gamma.float', [-2.5]),
    S.call('gamma.Scalar', [S.float(3)]),
    S.call('gamma.float', [S.float(0)]),
    S.call('gamma.float', [S.float(-2)]),
  ],
});
