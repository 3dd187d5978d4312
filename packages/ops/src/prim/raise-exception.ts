import { defineOp } from '../core/define-op.js';
import { ScriptException } from '../groups/script-exception.js';

/** `raise Cls(msg)` in TorchScript. */
export const RaiseException = defineOp({
  schemas: ['prim::RaiseException(str msg, str? cls=None) -> ()'],
  impl: ({ msg, cls }) => {
    throw new ScriptException(msg, cls ?? null);
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.error('prim::RaiseException', ['boom', 'builtins.ValueError'], 'boom'),
    S.error('prim::RaiseException', ['plain'], 'plain'),
  ],
});
