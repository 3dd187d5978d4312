import { defineOp } from '../core/define-op.js';

/** torch.set_grad_enabled(val) in the runtime's grad mode (nothing to switch without autograd). */
export const setGradEnabled = defineOp({
  schemas: ['aten::set_grad_enabled(bool val) -> ()'],
  impl: ({ val }, ctx) => {
    ctx.setGradEnabled?.(val);
    return null;
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('set_grad_enabled', [true])],
});
