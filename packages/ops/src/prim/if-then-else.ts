import { defineOp } from '../core/define-op.js';

/** `x if cond else y` with both sides evaluated. */
export const IfThenElse = defineOp({
  schemas: ['prim::IfThenElse(bool cond, Any(a) x, Any(b) y) -> Any(b|a)'],
  impl: ({ cond, x, y }) => (cond ? x : y),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::IfThenElse', [true, 1, 2]), S.call('prim::IfThenElse', [false, 'a', 'b'])],
});
