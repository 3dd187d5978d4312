import { defineOp } from '../core/define-op.js';
import { broadcastShapes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import {
  batchedProduct,
  dotCompute,
  flattenLeading,
  mmCompute,
  mvCompute,
  productDtype,
  viaFloat,
} from '../groups/matmul.js';

const mT = (ctx: OpContext, t: TensorLike): TensorLike => {
  const n = t.sizes.length;
  if (n < 2) return t;
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  [sizes[n - 2], sizes[n - 1]] = [sizes[n - 1], sizes[n - 2]];
  [strides[n - 2], strides[n - 1]] = [strides[n - 1], strides[n - 2]];
  return ctx.view(t, sizes, strides, t.offset);
};

/**
 * torch.matmul as PyTorch 1.13 dispatches it: dot, mv, mm; an n-d operand times a 1-d/2-d one
 * folds the batch into the rows of one mm/mv (transposed when the n-d operand is on the right);
 * otherwise a broadcast batched product.
 */
export function matmulCompute(ctx: OpContext, a: TensorLike, b: TensorLike): TensorLike {
  const da = a.sizes.length;
  const db = b.sizes.length;
  if (da === 0 || db === 0) {
    throw new OpError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  }
  if (da === 1 && db === 1) return dotCompute(ctx, a, b, 'dot');
  if (da === 2 && db === 1) return mvCompute(ctx, a, b);
  if (da === 1 && db === 2) {
    const row = ctx.view(a, [1, a.sizes[0]], [0, a.strides[0]], a.offset);
    const r = mmCompute(ctx, row, b);
    return ctx.view(r, [r.sizes[1]], [r.strides[1]], r.offset);
  }
  if (da === 2 && db === 2) return mmCompute(ctx, a, b);
  if (da >= 3 && db <= 2) {
    const batch = a.sizes.slice(0, -1);
    const folded = flattenLeading(ctx, a, da - 1);
    if (db === 1) {
      const r = mvCompute(ctx, folded, b);
      return ctx.view(r, batch, contiguousOf(batch), r.offset);
    }
    const r = mmCompute(ctx, folded, b);
    const sizes = [...batch, b.sizes[1]];
    return ctx.view(r, sizes, contiguousOf(sizes), r.offset);
  }
  if (db >= 3 && da <= 2) {
    // (b^T @ a^T)^T with b^T's batch folded into rows.
    const bt = mT(ctx, b);
    const batch = bt.sizes.slice(0, -1);
    const folded = flattenLeading(ctx, bt, db - 1);
    if (da === 1) {
      const r = mvCompute(ctx, folded, a);
      return ctx.view(r, batch, contiguousOf(batch), r.offset);
    }
    const r = mmCompute(ctx, folded, mT(ctx, a));
    const sizes = [...batch, a.sizes[0]];
    return mT(ctx, ctx.view(r, sizes, contiguousOf(sizes), r.offset));
  }
  // Both at least 2-d and one at least 3-d: broadcast batched product.
  const dtype = productDtype(a, b);
  const batch = broadcastShapes(a.sizes.slice(0, -2), b.sizes.slice(0, -2));
  const k = a.sizes[da - 1];
  if (b.sizes[db - 2] !== k) {
    const B = numel(batch);
    throw new OpError(
      `Expected size for first two dimensions of batch2 tensor to be: [${B}, ${k}] but got: [${B}, ${b.sizes[db - 2]}].`,
    );
  }
  return viaFloat(ctx, dtype, [a, b], ([x, y]) => batchedProduct(ctx, x, y));
}

function contiguousOf(sizes: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(sizes[i], 1);
  }
  return strides;
}

