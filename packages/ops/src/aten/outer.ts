import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { binaryCompute } from '../groups/binary.js';

/** self[:, None] * vec2[None, :] with type promotion (torch.outer is a broadcast multiply). */
export function outerCompute(ctx: OpContext, self: TensorLike, vec2: TensorLike): TensorLike {
  if (self.sizes.length !== 1) throw new OpError(`outer: Expected 1-D argument self, but got ${self.sizes.length}-D`);
  if (vec2.sizes.length !== 1) throw new OpError(`outer: Expected 1-D argument vec2, but got ${vec2.sizes.length}-D`);
  const col = ctx.view(self, [self.sizes[0], 1], [self.strides[0], 0], self.offset);
  const row = ctx.view(vec2, [1, vec2.sizes[0]], [0, vec2.strides[0]], vec2.offset);
  return binaryCompute(ctx, 'mul', col, row);
}

export const outer = defineOp({
  schemas: [
    'aten::outer(Tensor self, Tensor vec2) -> Tensor',
    'aten::outer.out(Tensor self, Tensor vec2, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => outerCompute(ctx, args.self, args.vec2),
  derivative: (F, { grad, self, vec2 }) => ({
    // Broadcast multiplies rather than mv: self and vec2 may have different dtypes (outer promotes).
    self: F.sum(F.mul(grad, F.unsqueeze(vec2, 0)), [1]),
    vec2: F.sum(F.mul(grad, F.unsqueeze(self, 1)), [0]),
  }),
  samples: (S) => [
    S.call('outer', [S.randn([3]), S.randn([4])]),
    S.call('outer', [S.randn([3], 'strided'), S.randn([2], 'offset')]),
    S.call('outer', [S.randn([2]), S.ints([3])]),
    S.call('outer', [S.ints([2]), S.ints([3])]),
    S.call('outer', [S.bools([2]), S.bools([2])]),
    S.call('outer', [S.randn([0]), S.randn([3])]),
    S.call('outer.out', [S.randn([3]), S.randn([4])], { out: S.randn([3, 4]) }),
    S.error('outer', [S.randn([2, 2]), S.randn([2])], 'outer: Expected 1-D argument self, but got 2-D'),
    S.error('outer', [S.randn([2]), S.randn([2, 2])], 'outer: Expected 1-D argument vec2, but got 2-D'),
  ],
});
