import { defineOp } from '../core/define-op.js';

/** TorchScript's `not b` on a bool. */
export const __not__ = defineOp({
  schemas: ['aten::__not__(bool self) -> bool'],
  impl: (args) => !args.self,
  nondifferentiable: 'bool output',
  samples: (S) => [S.call('__not__', [true]), S.call('__not__', [false])],
});
