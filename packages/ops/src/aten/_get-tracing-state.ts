import { defineOp } from '../core/define-op.js';

/** torch._C._get_tracing_state() inside TorchScript: not tracing. */
export const _getTracingState = defineOp({
  schemas: ['aten::_get_tracing_state() -> bool'],
  impl: () => false,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('_get_tracing_state', [])],
});
