import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { addScaled, batchedProduct, flattenLeading, productDtype, viaFloat } from '../groups/matmul.js';

// sum_b batch1[b] @ batch2[b] is one product: batch1 as [n, B*k] (batch moved inside) @ batch2 as [B*k, m].
export const addbmm = defineOp({
  schemas: [
    'aten::addbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor',
    'aten::addbmm.out(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)',
    'aten::addbmm_(Tensor(a!) self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const self = args.self as TensorLike;
    const b1 = args.batch1 as TensorLike;
    const b2 = args.batch2 as TensorLike;
    if (b1.sizes.length !== 3) throw new OpError('batch1 must be a 3D tensor');
    if (b2.sizes.length !== 3) throw new OpError('batch2 must be a 3D tensor');
    if (b1.sizes[0] !== b2.sizes[0]) {
      throw new OpError(`batch1 and batch2 must have same number of batches, got ${b1.sizes[0]} and ${b2.sizes[0]}`);
    }
    if (b1.sizes[2] !== b2.sizes[1]) {
      throw new OpError(
        `Incompatible matrix sizes for bmm (${b1.sizes[1]}x${b1.sizes[2]} and ${b2.sizes[1]}x${b2.sizes[2]})`,
      );
    }
    const dtype = productDtype(b1, b2);
    if (self.dtype !== dtype) throw new OpError('self and batch2 must have the same dtype');
    const [B, n, k] = b1.sizes;
    const m = b2.sizes[2];
    return viaFloat(ctx, dtype, [self, b1, b2], ([s, x, y]) => {
      const moved = ctx.view(x, [n, B, k], [x.strides[1], x.strides[0], x.strides[2]], x.offset);
      const packed = ctx.empty([n, B, k], x.dtype);
      K.copy(packed, moved);
      const a = ctx.view(packed, [n, B * k], [B * k, 1], packed.offset);
      const b = flattenLeading(ctx, y, 2);
      const p = B === 0 ? ctx.empty([n, m], x.dtype) : batchedProduct(ctx, a, b);
      return addScaled(ctx, s, p, scalarToNumber(args.beta), scalarToNumber(args.alpha));
    });
  },
  derivative: (F, { grad, self, batch1, batch2, beta, alpha }) => {
    const [B, n] = F.sizes(batch1) as number[];
    const m = (F.sizes(batch2) as number[])[2];
    const g = F.expand(F.unsqueeze(grad, 0), [B, n, m]);
    const g1 = F.bmm(g, F.transpose(batch2, 1, 2));
    const g2 = F.bmm(F.transpose(batch1, 1, 2), g);
    return {
      self: F.sumTo(beta === 1 ? grad : F.mul(grad, beta), F.sizes(self)),
      batch1: alpha === 1 ? g1 : F.mul(g1, alpha),
      batch2: alpha === 1 ? g2 : F.mul(g2, alpha),
    };
  },
  samples: (S) => [
    S.call('addbmm', [S.randn([2, 4]), S.randn([3, 2, 3]), S.randn([3, 3, 4])]),
    S.call('addbmm', [S.randn([4]), S.randn([2, 3, 2], 'transposed'), S.randn([2, 2, 4], 'strided')]),
    S.call('addbmm', [S.randn([]), S.randn([2, 2, 3], 'offset'), S.randn([2, 3, 2])], { beta: S.float(0.5), alpha: 2 }),
    S.call('addbmm', [S.of([Number.NaN, 1]), S.randn([2, 2, 3]), S.randn([2, 3, 2])], { beta: 0 }),
    S.call('addbmm', [S.ints([2, 2]), S.ints([2, 2, 3]), S.ints([2, 3, 2])]),
    S.call('addbmm', [S.randn([2, 2]), S.randn([0, 2, 3]), S.randn([0, 3, 2])]),
    S.call('addbmm_', [S.randn([2, 4]), S.randn([3, 2, 3]), S.randn([3, 3, 4])], { alpha: 2 }),
    S.call('addbmm.out', [S.randn([4]), S.randn([3, 2, 3]), S.randn([3, 3, 4])], { out: S.randn([2, 4]) }),
    S.error(
      'addbmm',
      [S.randn([2, 4]), S.randn([3, 2, 3]), S.randn([2, 3, 4])],
      'batch1 and batch2 must have same number of batches, got 3 and 2',
    ),
    S.error(
      'addbmm',
      [S.randn([2, 4]), S.randn([3, 2, 3]), S.randn([3, 2, 4])],
      'Incompatible matrix sizes for bmm (2x3 and 2x4)',
    ),
  ],
});
