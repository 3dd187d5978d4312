import { defineOp } from '../core/define-op.js';

/** tsjit has no autocast. */
export const isAutocastCpuEnabled = defineOp({
  schemas: ['aten::is_autocast_cpu_enabled() -> bool'],
  impl: () => false,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('is_autocast_cpu_enabled', [])],
});
