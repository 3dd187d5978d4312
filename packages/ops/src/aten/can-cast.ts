import { defineOp } from '../core/define-op.js';
import { canCast as canCastTo, toDtype } from '../core/dtypes.js';

/** torch.can_cast. */
export const canCast = defineOp({
  schemas: ['aten::can_cast(ScalarType from, ScalarType to) -> bool'],
  impl: (args) => canCastTo(toDtype(args.from), toDtype(args.to)),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('can_cast', [6, 4]), S.call('can_cast', [4, 6]), S.call('can_cast', [11, 0])],
});
