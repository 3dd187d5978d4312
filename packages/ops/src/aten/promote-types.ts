import { defineOp } from '../core/define-op.js';
import { dtypeToCode, promoteTypes as promote, toDtype } from '../core/dtypes.js';

/** torch.promote_types (ScalarTypes are their codes in TorchScript). */
export const promoteTypes = defineOp({
  schemas: ['aten::promote_types(ScalarType type1, ScalarType type2) -> ScalarType'],
  impl: ({ type1, type2 }) => dtypeToCode(promote(toDtype(type1), toDtype(type2))),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.call('promote_types', [4, 6]), S.call('promote_types', [0, 1]), S.call('promote_types', [11, 11])],
});
