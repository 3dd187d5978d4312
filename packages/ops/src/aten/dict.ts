import { defineOp } from '../core/define-op.js';
import { dictCopy, dictFromPairs, emptyDict } from '../groups/py-dicts.js';
import { tuple } from '../groups/py-values.js';

/** `dict(...)`: an empty dict, a copy, or a dict from (key, value) pairs. */
export const dict = defineOp({
  schemas: [
    'aten::dict() -> Dict(str, Tensor)',
    'aten::dict.str((str, tVal)[] inputs) -> Dict(str, tVal)',
    'aten::dict.Dict_str(Dict(str, t)(a) self) -> Dict(str, t)',
    'aten::dict.int((int, tVal)[] inputs) -> Dict(int, tVal)',
    'aten::dict.Dict_int(Dict(int, t)(a) self) -> Dict(int, t)',
    'aten::dict.bool((bool, tVal)[] inputs) -> Dict(bool, tVal)',
    'aten::dict.Dict_bool(Dict(bool, t)(a) self) -> Dict(bool, t)',
    'aten::dict.float((float, tVal)[] inputs) -> Dict(float, tVal)',
    'aten::dict.Dict_float(Dict(float, t)(a) self) -> Dict(float, t)',
    'aten::dict.Tensor((Tensor, tVal)[] inputs) -> Dict(Tensor, tVal)',
    'aten::dict.Dict_Tensor(Dict(Tensor, t)(a) self) -> Dict(Tensor, t)',
  ],
  impl: {
    '': emptyDict,
    str: dictFromPairs,
    Dict_str: dictCopy,
    int: dictFromPairs,
    Dict_int: dictCopy,
    bool: dictFromPairs,
    Dict_bool: dictCopy,
    float: dictFromPairs,
    Dict_float: dictCopy,
    Tensor: dictFromPairs,
    Dict_Tensor: dictCopy,
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [
    S.call('dict', []),
    S.call('dict.str', [[tuple(['a', 1]), tuple(['b', 2]), tuple(['a', 3])]]),
    S.call('dict.Dict_str', [new Map<unknown, unknown>([['a', 1]])]),
    S.call('dict.int', [[tuple([1, 'x'])]]),
    S.call('dict.Dict_int', [new Map<unknown, unknown>([[1, 'x']])]),
    S.call('dict.bool', [[tuple([true, 'x'])]]),
    S.call('dict.Dict_bool', [new Map<unknown, unknown>([[false, 'x']])]),
    S.call('dict.float', [[tuple([S.float(1), 'x']), tuple([0.5, 'y'])]]),
    S.call('dict.Dict_float', [new Map<unknown, unknown>([[0.5, 'x']])]),
    S.call('dict.Tensor', [[tuple([S.of([1]), 1]), tuple([S.of([2]), 2])]]),
    S.call('dict.Dict_Tensor', [
      new Map<unknown, unknown>([
        [S.of([1, 2]), 'a'],
        [S.of([3], [], 'int64'), 'b'],
      ]),
    ]),
  ],
});
