import { defineOp } from '../core/define-op.js';
import { floatFromScalar, floatFromString, floatFromTensor } from '../groups/py-convert.js';

/** `float(x)`. */
export const Float = defineOp({
  schemas: [
    'aten::Float.Tensor(Tensor a) -> float',
    'aten::Float.Scalar(Scalar a) -> float',
    'aten::Float.int(int a) -> float',
    'aten::Float.bool(bool a) -> float',
    'aten::Float.str(str a) -> float',
  ],
  impl: {
    Tensor: floatFromTensor,
    Scalar: floatFromScalar,
    int: floatFromScalar,
    bool: floatFromScalar,
    str: floatFromString,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('Float.Tensor', [S.of([2], [1], 'int64')]),
    S.call('Float.Tensor', [S.of([0.5], [])]),
    S.call('Float.Scalar', [3]),
    S.call('Float.Scalar', [2.5]),
    S.call('Float.int', [-4]),
    S.call('Float.bool', [true]),
    S.call('Float.str', [' 1e3']),
    S.call('Float.str', ['inf']),
    S.call('Float.str', ['-2.5']),
    S.call('Float.str', ['0x1p3']),
    S.error('Float.str', ['1e3 '], "could not convert string to float: '1e3 '"),
    S.error('Float.str', ['abc'], 'stod'),
  ],
});
