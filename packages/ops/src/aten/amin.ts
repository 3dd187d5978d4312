import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { outImpl, sameAsInput, withOuts } from '../groups/outs.js';
import { checkNonEmpty, evenlyDistribute, reduceDims, reduceMeta, reducesAll, reduceWith } from '../groups/reduce.js';
import { reduceSamples } from '../groups/reduce-samples.js';

export const amin = defineOp({
  schemas: [
    'aten::amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor',
    'aten::amin.out(Tensor self, int[1] dim=[], bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: withOuts(
    [''],
    (fn) => ({ 'amin.out': outImpl(fn, ['out'], sameAsInput) }),
    (args, ctx) => {
      const dims = reduceDims(args.dim, args.self.sizes.length);
      checkNonEmpty('amin', args.self, dims, reducesAll(args.dim));
      return reduceWith(ctx, K.amin, args.self, dims, args.keepdim === true, args.self.dtype);
    },
  ),
  meta: reduceMeta((args) => args.self.dtype),
  derivative: (F, { grad, self, result, dim, keepdim }) => ({
    self: evenlyDistribute(F, grad, self, result, dim, keepdim === true),
  }),
  samples: (S) => [
    ...reduceSamples(S, {
      all: 'amin',
      dim: 'amin',
      emptyReduces: false,
      dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'float16'],
    }),
    S.call('amin', [S.of([1, Number.NaN, 3, 2, 5, 4], [2, 3]), [1]]),
    S.call('amin', [S.of([1, 3, 3, 2, 2, 0], [2, 3]), [1]]),
    S.error(
      'amin',
      [S.randn([0, 3])],
      "amin(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
    ),
    S.error('amin', [S.randn([0, 3]), [0]], 'amin(): Expected reduction dim 0 to have non-zero size.'),
    S.call('amin.out', [S.randn([3, 4]), [1]], { out: S.randn([3]) }),
    S.error(
      'amin.out',
      [S.randn([3, 4]), [1]],
      "Expected the dtype for input and out to match, but got Float for input's dtype and Double for out's dtype.",
      {
        out: S.t([3], { dtype: 'float64' }),
      },
    ),
  ],
});
