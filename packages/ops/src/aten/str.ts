import { defineOp } from '../core/define-op.js';
import { ivalueString, PyDevice, tuple } from '../groups/py-values.js';

/** `str(x)`: TorchScript prints values as C++ IValue printing does (`str(1.0) == "1."`). */
export const str = defineOp({
  schemas: ['aten::str(t elem) -> str'],
  impl: (args, ctx) => ivalueString(ctx, args.elem),
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('str', [1]),
    S.call('str', [S.float(1)]),
    S.call('str', [0.1]),
    S.call('str', [S.float(1e20)]),
    S.call('str', [-2.5e-7]),
    S.call('str', [S.float(-0)]),
    S.call('str', [true]),
    S.call('str', [null]),
    S.call('str', ['abc']),
    S.call('str', [[S.float(1), 2.5]]),
    S.call('str', [['a', 'b']]),
    S.call('str', [[[1, 2], []]]),
    S.call('str', [tuple([1, 'a'])]),
    S.call('str', [tuple([1])]),
    S.call('str', [
      new Map<unknown, unknown>([
        ['a', S.float(1)],
        ['b', 2.5],
      ]),
    ]),
    S.call('str', [new PyDevice('cpu')]),
    S.call('str', [S.of([1.5, 2, 3, 4], [2, 2])]),
    S.call('str', [S.of([1, 2], [2], 'int64')]),
    S.call('str', [S.of([2.5], [])]),
    S.call('str', [S.of([1.5, -2, 1000.25], [3])]),
    S.call('str', [S.of([1e-5, 1], [2])]),
    S.call('str', [S.of([123456, 2.5], [2])]),
    S.call('str', [S.of([0.001, 0.0025], [2])]),
    S.call('str', [S.of([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2])]),
    S.call('str', [S.of([1, 2, 3, 4, 5, 6, 7, 8.5], [2, 1, 2, 2], 'float64')]),
    S.call('str', [S.of([Number.NaN, Number.POSITIVE_INFINITY, 1.5], [3])]),
    S.call('str', [S.of([1234567890123, 1], [2], 'int64')]),
    S.call('str', [S.of([123456789, -1], [2], 'int64')]),
    S.call('str', [S.of([true, false], [2], 'bool')]),
    S.call('str', [S.t([0])]),
    S.call('str', [S.t([2, 0])]),
    S.call('str', [S.of([-1.5, -20.25], [2])]),
    S.call('str', [S.of([3], [], 'int64')]),
    S.call('str', [
      S.of(
        Array.from({ length: 24 }, (_, i) => i + 0.5),
        [2, 12],
      ),
    ]),
    S.call('str', [S.of([1e20, 1], [2], 'float64')]),
  ],
});
