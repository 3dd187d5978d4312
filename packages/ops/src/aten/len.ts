import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { dictLen } from '../groups/py-dicts.js';
import { listLen } from '../groups/py-lists.js';
import { strLen } from '../groups/py-strings.js';
import { querySamples } from '../groups/query-samples.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

export const len = defineOp({
  schemas: [
    'aten::len.Tensor(Tensor t) -> int',
    'aten::len.t(t[] a) -> int',
    'aten::len.str(str s) -> int',
    'aten::len.Dict_str(Dict(str, t) self) -> int',
    'aten::len.Dict_int(Dict(int, t) self) -> int',
    'aten::len.Dict_bool(Dict(bool, t) self) -> int',
    'aten::len.Dict_float(Dict(float, t) self) -> int',
    'aten::len.Dict_Tensor(Dict(Tensor, t) self) -> int',
    'aten::len.any(Any[] a) -> int',
  ],
  impl: withBuiltins(
    ({ t }) => {
      if (t.sizes.length === 0) throw new OpError('len() of a 0-d tensor', 'TypeError');
      return t.sizes[0];
    },
    {
      'len.t': listLen,
      'len.any': listLen,
      'len.str': strLen,
      'len.Dict_str': dictLen,
      'len.Dict_int': dictLen,
      'len.Dict_bool': dictLen,
      'len.Dict_float': dictLen,
      'len.Dict_Tensor': dictLen,
    },
  ),
  nondifferentiable: 'returns a size',
  samples: withBuiltinSamples(
    (S) => [...querySamples(S, 'len.Tensor'), S.error('len.Tensor', [S.randn([])], 'len() of a 0-d tensor')],
    (S) => [
      S.call('len.t', [[1, 2, 3]]),
      S.call('len.t', [[]]),
      S.call('len.any', [[1, 'a']]),
      S.call('len.str', ['abcd']),
      S.call('len.str', ['']),
      S.call('len.Dict_str', [new Map<unknown, unknown>([['a', 1]])]),
      S.call('len.Dict_int', [new Map<unknown, unknown>()]),
      S.call('len.Dict_bool', [
        new Map<unknown, unknown>([
          [true, 1],
          [false, 2],
        ]),
      ]),
      S.call('len.Dict_float', [new Map<unknown, unknown>([[1.5, 1]])]),
      S.call('len.Dict_Tensor', [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
      ]),
    ],
  ),
});
