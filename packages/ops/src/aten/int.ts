import { defineOp } from '../core/define-op.js';
import { intFromScalar, intFromString, intFromTensor } from '../groups/py-convert.js';

/** `int(x)`. */
export const Int = defineOp({
  schemas: [
    'aten::Int.Tensor(Tensor a) -> int',
    'aten::Int.bool(bool a) -> int',
    'aten::Int.float(float a) -> int',
    'aten::Int.Scalar(Scalar a) -> int',
    'aten::Int.str(str a) -> int',
  ],
  impl: { Tensor: intFromTensor, bool: intFromScalar, float: intFromScalar, Scalar: intFromScalar, str: intFromString },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('Int.Tensor', [S.of([1.7], [1])]),
    S.call('Int.Tensor', [S.of([-3], [], 'int64')]),
    S.error('Int.Tensor', [S.of([1, 2])], 'a Tensor with 2 elements cannot be converted to Scalar'),
    S.call('Int.bool', [true]),
    S.call('Int.float', [S.float(-2.7)]),
    S.call('Int.float', [2.7]),
    S.call('Int.float', [1e30]),
    S.call('Int.Scalar', [S.float(3.9)]),
    S.call('Int.Scalar', [5]),
    S.call('Int.str', [' 12']),
    S.call('Int.str', ['-0']),
    S.error('Int.str', ['12 '], "invalid literal for int() with base 10: '12 '"),
    S.error('Int.str', ['1.5'], "invalid literal for int() with base 10: '1.5'"),
    S.error('Int.str', ['abc'], 'stoll'),
  ],
});