export const matmul = defineOp({
  schemas: [
    'aten::matmul(Tensor self, Tensor other) -> Tensor',
    'aten::matmul.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => matmulCompute(ctx, args.self, args.other),
  // 1-d operands become matrices ([1, k] on the left, [k, 1] on the right); the gradient of the
  // matrix form is reduced over broadcast batch dims and reshaped back.
  derivative: (F, { grad, self, other }) => {
    const sa = F.sizes(self) as number[];
    const sb = F.sizes(other) as number[];
    const a = sa.length === 1 ? F.unsqueeze(self, 0) : self;
    const b = sb.length === 1 ? F.unsqueeze(other, 1) : other;
    let g = grad;
    if (sa.length === 1) g = F.unsqueeze(g, sb.length === 1 ? 0 : -2);
    if (sb.length === 1) g = F.unsqueeze(g, -1);
    const ga = F.sumTo(F.matmul(g, F.transpose(b, -1, -2)), F.sizes(a));
    const gb = F.sumTo(F.matmul(F.transpose(a, -1, -2), g), F.sizes(b));
    return { self: F.reshape(ga, sa), other: F.reshape(gb, sb) };
  },
  samples: (S) => [
    S.call('matmul', [S.randn([3]), S.randn([3])]),
    S.call('matmul', [S.randn([2, 3]), S.randn([3])]),
    S.call('matmul', [S.randn([3]), S.randn([3, 4])]),
    S.call('matmul', [S.randn([2, 3]), S.randn([3, 4])]),
    S.call('matmul', [S.randn([2, 2, 3]), S.randn([3])]),
    S.call('matmul', [S.randn([2, 2, 3]), S.randn([3, 4])]),
    S.call('matmul', [S.randn([3]), S.randn([2, 3, 4])]),
    S.call('matmul', [S.randn([2, 3]), S.randn([2, 3, 4])]),
    S.call('matmul', [S.randn([2, 2, 3]), S.randn([2, 3, 4])]),
    S.call('matmul', [S.randn([2, 1, 2, 3]), S.randn([3, 3, 2])]),
    S.call('matmul', [S.randn([3, 2, 2], 'transposed'), S.randn([2, 3], 'strided')]),
    S.call('matmul', [S.randn([2, 3, 2], 'strided'), S.randn([2, 2, 3], 'transposed')]),
    S.call('matmul', [S.expand(S.randn([1, 2, 3]), [3, 2, 3]), S.randn([3, 3, 1], 'offset')]),
    S.call('matmul', [S.t([2, 2, 3], { dtype: 'float64' }), S.t([3, 2], { dtype: 'float64' })]),
    S.call('matmul', [S.ints([2, 3]), S.ints([3, 2])]),
    S.call('matmul', [S.ints([2, 2, 3], -5, 5, 'int32'), S.ints([3], -5, 5, 'int32')]),
    S.call('matmul', [S.randn([0, 2, 3]), S.randn([3, 4])]),
    S.call('matmul', [S.randn([2, 0]), S.randn([0, 3])]),
    S.call('matmul.out', [S.randn([2, 3]), S.randn([3, 4])], { out: S.randn([2, 4]) }),
    S.call('matmul.out', [S.randn([2, 2, 3]), S.randn([3])], { out: S.randn([1]) }),
    S.error('matmul', [S.randn([2, 3]), S.randn([4, 5])], 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'),
    S.error('matmul', [S.randn([3]), S.randn([4, 5])], 'mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)'),
    S.error('matmul', [S.randn([2, 3]), S.randn([4])], 'size mismatch, got 2, 2x3,4'),
    S.error('matmul', [S.randn([2, 2, 3]), S.randn([4, 5])], 'mat1 and mat2 shapes cannot be multiplied (4x3 and 4x5)'),
    S.error(
      'matmul',
      [S.randn([2, 3]), S.randn([2, 4, 5])],
      'mat1 and mat2 shapes cannot be multiplied (10x4 and 3x2)',
    ),
    S.error(
      'matmul',
      [S.randn([2, 2, 3]), S.randn([2, 4, 5])],
      'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].',
    ),
    S.error(
      'matmul',
      [S.randn([2, 2, 3]), S.randn([3, 3, 5])],
      'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
    ),
    S.error(
      'matmul',
      [S.randn([]), S.randn([4])],
      'both arguments to matmul need to be at least 1D, but they are 0D and 1D',
    ),
    S.error(
      'matmul',
      [S.randn([2, 3]), S.t([3, 4], { dtype: 'float64' })],
      'expected scalar type Float but found Double',
    ),
    S.error(
      'matmul',
      [S.randn([3]), S.randn([4])],
      'inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements',
    ),
  ],
});
