import { defineOp } from '../core/define-op.js';
import { bmmCompute, checkBmm, productDtype } from '../groups/matmul.js';

export const bmm = defineOp({
  schemas: [
    'aten::bmm(Tensor self, Tensor mat2) -> Tensor',
    'aten::bmm.out(Tensor self, Tensor mat2, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => bmmCompute(ctx, args.self, args.mat2),
  meta: (args) => {
    checkBmm(args.self, args.mat2);
    return {
      sizes: [args.self.sizes[0], args.self.sizes[1], args.mat2.sizes[2]],
      dtype: productDtype(args.self, args.mat2),
    };
  },
  derivative: (F, { grad, self, mat2 }) => ({
    self: F.bmm(grad, F.transpose(mat2, 1, 2)),
    mat2: F.bmm(F.transpose(self, 1, 2), grad),
  }),
  samples: (S) => [
    S.call('bmm', [S.randn([2, 2, 3]), S.randn([2, 3, 4])]),
    S.call('bmm', [S.randn([2, 3, 2], 'transposed'), S.randn([2, 2, 3], 'strided')]),
    S.call('bmm', [S.randn([3, 2, 2], 'offset'), S.expand(S.randn([1, 2, 3]), [3, 2, 3])]),
    S.call('bmm', [S.t([2, 2, 3], { dtype: 'float64' }), S.t([2, 3, 2], { dtype: 'float64' })]),
    S.call('bmm', [S.ints([2, 2, 3]), S.ints([2, 3, 2])]),
    S.call('bmm', [S.randn([0, 2, 3]), S.randn([0, 3, 2])]),
    S.call('bmm', [S.randn([2, 2, 0]), S.randn([2, 0, 3])]),
    S.call('bmm.out', [S.randn([2, 2, 3]), S.randn([2, 3, 4])], { out: S.randn([2, 2, 4]) }),
    S.error('bmm', [S.randn([2, 3]), S.randn([3, 4])], 'batch1 must be a 3D tensor'),
    S.error('bmm', [S.randn([2, 2, 3]), S.randn([3, 4])], 'batch2 must be a 3D tensor'),
    S.error(
      'bmm',
      [S.randn([2, 2, 3]), S.randn([3, 3, 4])],
      'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].',
    ),
    S.error(
      'bmm',
      [S.randn([2, 2, 3]), S.t([2, 3, 4], { dtype: 'float64' })],
      'expected scalar type Float but found Double',
    ),
  ],
});
