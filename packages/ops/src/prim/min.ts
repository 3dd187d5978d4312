import { defineOp } from '../core/define-op.js';
import { listExtreme, listPairExtreme } from '../groups/py-lists.js';
import { scalarExtreme } from '../groups/py-math.js';

/** `min(a, b)` and `min(list)` as TorchScript compiles the builtin. */
export const min = defineOp({
  schemas: [
    'prim::min.int(int a, int b) -> int',
    'prim::min.float(float a, float b) -> float',
    'prim::min.int_float(int a, float b) -> float',
    'prim::min.float_int(float a, int b) -> float',
    'prim::min(Scalar a, Scalar b) -> Scalar',
    'prim::min.int_list(int[] l, int[] r) -> int[]',
    'prim::min.self_int(int[] self) -> int',
    'prim::min.float_list(float[] l, float[] r) -> float[]',
    'prim::min.self_float(float[] self) -> float',
    'prim::min.bool_list(bool[] l, bool[] r) -> bool[]',
    'prim::min.self_bool(bool[] self) -> bool',
  ],
  impl: {
    int: scalarExtreme('min'),
    float: scalarExtreme('min'),
    int_float: scalarExtreme('min'),
    float_int: scalarExtreme('min'),
    '': scalarExtreme('min'),
    int_list: listPairExtreme('min'),
    self_int: listExtreme('min'),
    float_list: listPairExtreme('min'),
    self_float: listExtreme('min'),
    bool_list: listPairExtreme('min'),
    self_bool: listExtreme('min'),
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('prim::min.int', [3, -2]),
    S.call('prim::min.float', [2.5, -1.5]),
    S.call('prim::min.float', [2.5, Number.NaN]),
    S.call('prim::min.float', [Number.NaN, 2.5]),
    S.call('prim::min.int_float', [1, 1.5]),
    S.call('prim::min.float_int', [1.5, 1]),
    S.call('prim::min', [1, 2.5]),
    S.call('prim::min', [3, 2]),
    S.call('prim::min.int_list', [
      [1, 2],
      [1, 3],
    ]),
    S.call('prim::min.int_list', [[1, 2], [1]]),
    S.call('prim::min.self_int', [[3, 1, 2]]),
    S.error('prim::min.self_int', [[]], 'min() arg is an empty sequence'),
    S.call('prim::min.float_list', [[1.5], [0.5, 2.5]]),
    S.call('prim::min.self_float', [[S.float(1), 2.5, -0.5]]),
    S.call('prim::min.bool_list', [[true], [false, true]]),
    S.call('prim::min.self_bool', [[true, false]]),
  ],
});
