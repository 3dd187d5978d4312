import { defineOp } from '../core/define-op.js';
import { checkMv, mvCompute, productDtype } from '../groups/matmul.js';

export const mv = defineOp({
  schemas: [
    'aten::mv(Tensor self, Tensor vec) -> Tensor',
    'aten::mv.out(Tensor self, Tensor vec, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => mvCompute(ctx, args.self, args.vec),
  meta: (args) => {
    checkMv(args.self, args.vec);
    return { sizes: [args.self.sizes[0]], dtype: productDtype(args.self, args.vec) };
  },
  derivative: (F, { grad, self, vec }) => ({
    self: F.outer(grad, vec),
    vec: F.mv(F.t(self), grad),
  }),
  samples: (S) => [
    S.call('mv', [S.randn([2, 3]), S.randn([3])]),
    S.call('mv', [S.randn([3, 4], 'transposed'), S.randn([4], 'strided')]),
    S.call('mv', [S.randn([4, 2], 'offset'), S.expand(S.randn([1]), [2])]),
    S.call('mv', [S.t([2, 3], { dtype: 'float64' }), S.t([3], { dtype: 'float64' })]),
    S.call('mv', [S.ints([3, 2]), S.ints([2])]),
    S.call('mv', [S.randn([0, 3]), S.randn([3])]),
    S.call('mv', [S.randn([2, 0]), S.randn([0])]),
    S.call('mv.out', [S.randn([2, 3]), S.randn([3])], { out: S.randn([2]) }),
    S.error('mv', [S.randn([2, 3]), S.randn([4])], 'size mismatch, got 2, 2x3,4'),
    S.error('mv', [S.randn([2, 3]), S.randn([3, 1])], 'vector + matrix @ vector expected, got 1, 2, 2'),
    S.error('mv', [S.randn([3]), S.randn([3])], 'vector + matrix @ vector expected, got 1, 1, 1'),
  ],
});
