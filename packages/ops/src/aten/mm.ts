import { defineOp } from '../core/define-op.js';
import { checkMm, mmCompute, productDtype } from '../groups/matmul.js';

export const mm = defineOp({
  schemas: [
    'aten::mm(Tensor self, Tensor mat2) -> Tensor',
    'aten::mm.out(Tensor self, Tensor mat2, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => mmCompute(ctx, args.self, args.mat2),
  meta: (args) => {
    checkMm(args.self, args.mat2);
    return { sizes: [args.self.sizes[0], args.mat2.sizes[1]], dtype: productDtype(args.self, args.mat2) };
  },
  derivative: (F, { grad, self, mat2 }) => ({
    self: F.mm(grad, F.t(mat2)),
    mat2: F.mm(F.t(self), grad),
  }),
  samples: (S) => [
    S.call('mm', [S.randn([2, 3]), S.randn([3, 4])]),
    S.call('mm', [S.randn([3, 2], 'transposed'), S.randn([2, 4], 'strided')]),
    S.call('mm', [S.randn([4, 3], 'offset'), S.randn([3, 4], 'transposed')]),
    S.call('mm', [S.t([2, 3], { dtype: 'float64' }), S.t([3, 2], { dtype: 'float64' })]),
    S.call('mm', [S.ints([2, 3]), S.ints([3, 2])]),
    S.call('mm', [S.ints([2, 3], -5, 5, 'int32'), S.ints([3, 2], -5, 5, 'int32')]),
    S.call('mm', [S.t([2, 3], { dtype: 'bfloat16' }), S.t([3, 2], { dtype: 'bfloat16' })], undefined, {
      rtol: 0.02,
      atol: 0.05,
    }),
    S.call('mm', [S.randn([0, 3]), S.randn([3, 2])]),
    S.call('mm', [S.randn([2, 0]), S.randn([0, 3])]),
    S.call('mm', [S.expand(S.randn([1, 3]), [4, 3]), S.randn([3, 2])]),
    S.call('mm', [S.randn([5, 6]), S.randn([6, 7])]),
    S.call('mm.out', [S.randn([2, 3]), S.randn([3, 4])], { out: S.randn([2, 4]) }),
    S.call('mm.out', [S.randn([2, 3]), S.randn([3, 4])], { out: S.randn([0]) }),
    S.error('mm', [S.randn([2, 3]), S.randn([4, 5])], 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'),
    S.error('mm', [S.randn([3]), S.randn([3, 5])], 'self must be a matrix'),
    S.error('mm', [S.randn([2, 3]), S.randn([3])], 'mat2 must be a matrix'),
    S.error('mm', [S.ints([2, 3]), S.randn([3, 2])], 'expected scalar type Long but found Float'),
    S.error('mm', [S.bools([2, 3]), S.bools([3, 2])], `"addmm_impl_cpu_" not implemented for 'Bool'`),
  ],
});
