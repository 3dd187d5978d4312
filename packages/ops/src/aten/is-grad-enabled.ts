import { defineOp } from '../core/define-op.js';

/** torch.is_grad_enabled(), from the runtime's grad mode (enabled without one). */
export const isGradEnabled = defineOp({
  schemas: ['aten::is_grad_enabled() -> bool'],
  impl: (_args, ctx) => ctx.isGradEnabled?.() ?? true,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('is_grad_enabled', [])],
});
