import { defineOp } from '../core/define-op.js';
import { UNINITIALIZED } from '../groups/py-values.js';

/** The placeholder value of a variable that is not yet assigned on every path (never read). */
export const Uninitialized = defineOp({
  schemas: ['prim::Uninitialized() -> Any'],
  impl: () => UNINITIALIZED,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::Uninitialized', [], undefined, { check: 'meta' })],
});
