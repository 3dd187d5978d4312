import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import { addProduct, checkBmm, productDtype, viaFloat } from '../groups/matmul.js';

export const baddbmm = defineOp({
  schemas: [
    'aten::baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor',
    'aten::baddbmm.out(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::baddbmm_(Tensor(a!) self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const { self, batch1, batch2 } = args;
    checkBmm(batch1, batch2);
    const dtype = productDtype(batch1, batch2);
    if (self.dtype !== dtype) throw new OpError('self and batch2 must have the same dtype');
    return viaFloat(ctx, dtype, [self, batch1, batch2], ([s, a, b]) =>
      addProduct(ctx, s, a, b, scalarToNumber(args.beta), scalarToNumber(args.alpha)),
    );
  },
  derivative: (F, { grad, self, batch1, batch2, beta, alpha }) => ({
    self: F.sumTo(beta === 1 ? grad : F.mul(grad, beta), F.sizes(self)),
    batch1: alpha === 1 ? F.bmm(grad, F.transpose(batch2, 1, 2)) : F.mul(F.bmm(grad, F.transpose(batch2, 1, 2)), alpha),
    batch2: alpha === 1 ? F.bmm(F.transpose(batch1, 1, 2), grad) : F.mul(F.bmm(F.transpose(batch1, 1, 2), grad), alpha),
  }),
  samples: (S) => [
    S.call('baddbmm', [S.randn([2, 2, 4]), S.randn([2, 2, 3]), S.randn([2, 3, 4])]),
    S.call('baddbmm', [S.randn([4]), S.randn([2, 3, 2], 'transposed'), S.randn([2, 2, 4])]),
    S.call('baddbmm', [S.randn([2, 1]), S.randn([3, 2, 3]), S.randn([3, 3, 2], 'strided')], {
      beta: S.float(0.5),
      alpha: 2,
    }),
    S.call('baddbmm', [S.of([Number.NaN, 1]), S.randn([2, 2, 3]), S.randn([2, 3, 2])], { beta: 0 }),
    S.call('baddbmm', [S.ints([2, 2, 2]), S.ints([2, 2, 3]), S.ints([2, 3, 2])], { alpha: 3 }),
    S.call('baddbmm', [S.randn([0, 2, 2]), S.randn([0, 2, 3]), S.randn([0, 3, 2])]),
    S.call('baddbmm_', [S.randn([2, 2, 4]), S.randn([2, 2, 3]), S.randn([2, 3, 4])], { beta: 2 }),
    S.call('baddbmm.out', [S.randn([4]), S.randn([2, 2, 3]), S.randn([2, 3, 4])], { out: S.randn([2, 2, 4]) }),
    S.error(
      'baddbmm',
      [S.randn([2, 4]), S.randn([3, 2, 3]), S.randn([3, 2, 4])],
      'Expected size for first two dimensions of batch2 tensor to be: [3, 3] but got: [3, 2].',
    ),
  ],
});
