import { defineOp } from '../core/define-op.js';
import { dtypeToCode, resultType as resultDtype } from '../core/dtypes.js';

/** torch.result_type (the ScalarType code). */
export const resultType = defineOp({
  schemas: [
    'aten::result_type.Tensor(Tensor tensor, Tensor other) -> ScalarType',
    'aten::result_type.Scalar(Tensor tensor, Scalar other) -> ScalarType',
    'aten::result_type.Scalar_Tensor(Scalar scalar, Tensor tensor) -> ScalarType',
    'aten::result_type.Scalar_Scalar(Scalar scalar1, Scalar scalar2) -> ScalarType',
  ],
  impl: (args, _ctx, o) => dtypeToCode(resultDtype(o.names.map((n) => args[n]))),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('result_type.Tensor', [S.t([2], { dtype: 'int32' }), S.t([], { dtype: 'float64' })]),
    S.call('result_type.Scalar', [S.t([2], { dtype: 'int32' }), 2.5]),
    S.call('result_type.Scalar', [S.t([2], { dtype: 'uint8' }), 300]),
    S.call('result_type.Scalar_Tensor', [true, S.t([2], { dtype: 'int8' })]),
    S.call('result_type.Scalar_Scalar', [1, 2.5]),
  ],
});
