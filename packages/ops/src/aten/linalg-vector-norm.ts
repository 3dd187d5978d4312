import { defineOp } from '../core/define-op.js';
import { toDtype } from '../core/dtypes.js';
import type { OpArgs } from '../core/tensor-like.js';
import { normBackward, pOf, vectorNormCompute } from '../groups/norms.js';
import { reduceMeta } from '../groups/reduce.js';
import { CODE } from '../groups/reduce-samples.js';

export const linalgVectorNorm = defineOp({
  schemas: [
    'aten::linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
    'aten::linalg_vector_norm.out(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args: OpArgs, ctx) =>
    vectorNormCompute(ctx, args.self, pOf(args.ord), args.dim, args.keepdim === true, args.dtype),
  meta: reduceMeta((args) => (args.dtype != null ? toDtype(args.dtype) : args.self.dtype)),
  derivative: (F, { grad, self, ord, result, dim, keepdim }) => ({
    self: normBackward(F, grad, self, pOf(ord), result, dim, keepdim === true),
  }),
  samples: (S) => {
    const inf = Number.POSITIVE_INFINITY;
    const x = () => S.randn([3, 4]);
    return [
      S.call('linalg_vector_norm', [x()]),
      S.call('linalg_vector_norm', [S.randn([3, 4], 'transposed'), 1, [0]]),
      S.call('linalg_vector_norm', [S.randn([2, 3], 'strided'), 0, [-1], true]),
      S.call('linalg_vector_norm', [S.randn([5], 'offset'), 3]),
      S.call('linalg_vector_norm', [x(), inf, [1]]),
      S.call('linalg_vector_norm', [x(), -inf]),
      S.call('linalg_vector_norm', [x(), S.float(0.5), [0, 1], true]),
      S.call('linalg_vector_norm', [S.randn([2, 3, 4]), S.float(2.5), [2, 0]]),
      S.call('linalg_vector_norm', [S.randn([])]),
      S.call('linalg_vector_norm', [S.randn([]), 1, [0]]),
      S.call('linalg_vector_norm', [S.randn([0, 3])]),
      S.call('linalg_vector_norm', [S.randn([0, 3]), S.float(0.5)]),
      S.call('linalg_vector_norm', [S.randn([0, 3]), inf, [1]]),
      S.call('linalg_vector_norm', [S.expand(S.randn([3]), [2, 3]), 2, [0]]),
      S.call('linalg_vector_norm', [S.t([2, 3], { dtype: 'float64' })]),
      S.call('linalg_vector_norm', [S.t([2, 3], { dtype: 'float16' })]),
      S.call('linalg_vector_norm', [x(), 2, null, false], { dtype: CODE.float64 }),
      S.error(
        'linalg_vector_norm',
        [S.ints([3])],
        'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long',
      ),
      S.error(
        'linalg_vector_norm',
        [S.t([3], { dtype: 'float64' })],
        'linalg.vector_norm: the dtype of the input (Double) should be convertible without narrowing to the specified dtype (Float)',
        { dtype: CODE.float32 },
      ),
      S.error(
        'linalg_vector_norm',
        [S.randn([0, 3]), inf],
        'linalg.vector_norm cannot compute the inf norm on an empty tensor',
      ),
      S.error('linalg_vector_norm', [S.randn([0, 3]), -1], 'cannot compute the -1 norm on an empty tensor'),
      S.error('linalg_vector_norm', [S.randn([0, 3]), -2, [0]], 'cannot compute the -2 norm on the dimension 0'),
      S.call('linalg_vector_norm.out', [x(), 2, [1]], { out: S.randn([3]) }),
    ];
  },
});
