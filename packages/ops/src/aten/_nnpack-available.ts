import { defineOp } from '../core/define-op.js';

/** tsjit has no NNPACK. */
export const _nnpackAvailable = defineOp({
  schemas: ['aten::_nnpack_available() -> bool'],
  impl: () => false,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('_nnpack_available', [])],
});
