import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { listAny } from '../groups/lists.js';
import { boolOut, functionalMeta, outImpl, withOuts } from '../groups/outs.js';
import { reduceDims, reduceMeta, reduceWith } from '../groups/reduce.js';
import { reduceSamples } from '../groups/reduce-samples.js';

export const any = defineOp({
  schemas: [
    'aten::any.dim(Tensor self, int dim, bool keepdim=False) -> Tensor',
    'aten::any(Tensor self) -> Tensor',
    'aten::any.out(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::any.all_out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::any.str(str[] self) -> bool',
    'aten::any.int(int[] self) -> bool',
    'aten::any.float(float[] self) -> bool',
    'aten::any.bool(bool[] self) -> bool',
  ],
  impl: withOuts(
    ['', 'dim'],
    (fn) => ({
      'any.out': outImpl(fn, ['out'], boolOut('any')),
      'any.all_out': outImpl(fn, ['out'], boolOut('any')),
      'any.str': listAny,
      'any.int': listAny,
      'any.float': listAny,
      'any.bool': listAny,
    }),
    (args, ctx) => {
      const self = args.self;
      // uint8 inputs keep uint8 (PyTorch's legacy behaviour), everything else gives bool.
      const dtype = self.dtype === 'uint8' ? 'uint8' : 'bool';
      const dims = reduceDims(args.dim === undefined ? null : [args.dim], self.sizes.length);
      return reduceWith(ctx, K.any, self, dims, args.keepdim === true, dtype);
    },
  ),
  meta: functionalMeta(
    ['', 'dim'],
    reduceMeta((args) => (args.self.dtype === 'uint8' ? 'uint8' : 'bool')),
  ),
  nondifferentiable: 'boolean output',
  samples: (S) => [
    ...reduceSamples(S, {
      all: 'any',
      dim: 'any.dim',
      intDim: true,
      dtypes: ['float64', 'int64', 'bool', 'uint8'],
      low: -1,
      high: 2,
    }),
    S.call('any', [S.bools([2, 3])]),
    S.call('any.dim', [S.of([0, 0, 0, 1, 0, 0], [2, 3], 'bool'), 1]),
    S.call('any.dim', [S.of([0, Number.NaN, 0, 0], [2, 2]), 1]),
    S.call('any.out', [S.bools([3, 4]), 1], { out: S.bools([3]) }),
    S.call('any.all_out', [S.bools([3, 4])], { out: S.bools([]) }),
    S.call('any.all_out', [S.t([3, 4], { dtype: 'uint8', low: 0, high: 2 })], { out: S.t([], { dtype: 'uint8' }) }),
    S.error('any.all_out', [S.randn([3, 4])], 'any only supports bool tensor for result, got: Long', {
      out: S.ints([]),
    }),
    S.error('any.out', [S.randn([3, 4]), 0], 'any only supports bool tensor for result, got: Float', {
      out: S.randn([4]),
    }),
    // The list overloads (Python's any() in TorchScript).
    S.call('any.str', [['', 'a']]),
    S.call('any.str', [[]]),
    S.call('any.int', [[0, 0, 3]]),
    S.call('any.float', [[S.float(0), S.float(-0.5)]]),
    S.call('any.bool', [[false, false]]),
  ],
});
