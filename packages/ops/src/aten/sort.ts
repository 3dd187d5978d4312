import * as K from '@tsjit/kernels';
import { type DerivativeRule, defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext } from '../core/tensor-like.js';
import { listSort } from '../groups/lists.js';
import { functionalMeta, outImpl, strictDtype } from '../groups/outs.js';
import { oneDim, selectedBackward } from '../groups/reduce.js';

/** Sorted values and their int64 indices; the kernel's sort is stable, which PyTorch's CPU sort also is. */
export function sortImpl(args: OpArgs, ctx: OpContext) {
  const self = args.self;
  const d = oneDim(args.dim, self.sizes.length);
  const values = ctx.empty(self.sizes, self.dtype);
  const indices = ctx.empty(self.sizes, 'int64');
  K.sort(values, indices, self, d, args.descending === true);
  return [values, indices];
}

function stableSortImpl(args: OpArgs, ctx: OpContext) {
  if (args.stable === null || args.stable === undefined) {
    throw new OpError('sort(): c10::optional<bool> for stable has to have value.');
  }
  return sortImpl(args, ctx);
}

const sortBackward: DerivativeRule = (F, { grads, self, result, dim }) => ({
  self: F.sizes(self).length === 0 ? grads[0] : selectedBackward(F, grads[0], self, dim, result[1], true),
});

export const sort = defineOp({
  schemas: [
    'aten::sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)',
    'aten::sort.stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)',
    'aten::sort.values_stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
    'aten::sort.values(Tensor self, int dim=-1, bool descending=False, *, Tensor(a!) values, Tensor(b!) indices) -> (Tensor(a!) values, Tensor(b!) indices)',
    'aten::sort.int(int[](a!) self, bool reverse=False) -> ()',
    'aten::sort.float(float[](a!) self, bool reverse=False) -> ()',
    'aten::sort.Tensor(Tensor[](a!) self, bool reverse=False) -> ()',
    'aten::sort.bool(bool[](a!) self, bool reverse=False) -> ()',
    'aten::sort.str(str[](a!) self, bool reverse=False) -> ()',
    'aten::sort.any(t[](a!) self, bool reverse=False) -> ()',
  ],
  impl: {
    '': sortImpl,
    'sort.values': outImpl(sortImpl, ['values', 'indices'], strictDtype),
    'sort.values_stable': outImpl(stableSortImpl, ['values', 'indices'], strictDtype),
    stable: stableSortImpl,
    'sort.int': listSort,
    'sort.float': listSort,
    'sort.Tensor': listSort,
    'sort.bool': listSort,
    'sort.str': listSort,
    'sort.any': listSort,
  },
  meta: functionalMeta(['', 'stable'], (args) => [
    { sizes: args.self.sizes, dtype: args.self.dtype },
    { sizes: args.self.sizes, dtype: 'int64' },
  ]),
  derivative: {
    '': sortBackward,
    stable: sortBackward,
  },
  samples: (S) => {
    const nan = Number.NaN;
    const ties = () => S.of([3, 1, 2, 1, 0, 5, 4, 5, 2, 2, 2, 2], [3, 4]);
    return [
      S.call('sort', [S.randn([3, 4])]),
      S.call('sort', [S.randn([3, 4]), 0]),
      S.call('sort', [S.randn([3, 4]), -2, true]),
      S.call('sort', [S.randn([2, 3, 4], 'transposed'), 1]),
      S.call('sort', [S.randn([3, 4], 'strided')]),
      S.call('sort', [S.randn([6], 'offset'), 0, true]),
      S.call('sort', [S.expand(S.randn([4]), [3, 4]), 0]),
      S.call('sort', [S.randn([])]),
      S.call('sort', [S.randn([0, 3])]),
      S.call('sort', [S.randn([0, 3]), 0]),
      S.call('sort', [S.randn([40])]),
      S.call('sort', [ties()]),
      S.call('sort', [ties(), 1, true]),
      S.call('sort', [S.of([1, nan, -2, nan, 0])]),
      S.call('sort', [S.of([1, nan, -2, nan, 0]), 0, true]),
      S.call('sort', [S.ints([3, 4])]),
      S.call('sort', [S.ints([3, 4], -5, 5, 'int32'), 0, true]),
      S.call('sort', [S.t([3, 4], { dtype: 'uint8' })]),
      S.call('sort', [S.bools([3, 4])]),
      S.call('sort', [S.t([3, 4], { dtype: 'float64' })]),
      S.call('sort', [S.t([3, 4], { dtype: 'float16' })]),
      S.call('sort.stable', [ties()], { stable: true }),
      S.call('sort.stable', [ties()], { stable: true, dim: 0, descending: true }),
      S.call('sort.stable', [ties()], { stable: false, descending: true }),
      S.error('sort.stable', [ties()], 'for stable has to have value', { stable: null }),
      S.error('sort', [S.randn([2, 3]), 2], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
      S.call('sort.values', [S.randn([3, 4]), 1], { values: S.randn([3, 4]), indices: S.ints([3, 4]) }),
      S.call('sort.values_stable', [ties()], { stable: true, values: S.randn([0]), indices: S.ints([0]) }),
      S.error('sort.values', [S.randn([3])], 'Expected out tensor to have dtype float, but got double instead', {
        values: S.t([3], { dtype: 'float64' }),
        indices: S.ints([3]),
      }),
      S.error('sort.values', [S.randn([3])], 'Expected out tensor to have dtype long int, but got int instead', {
        values: S.randn([3]),
        indices: S.ints([3], -5, 5, 'int32'),
      }),
      // list.sort() in TorchScript: PyTorch sorts a copy when called from Python, so the goldens
      // check the result (None); reductions.test.ts checks the sorted lists.
      S.call('sort.int', [[3, 1, 2]]),
      S.call('sort.float', [[S.float(2.5), S.float(-1)], true]),
      S.call('sort.bool', [[true, false]]),
      S.call('sort.str', [['b', 'a', 'C']]),
      S.call('sort.Tensor', [[S.randn([]), S.randn([]), S.ints([])], true]),
    ];
  },
});
