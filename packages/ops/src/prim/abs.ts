import { defineOp } from '../core/define-op.js';
import { scalarAbs } from '../groups/py-math.js';

/** abs(x) as TorchScript compiles the builtin. */
export const abs = defineOp({
  schemas: [
    'prim::abs.int(int a) -> int',
    'prim::abs.float(float a) -> float',
    'prim::abs.Scalar(Scalar a) -> Scalar',
    'prim::abs(Tensor x) -> Tensor',
  ],
  impl: { int: scalarAbs, float: scalarAbs, Scalar: scalarAbs, '': (args, ctx) => ctx.F.abs(args.x) },
  derivative: { '': (F, { grad, x }) => ({ x: F.mul(grad, F.sgn(x)) }) },
  samples: (S) => [
    S.call('prim::abs.int', [-3]),
    S.call('prim::abs.float', [-2.5]),
    S.call('prim::abs.Scalar', [-4]),
    S.call('prim::abs.Scalar', [S.float(-4)]),
    S.call('prim::abs', [S.randn([2, 3])]),
  ],
});
