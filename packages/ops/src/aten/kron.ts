import { defineOp } from '../core/define-op.js';
import { contiguous } from '../core/helpers.js';
import type { TensorLike } from '../core/tensor-like.js';
import { binaryCompute } from '../groups/binary.js';

/**
 * kron(a, b) with both padded to the same rank: a viewed as [a0, 1, a1, 1, ...] times b as
 * [1, b0, 1, b1, ...] (a broadcast multiply with type promotion), then merged pairwise.
 */
export const kron = defineOp({
  schemas: [
    'aten::kron(Tensor self, Tensor other) -> Tensor',
    'aten::kron.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const a = args.self as TensorLike;
    const b = args.other as TensorLike;
    const n = Math.max(a.sizes.length, b.sizes.length);
    const pad = (t: TensorLike) => ({
      sizes: [...new Array(n - t.sizes.length).fill(1), ...t.sizes],
      strides: [...new Array(n - t.sizes.length).fill(0), ...t.strides],
    });
    const pa = pad(a);
    const pb = pad(b);
    const av = ctx.view(
      a,
      pa.sizes.flatMap((s) => [s, 1]),
      pa.strides.flatMap((s) => [s, 0]),
      a.offset,
    );
    const bv = ctx.view(
      b,
      pb.sizes.flatMap((s) => [1, s]),
      pb.strides.flatMap((s) => [0, s]),
      b.offset,
    );
    const r = contiguous(ctx, binaryCompute(ctx, 'mul', av, bv));
    const sizes = pa.sizes.map((s, i) => s * pb.sizes[i]);
    const strides = new Array<number>(n);
    let s = 1;
    for (let i = n - 1; i >= 0; i--) {
      strides[i] = s;
      s *= Math.max(sizes[i], 1);
    }
    return ctx.view(r, sizes, strides, r.offset);
  },
  derivative: (F, { grad, self, other }) => {
    const sa = F.sizes(self) as number[];
    const sb = F.sizes(other) as number[];
    const n = Math.max(sa.length, sb.length);
    const pa = [...new Array(n - sa.length).fill(1), ...sa];
    const pb = [...new Array(n - sb.length).fill(1), ...sb];
    const g = F.reshape(
      grad,
      pa.flatMap((s, i) => [s, pb[i]]),
    );
    const aDims = pa.map((_, i) => 2 * i);
    const bDims = pb.map((_, i) => 2 * i + 1);
    const bv = F.reshape(
      other,
      pb.flatMap((s) => [1, s]),
    );
    const av = F.reshape(
      self,
      pa.flatMap((s) => [s, 1]),
    );
    return {
      self: F.reshape(F.sum(F.mul(g, bv), bDims, true), sa),
      other: F.reshape(F.sum(F.mul(g, av), aDims, true), sb),
    };
  },
  samples: (S) => [
    S.call('kron', [S.randn([2, 3]), S.randn([2, 2])]),
    S.call('kron', [S.randn([2, 3]), S.randn([2])]),
    S.call('kron', [S.randn([3]), S.randn([2, 2], 'offset')]),
    S.call('kron', [S.randn([2, 2], 'strided'), S.ints([2, 1])]),
    S.call('kron', [S.ints([2]), S.ints([3])]),
    S.call('kron', [S.randn([]), S.randn([3])]),
    S.call('kron', [S.randn([0, 2]), S.randn([2, 2])]),
    S.call('kron.out', [S.randn([2]), S.randn([2])], { out: S.randn([4]) }),
  ],
});
