import { defineOp } from '../core/define-op.js';

/** An Optional known not to be None (not checked). */
export const uncheckedUnwrapOptional = defineOp({
  schemas: ['prim::unchecked_unwrap_optional(t(a)? optional) -> t(a)'],
  impl: ({ optional }) => optional,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('prim::unchecked_unwrap_optional', [3]), S.call('prim::unchecked_unwrap_optional', [null])],
});
