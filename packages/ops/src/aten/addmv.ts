import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { addScaled, batchedProduct, checkMv, productDtype, viaFloat } from '../groups/matmul.js';

export const addmv = defineOp({
  schemas: [
    'aten::addmv(Tensor self, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor',
    'aten::addmv.out(Tensor self, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::addmv_(Tensor(a!) self, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const self = args.self as TensorLike;
    const { mat, vec } = args;
    // self broadcasts to [n] when it has one element.
    const n = mat.sizes.length === 2 ? mat.sizes[0] : 0;
    const selfDim = self.sizes.length === 0 ? 1 : self.sizes.length;
    const selfSize = self.sizes.length === 0 || (self.sizes.length === 1 && self.sizes[0] === 1) ? n : self.sizes[0];
    checkMv(mat, vec, selfDim, selfSize);
    const dtype = productDtype(mat, vec);
    if (self.dtype !== dtype) throw new OpError(`expected scalar type ${dtype} but found ${self.dtype}`);
    return viaFloat(ctx, dtype, [self, mat, vec], ([s, m, v]) => {
      const col = ctx.view(v, [v.sizes[0], 1], [v.strides[0], 1], v.offset);
      const p = batchedProduct(ctx, m, col);
      const flat = ctx.view(p, [p.sizes[0]], [1], p.offset);
      return addScaled(ctx, s, flat, scalarToNumber(args.beta), scalarToNumber(args.alpha));
    });
  },
  derivative: (F, { grad, self, mat, vec, beta, alpha }) => ({
    self: F.sumTo(beta === 1 ? grad : F.mul(grad, beta), F.sizes(self)),
    mat: alpha === 1 ? F.outer(grad, vec) : F.mul(F.outer(grad, vec), alpha),
    vec: alpha === 1 ? F.mv(F.t(mat), grad) : F.mul(F.mv(F.t(mat), grad), alpha),
  }),
  samples: (S) => [
    S.call('addmv', [S.randn([2]), S.randn([2, 3]), S.randn([3])]),
    S.call('addmv', [S.randn([1]), S.randn([3, 2], 'transposed'), S.randn([2], 'strided')]),
    S.call('addmv', [S.randn([]), S.randn([2, 3]), S.randn([3])], { beta: S.float(0.5), alpha: 2 }),
    S.call('addmv', [S.of([Number.NaN, 1]), S.randn([2, 3]), S.randn([3])], { beta: 0 }),
    S.call('addmv', [S.ints([2]), S.ints([2, 3]), S.ints([3])], { beta: 2 }),
    S.call('addmv', [S.randn([2]), S.randn([2, 0]), S.randn([0])]),
    S.call('addmv_', [S.randn([2]), S.randn([2, 3]), S.randn([3])], { alpha: -1 }),
    S.call('addmv.out', [S.randn([2]), S.randn([2, 3]), S.randn([3])], { out: S.randn([2]) }),
    S.error('addmv', [S.randn([2]), S.randn([2, 3]), S.randn([4])], 'size mismatch, got 2, 2x3,4'),
    S.error(
      'addmv',
      [S.randn([2]), S.randn([2, 3]), S.randn([3, 1])],
      'vector + matrix @ vector expected, got 1, 2, 2',
    ),
  ],
});
