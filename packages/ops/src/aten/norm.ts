import { defineOp } from '../core/define-op.js';
import type { OpArgs, OpContext } from '../core/tensor-like.js';
import { normBackward, normCompute, normDtype, pOf } from '../groups/norms.js';
import { reduceDims, reduceMeta } from '../groups/reduce.js';
import { CODE } from '../groups/reduce-samples.js';

function normImpl(args: OpArgs, ctx: OpContext) {
  const dtype = normDtype(args.self, args.dtype);
  const dims = reduceDims(args.dim ?? null, args.self.sizes.length);
  return normCompute(ctx, args.self, pOf(args.p), dims, args.keepdim === true, dtype);
}

export const norm = defineOp({
  schemas: [
    'aten::norm.Scalar(Tensor self, Scalar p=2) -> Tensor',
    'aten::norm.ScalarOpt_dim(Tensor self, Scalar? p, int[1] dim, bool keepdim=False) -> Tensor',
    'aten::norm.ScalarOpt_dim_dtype(Tensor self, Scalar? p, int[1] dim, bool keepdim, *, ScalarType dtype) -> Tensor',
    'aten::norm.dtype_out(Tensor self, Scalar? p, int[1] dim, bool keepdim, *, ScalarType dtype, Tensor(a!) out) -> Tensor(a!)',
    'aten::norm.out(Tensor self, Scalar? p, int[1] dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::norm.ScalarOpt_dtype(Tensor self, Scalar? p, *, ScalarType dtype) -> Tensor',
    'aten::norm.ScalarOpt_dtype_out(Tensor self, Scalar? p, *, ScalarType dtype, Tensor(a!) out) -> Tensor(a!)',
    'aten::norm.Scalar_out(Tensor self, Scalar p=2, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: normImpl,
  meta: reduceMeta((args) => normDtype(args.self, args.dtype)),
  derivative: (F, { grad, self, p, result, dim, keepdim }) => ({
    self: normBackward(F, grad, self, pOf(p), result, dim ?? null, keepdim === true),
  }),
  samples: (S) => {
    const inf = Number.POSITIVE_INFINITY;
    const x = () => S.randn([3, 4]);
    return [
      S.call('norm.Scalar', [x()]),
      S.call('norm.Scalar', [S.randn([3, 4], 'transposed'), 1]),
      S.call('norm.Scalar', [S.randn([2, 3], 'strided'), 0]),
      S.call('norm.Scalar', [S.randn([5], 'offset'), 3]),
      S.call('norm.Scalar', [x(), inf]),
      S.call('norm.Scalar', [x(), -inf]),
      S.call('norm.Scalar', [x(), S.float(0.5)]),
      S.call('norm.Scalar', [x(), S.float(-1.5)]),
      S.call('norm.Scalar', [S.randn([])]),
      S.call('norm.Scalar', [S.randn([0, 3])]),
      S.call('norm.Scalar', [S.randn([0, 3]), inf]),
      S.call('norm.Scalar', [S.expand(S.randn([3]), [2, 3])]),
      S.call('norm.Scalar', [S.t([2, 3], { dtype: 'float64' })]),
      S.call('norm.Scalar', [S.t([2, 3], { dtype: 'float16' })]),
      S.call('norm.Scalar', [S.t([2, 3], { dtype: 'bfloat16' })]),
      S.call('norm.Scalar', [S.of([0, 0, 0])]),
      S.call('norm.ScalarOpt_dim', [x(), null, [1]]),
      S.call('norm.ScalarOpt_dim', [x(), 1, [-1], true]),
      S.call('norm.ScalarOpt_dim', [S.randn([2, 3, 4], 'transposed'), 3, [0, 2]]),
      S.call('norm.ScalarOpt_dim', [x(), inf, [0]]),
      S.call('norm.ScalarOpt_dim', [x(), 0, [1], true]),
      S.call('norm.ScalarOpt_dim', [x(), 2, []]),
      S.call('norm.ScalarOpt_dim', [S.randn([]), 2, [0]]),
      S.call('norm.ScalarOpt_dim', [S.randn([0, 3]), 2, [0]]),
      S.call('norm.ScalarOpt_dim', [S.randn([0, 3]), -1, [1]]),
      S.call('norm.ScalarOpt_dim_dtype', [x(), 2, [1], false], { dtype: CODE.float64 }),
      S.call('norm.ScalarOpt_dim_dtype', [S.ints([3, 4]), 2, [0], true], { dtype: CODE.float32 }),
      S.call('norm.ScalarOpt_dtype', [S.t([3, 4], { dtype: 'float64' }), 3], { dtype: CODE.float32 }),
      S.call('norm.ScalarOpt_dtype', [S.ints([3, 4]), null], { dtype: CODE.float64 }),
      S.error(
        'norm.Scalar',
        [S.ints([3])],
        'norm(): input dtype should be either floating point or complex. Got Long instead.',
      ),
      S.error(
        'norm.ScalarOpt_dtype',
        [x(), 2],
        'norm(): the desired output dtype should be either floating point or complex. Got Long instead.',
        { dtype: CODE.int64 },
      ),
      S.error(
        'norm.ScalarOpt_dim',
        [x(), 2, [2]],
        'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
      ),
      S.error('norm.ScalarOpt_dim', [x(), 2, [1, 1]], 'dim 1 appears multiple times in the list of dims'),
      S.call('norm.out', [x(), 2, [1]], { out: S.randn([3]) }),
      S.call('norm.dtype_out', [x(), 2, [1], false], { dtype: CODE.float64, out: S.t([3], { dtype: 'float64' }) }),
      S.call('norm.ScalarOpt_dtype_out', [x(), 1], { dtype: CODE.float32, out: S.randn([0]) }),
      S.call('norm.Scalar_out', [x(), 2], { out: S.randn([]) }),
    ];
  },
});
