import { defineOp } from '../core/define-op.js';

/** torch.jit.is_scripting(): true inside TorchScript. */
export const isScripting = defineOp({
  schemas: ['aten::is_scripting() -> bool'],
  impl: () => true,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('is_scripting', [])],
});
