import { defineOp } from '../core/define-op.js';
import { advancedIndexGet } from '../groups/indexing.js';
import { listIndex } from '../groups/py-lists.js';
import { strIndex } from '../groups/py-strings.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

/** x[i0, None, mask, ...] with index tensors (aten::index.Tensor): PyTorch's advanced indexing. */
export const index = defineOp({
  schemas: [
    'aten::index.Tensor(Tensor self, Tensor?[] indices) -> Tensor',
    'aten::index.Tensor_out(Tensor self, Tensor?[] indices, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::index.Tensor_hacked_twin(Tensor self, Tensor[] indices) -> Tensor',
    'aten::index.str(str self, str substr, int start=0, int end=-1) -> int',
    'aten::index.list_int(int[] self, int el) -> int',
    'aten::index.list_float(float[] self, float el) -> int',
    'aten::index.list_bool(bool[] self, bool el) -> int',
    'aten::index.list_Tensor(Tensor[] self, Tensor el) -> int',
    'aten::index.list_str(str[] self, str el) -> int',
  ],
  impl: withBuiltins(
    {
      Tensor: (args, ctx) => advancedIndexGet(ctx, args.self, args.indices),
      Tensor_hacked_twin: (args, ctx) => advancedIndexGet(ctx, args.self, args.indices),
    },
    {
      'index.str': strIndex,
      'index.list_int': listIndex,
      'index.list_float': listIndex,
      'index.list_bool': listIndex,
      'index.list_Tensor': listIndex,
      'index.list_str': listIndex,
    },
  ),
  derivative: (F, { grad, self, indices }) => ({
    self: F.indexPut(F.zerosLike(self), indices, grad, true),
  }),
  samples: withBuiltinSamples(
    (S) => {
      const ix = (values: number[], sizes: number[] = [values.length]) => S.of(values, sizes, 'int64');
      const mask = (values: boolean[], sizes: number[] = [values.length]) => S.of(values, sizes, 'bool');
      const x = S.randn([3, 4]);
      return [
        S.call('index.Tensor', [x, [ix([2, 0, -1])]]),
        S.call('index.Tensor', [S.randn([3, 4], 'transposed'), [null, ix([3, -4, 1])]]),
        S.call('index.Tensor', [S.randn([3, 4], 'strided'), [ix([0, 2]), ix([1, 3])]]),
        S.call('index.Tensor', [S.randn([3, 4], 'offset'), [ix([[0], [2]].flat(), [2, 1]), ix([1, 3, 0])]]),
        S.call('index.Tensor', [S.randn([2, 3, 4]), [ix([1, 0]), null, ix([3, 2])]]),
        S.call('index.Tensor', [S.randn([2, 3, 4]), [null, ix([1, 0, 2, 2], [2, 2]), ix([3])]]),
        S.call('index.Tensor', [S.randn([2, 3, 4, 2]), [null, ix([1, 0]), null, ix([1, 1])]]),
        S.call('index.Tensor', [S.randn([3, 4]), [mask([true, false, true])]]),
        S.call('index.Tensor', [
          S.randn([3, 4]),
          [mask([true, false, true, true, false, false, true, false, false, true, true, false], [3, 4])],
        ]),
        S.call('index.Tensor', [S.randn([2, 3, 2]), [null, mask([false, true, true])]]),
        S.call('index.Tensor', [S.randn([3, 4]), [S.of([1, 0, 1], [3], 'uint8'), ix([0, 3])]]),
        S.call('index.Tensor', [S.randn([3, 4]), [mask([false, false, false])]]),
        S.call('index.Tensor', [S.randn([3, 4]), [ix([], [0])]]),
        S.call('index.Tensor', [S.randn([0, 4]), [null, ix([1, 2])]]),
        S.call('index.Tensor', [S.randn([3, 4]), [S.of([1], [], 'int64')]]),
        S.call('index.Tensor', [S.randn([3, 4]), [S.of([1], [], 'int64'), S.of([2], [], 'int64')]]),
        S.call('index.Tensor', [S.ints([3, 4]), [ix([1, 1, 2])]]),
        S.call('index.Tensor', [S.t([3, 2], { dtype: 'float16' }), [ix([2, 0])]]),
        S.call('index.Tensor', [S.t([3, 2], { dtype: 'bfloat16' }), [null, ix([1])]]),
        S.call('index.Tensor', [S.t([3, 2], { dtype: 'uint8' }), [ix([0, 0])]]),
        S.call('index.Tensor', [S.bools([3, 4]), [null, ix([0, 2])]]),
        S.call('index.Tensor', [S.t([3, 2], { dtype: 'float64' }), [S.expand(ix([2]), [3])]]),
        S.call('index.Tensor_out', [x, [ix([1, 2])]], { out: S.randn([2, 4]) }),
        S.call('index.Tensor_out', [x, [ix([1, 2])]], { out: S.randn([0]) }),
        S.error('index.Tensor', [x, [ix([5])]], 'index 5 is out of bounds for dimension 0 with size 3'),
        S.error('index.Tensor', [x, [null, ix([-5])]], 'index -5 is out of bounds for dimension 0 with size 4'),
        S.error('index.Tensor', [x, [null, null, ix([0])]], 'too many indices for tensor of dimension 2 (got 3)'),
        S.error(
          'index.Tensor',
          [x, [mask([true, false])]],
          'The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0',
        ),
        S.error(
          'index.Tensor',
          [x, [ix([1, 2]), ix([1, 2, 3])]],
          'shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]',
        ),
        S.error('index.Tensor', [x, [S.of([1, 2])]], 'tensors used as indices must be long, byte or bool tensors'),
        S.error(
          'index.Tensor',
          [x, [S.of([1, 2], [2], 'int32')]],
          'tensors used as indices must be long, byte or bool tensors',
        ),
      ];
    },
    (S) => [
      S.call('index.str', ['abcabc', 'c']),
      S.call('index.str', ['abcabc', 'c', 3]),
      S.error('index.str', ['abc', 'x'], 'substring not found'),
      S.call('index.list_int', [[1, 2, 1], 2]),
      S.error('index.list_int', [[1, 2], 3], "'3' is not in list"),
      S.call('index.list_float', [[S.float(1), 2.5], 2.5]),
      S.call('index.list_bool', [[true, false], false]),
      S.call('index.list_str', [['a', 'b'], 'b']),
      S.call('index.list_Tensor', [[S.of([1]), S.of([2])], S.of([2])]),
    ],
  ),
});
