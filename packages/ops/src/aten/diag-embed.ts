import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

/**
 * A tensor whose (dim1, dim2) planes hold self's last dim on the diagonal `offset`, zeros
 * elsewhere: written through a diagonal view of the zero-filled result.
 */
export function embedDiagonal(
  ctx: OpContext,
  self: TensorLike,
  offset: number,
  dim1: number,
  dim2: number,
): TensorLike {
  const nd = self.sizes.length + 1;
  const d1 = normalizeDim(dim1, nd);
  const d2 = normalizeDim(dim2, nd);
  if (d1 === d2) throw new OpError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const n = self.sizes.length ? self.sizes[self.sizes.length - 1] : 1;
  const m = n + Math.abs(offset);
  const batch = self.sizes.slice(0, -1);
  const sizes: number[] = [];
  let b = 0;
  for (let d = 0; d < nd; d++) sizes.push(d === d1 || d === d2 ? m : batch[b++]);
  const out = ctx.empty(sizes, self.dtype);
  if (n === 0) return out;
  const strides: number[] = [];
  const diagSizes: number[] = [];
  for (let d = 0; d < nd; d++) {
    if (d !== d1 && d !== d2) {
      diagSizes.push(sizes[d]);
      strides.push(out.strides[d]);
    }
  }
  diagSizes.push(n);
  strides.push(out.strides[d1] + out.strides[d2]);
  const start = offset >= 0 ? offset * out.strides[d2] : -offset * out.strides[d1];
  K.copy(ctx.view(out, diagSizes, strides, out.offset + start), self);
  return out;
}

export const diagEmbed = defineOp({
  schemas: [
    'aten::diag_embed(Tensor self, int offset=0, int dim1=-2, int dim2=-1) -> Tensor',
    'aten::diag_embed.out(Tensor self, int offset=0, int dim1=-2, int dim2=-1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => embedDiagonal(ctx, args.self, args.offset, args.dim1, args.dim2),
  meta: (args) => {
    const nd = args.self.sizes.length + 1;
    const d1 = normalizeDim(args.dim1, nd);
    const d2 = normalizeDim(args.dim2, nd);
    const m = (args.self.sizes.length ? args.self.sizes[nd - 2] : 1) + Math.abs(args.offset);
    const batch: number[] = args.self.sizes.slice(0, -1);
    let b = 0;
    return {
      sizes: Array.from({ length: nd }, (_, d) => (d === d1 || d === d2 ? m : batch[b++])),
      dtype: args.self.dtype,
    };
  },
  derivative: (F, { grad, offset, dim1, dim2 }) => ({ self: F.diagonal(grad, offset, dim1, dim2) }),
  samples: (S) => [
    S.call('diag_embed', [S.randn([3])]),
    S.call('diag_embed', [S.randn([2, 3], 'transposed'), 1]),
    S.call('diag_embed', [S.randn([2, 3], 'strided'), -2, 0, 2]),
    S.call('diag_embed', [S.randn([2, 3], 'offset'), 0, 2, 0]),
    S.call('diag_embed', [S.ints([2, 2]), 1, -1, -3]),
    S.call('diag_embed', [S.randn([2, 0])]),
    S.call('diag_embed', [S.bools([2])], { offset: -1 }),
    S.error('diag_embed', [S.randn([2, 3]), 0, 0, 0], 'diagonal dimensions cannot be identical 0, 0'),
    S.error(
      'diag_embed',
      [S.randn([2, 3]), 0, 0, 3],
      'Dimension out of range (expected to be in range of [-3, 2], but got 3)',
    ),
    S.call('diag_embed.out', [S.randn([2])], { out: S.randn([0]) }),
  ],
});
