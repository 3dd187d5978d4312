import { defineOp } from '../core/define-op.js';
import { dtypeToCode, promoteTypes as promote, toDtype } from '../core/dtypes.js';

/** torch.promote_types (ScalarTypes as their codes). */
export const promoteTypes = defineOp({
  schemas: ['aten::promote_types(ScalarType type1, ScalarType type2) -> ScalarType'],
  impl: ({ type1, type2 }) => dtypeToCode(promote(toDtype(type1), toDtype(type2))),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('promote_types', ['int64', 'float32']),
    S.call('promote_types', ['uint8', 'int8']),
    S.call('promote_types', ['bool', 'bool']),
  ],
});
