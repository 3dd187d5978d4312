import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { listAll } from '../groups/lists.js';
import { boolOut, functionalMeta, outImpl, withOuts } from '../groups/outs.js';
import { reduceDims, reduceMeta, reduceWith } from '../groups/reduce.js';
import { reduceSamples } from '../groups/reduce-samples.js';

export const all = defineOp({
  schemas: [
    'aten::all(Tensor self) -> Tensor',
    'aten::all.dim(Tensor self, int dim, bool keepdim=False) -> Tensor',
    'aten::all.out(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::all.all_out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::all.int(int[] self) -> bool',
    'aten::all.float(float[] self) -> bool',
    'aten::all.bool(bool[] self) -> bool',
  ],
  impl: withOuts(
    ['', 'dim'],
    (fn) => ({
      'all.out': outImpl(fn, ['out'], boolOut('all')),
      'all.all_out': outImpl(fn, ['out'], boolOut('all')),
      'all.int': listAll,
      'all.float': listAll,
      'all.bool': listAll,
    }),
    (args, ctx) => {
      const self = args.self;
      // uint8 inputs keep uint8 (PyTorch's legacy behaviour), everything else gives bool.
      const dtype = self.dtype === 'uint8' ? 'uint8' : 'bool';
      const dims = reduceDims(args.dim === undefined ? null : [args.dim], self.sizes.length);
      return reduceWith(ctx, K.all, self, dims, args.keepdim === true, dtype);
    },
  ),
  meta: functionalMeta(
    ['', 'dim'],
    reduceMeta((args) => (args.self.dtype === 'uint8' ? 'uint8' : 'bool')),
  ),
  nondifferentiable: 'boolean output',
  samples: (S) => [
    ...reduceSamples(S, {
      all: 'all',
      dim: 'all.dim',
      intDim: true,
      dtypes: ['float64', 'int64', 'bool', 'uint8'],
      low: -1,
      high: 2,
    }),
    S.call('all', [S.bools([2, 3])]),
    S.call('all.dim', [S.of([1, 1, 1, 1, 0, 1], [2, 3], 'bool'), 1]),
    S.call('all.dim', [S.of([0, Number.NaN, 0, 0], [2, 2]), 1]),
    S.call('all.out', [S.bools([3, 4]), 1], { out: S.bools([3]) }),
    S.call('all.all_out', [S.bools([3, 4])], { out: S.bools([]) }),
    S.call('all.all_out', [S.t([3, 4], { dtype: 'uint8', low: 0, high: 2 })], { out: S.t([], { dtype: 'uint8' }) }),
    S.error('all.all_out', [S.randn([3, 4])], 'all only supports bool tensor for result, got: Long', {
      out: S.ints([]),
    }),
    S.error('all.out', [S.randn([3, 4]), 0], 'all only supports bool tensor for result, got: Float', {
      out: S.randn([4]),
    }),
    // The list overloads (Python's all() in TorchScript).
    S.call('all.int', [[1, 0, 3]]),
    S.call('all.int', [[]]),
    S.call('all.float', [[S.float(1), S.float(-0.5)]]),
    S.call('all.bool', [[true, true]]),
  ],
});
