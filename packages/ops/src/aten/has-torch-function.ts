import { defineOp } from '../core/define-op.js';

/** `torch.overrides.has_torch_function(...)` inside TorchScript: never (no __torch_function__ here). */
export const hasTorchFunction = defineOp({
  schemas: ['aten::has_torch_function(...) -> bool'],
  impl: () => false,
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('has_torch_function', [1, 'a']), S.call('has_torch_function', [])],
});
