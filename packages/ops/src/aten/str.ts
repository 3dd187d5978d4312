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
    S.call('str', [1e20]),
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
  ],
});
