import { defineOp } from '../core/define-op.js';
import { canCast as canCastTo, toDtype } from '../core/dtypes.js';

/** torch.can_cast. */
export const canCast = defineOp({
  schemas: ['aten::can_cast(ScalarType from, ScalarType to) -> bool'],
  impl: (args) => canCastTo(toDtype(args.from), toDtype(args.to)),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('can_cast', ['float32', 'int64']),
    S.call('can_cast', ['int64', 'float32']),
    S.call('can_cast', ['bool', 'uint8']),
  ],
});
