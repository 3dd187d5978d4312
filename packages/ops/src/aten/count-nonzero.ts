import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { functionalMeta, outImpl, withOuts } from '../groups/outs.js';
import { reduceDims, reducedSizes } from '../groups/reduce.js';
import { reduceSamples } from '../groups/reduce-samples.js';

export const countNonzero = defineOp({
  schemas: [
    // int? first: overload resolution takes a single int for int[] too, PyTorch's parser does not.
    'aten::count_nonzero(Tensor self, int? dim=None) -> Tensor',
    'aten::count_nonzero.out(Tensor self, int? dim=None, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::count_nonzero.dim_IntList(Tensor self, int[] dim) -> Tensor',
    'aten::count_nonzero.dim_IntList_out(Tensor self, int[] dim, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts(
    ['', 'dim_IntList'],
    (fn) => ({
      'count_nonzero.out': outImpl(fn, ['out']),
      'count_nonzero.dim_IntList_out': outImpl(fn, ['out']),
    }),
    (args, ctx) => {
      const self = args.self;
      const dims = reduceDims(args.dim === null || Array.isArray(args.dim) ? args.dim : [args.dim], self.sizes.length);
      const out = ctx.empty(reducedSizes(self.sizes, dims, false), 'int64');
      K.countNonzero(out, self, self.sizes.length === 0 ? null : dims);
      return out;
    },
  ),
  meta: functionalMeta(['', 'dim_IntList'], (args) => {
    const dims = reduceDims(args.dim, args.self.sizes.length);
    return { sizes: reducedSizes(args.self.sizes, dims, false), dtype: 'int64' };
  }),
  nondifferentiable: 'integer output (a count)',
  samples: (S) => [
    ...reduceSamples(S, { all: 'count_nonzero', low: -1, high: 2, dtypes: ['float64', 'int64', 'bool', 'uint8'] }),
    S.call('count_nonzero', [S.ints([3, 4], -1, 2), 1]),
    S.call('count_nonzero', [S.ints([3, 4], -1, 2, 'int32'), -2]),
    S.call('count_nonzero', [S.t([0, 3]), 0]),
    S.call('count_nonzero', [S.t([]), 0]),
    S.call('count_nonzero.dim_IntList', [S.ints([2, 3, 4], -1, 2), [0, 2]]),
    S.call('count_nonzero.dim_IntList', [S.t([2, 3, 4], { layout: 'transposed', low: -1, high: 1 }), [-1]]),
    S.call('count_nonzero.dim_IntList', [S.bools([2, 3]), []]),
    S.call('count_nonzero.dim_IntList', [S.ints([0, 3]), [1]]),
    S.error('count_nonzero.dim_IntList', [S.ints([2, 3]), [1, 1]], 'dim 1 appears multiple times in the list of dims'),
    S.error(
      'count_nonzero',
      [S.ints([2, 3]), 2],
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    ),
    S.call('count_nonzero.out', [S.ints([3, 4], -1, 2), 1], { out: S.ints([3]) }),
    S.call('count_nonzero.out', [S.ints([3, 4], -1, 2), 1], { out: S.ints([3], -5, 5, 'int32') }),
    S.call('count_nonzero.dim_IntList_out', [S.ints([3, 4], -1, 2), [0, 1]], { out: S.ints([]) }),
  ],
});
