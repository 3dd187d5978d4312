import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';

/** torch.jit._unwrap_optional(x): x, which must not be None. */
export const _unwrapOptional = defineOp({
  schemas: ['aten::_unwrap_optional(t(a)? optional) -> t(a)'],
  impl: ({ optional }) => {
    if (optional === null || optional === undefined) throw new OpError('Unwrapping null optional');
    return optional;
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('_unwrap_optional', [3]),
    S.call('_unwrap_optional', ['a']),
    S.error('_unwrap_optional', [null], 'Unwrapping null optional'),
  ],
});
