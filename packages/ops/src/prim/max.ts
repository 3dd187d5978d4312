import { defineOp } from '../core/define-op.js';
import { listExtreme, listPairExtreme } from '../groups/py-lists.js';
import { scalarExtreme } from '../groups/py-math.js';

/** `max(a, b)` and `max(list)` as TorchScript compiles the builtin. */
export const max = defineOp({
  schemas: [
    'prim::max.int(int a, int b) -> int',
    'prim::max.float(float a, float b) -> float',
    'prim::max.int_float(int a, float b) -> float',
    'prim::max.float_int(float a, int b) -> float',
    'prim::max(Scalar a, Scalar b) -> Scalar',
    'prim::max.int_list(int[] l, int[] r) -> int[]',
    'prim::max.self_int(int[] self) -> int',
    'prim::max.float_list(float[] l, float[] r) -> float[]',
    'prim::max.self_float(float[] self) -> float',
    'prim::max.bool_list(bool[] l, bool[] r) -> bool[]',
    'prim::max.self_bool(bool[] self) -> bool',
  ],
  impl: {
    int: scalarExtreme('max'),
    float: scalarExtreme('max'),
    int_float: scalarExtreme('max'),
    float_int: scalarExtreme('max'),
    '': scalarExtreme('max'),
    int_list: listPairExtreme('max'),
    self_int: listExtreme('max'),
    float_list: listPairExtreme('max'),
    self_float: listExtreme('max'),
    bool_list: listPairExtreme('max'),
    self_bool: listExtreme('max'),
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('prim::max.int', [3, -2]),
    S.call('prim::max.float', [2.5, -1.5]),
    S.call('prim::max.float', [2.5, Number.NaN]),
    S.call('prim::max.float', [Number.NaN, 2.5]),
    S.call('prim::max.int_float', [1, 1.5]),
    S.call('prim::max.float_int', [1.5, 1]),
    S.call('prim::max', [1, 2.5]),
    S.call('prim::max', [3, 2]),
    S.call('prim::max.int_list', [
      [1, 2],
      [1, 3],
    ]),
    S.call('prim::max.int_list', [[1, 2], [1]]),
    S.call('prim::max.self_int', [[3, 1, 2]]),
    S.error('prim::max.self_int', [[]], 'max() arg is an empty sequence'),
    S.call('prim::max.float_list', [[1.5], [0.5, 2.5]]),
    S.call('prim::max.self_float', [[S.float(1), 2.5, -0.5]]),
    S.call('prim::max.bool_list', [[true], [false, true]]),
    S.call('prim::max.self_bool', [[true, false]]),
  ],
});
