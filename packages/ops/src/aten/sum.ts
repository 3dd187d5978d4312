import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { toDtype } from '../core/helpers.js';
import { listSum } from '../groups/lists.js';
import { accumulateOutImpl, functionalMeta, outImpl, withOuts } from '../groups/outs.js';
import { accumulateDtype, expandReduced, reduceDims, reduceMeta, reduceWith } from '../groups/reduce.js';
import { CODE, reduceSamples } from '../groups/reduce-samples.js';

export const sum = defineOp({
  schemas: [
    'aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
    'aten::sum(Tensor self, *, ScalarType? dtype=None) -> Tensor',
    'aten::sum.IntList_out(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::sum.out(Tensor self, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
    'aten::sum.int(int[] self) -> int',
    'aten::sum.float(float[] self) -> float',
    'aten::sum.bool(bool[] self) -> int',
  ],
  impl: withOuts(
    ['', 'dim_IntList'],
    (fn) => ({
      'sum.IntList_out': accumulateOutImpl(fn),
      'sum.out': outImpl(fn, ['out']),
      'sum.int': listSum(false),
      'sum.float': listSum(true),
      'sum.bool': listSum(false),
    }),
    (args, ctx) => {
      const dtype = accumulateDtype(args.self, args.dtype);
      // An explicit dtype converts the input before summing, as PyTorch does.
      const x = args.dtype != null ? toDtype(ctx, args.self, dtype) : args.self;
      return reduceWith(ctx, K.sum, x, reduceDims(args.dim, x.sizes.length), args.keepdim === true, dtype);
    },
  ),
  meta: functionalMeta(
    ['', 'dim_IntList'],
    reduceMeta((args) => accumulateDtype(args.self, args.dtype)),
  ),
  derivative: {
    '': (F, { grad, self }) => ({ self: expandReduced(F, grad, self, null, false) }),
    dim_IntList: (F, { grad, self, dim, keepdim }) => ({ self: expandReduced(F, grad, self, dim, keepdim === true) }),
  },
  samples: (S) => [
    ...reduceSamples(S, {
      all: 'sum',
      dim: 'sum.dim_IntList',
      dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'int8', 'float16'],
    }),
    S.call('sum.dim_IntList', [S.randn([2, 3]), null]),
    S.call('sum.dim_IntList', [S.randn([2, 3]), null, true]),
    S.call('sum', [S.ints([2, 3], -5, 5, 'int32')], { dtype: CODE.float64 }),
    S.call('sum', [S.randn([2, 3])], { dtype: CODE.int64 }),
    S.call('sum.dim_IntList', [S.bools([3, 4]), [1]], { dtype: CODE.int32 }),
    S.call('sum.dim_IntList', [S.randn([3, 4]), [0], true], { dtype: CODE.float64 }),
    S.call('sum.IntList_out', [S.randn([3, 4]), [1]], { out: S.randn([3]) }),
    S.call('sum.IntList_out', [S.randn([3, 4]), [0], true], { out: S.randn([0]) }),
    S.call('sum.out', [S.ints([3, 4])], { out: S.ints([]) }),
    S.call('sum.out', [S.of([1.75, 1.75, -2.5])], { out: S.ints([]) }),
    S.call('sum.IntList_out', [S.ints([3, 4]), [1]], { out: S.t([3], { dtype: 'float64' }) }),
    // The dim overload computes in out's dtype (converting the input first); the plain one casts the sum.
    S.call('sum.IntList_out', [S.of([1.75, 1.75, -2.5]), [0]], { out: S.ints([]) }),
    S.call('sum.out', [S.of([1.75, 1.75, -2.5])], { dtype: CODE.float64, out: S.randn([]) }),
    S.error('sum.IntList_out', [S.randn([3]), [0]], 'Expected out tensor to have dtype double, but got float instead', {
      dtype: CODE.float64,
      out: S.randn([]),
    }),
    S.call('sum.out', [S.randn([3, 4])], { dtype: CODE.float64, out: S.t([], { dtype: 'float64' }) }),
    // The list overloads (Python's sum() in TorchScript).
    S.call('sum.int', [[1, -2, 30]]),
    S.call('sum.int', [[]]),
    S.call('sum.float', [[S.float(1.5), S.float(2), S.float(-0.25)]]),
    S.call('sum.bool', [[true, false, true]]),
  ],
});
