import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDims } from '../core/helpers.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

/** A copy of self reversed along dims. */
export function flipTensor(ctx: OpContext, self: TensorLike, dims: readonly number[]): TensorLike {
  const ds = normalizeDims(dims, self.sizes.length);
  const out = ctx.empty(self.sizes, self.dtype);
  K.flip(out, self, self.sizes.length === 0 ? [] : ds);
  return out;
}

export const flip = defineOp({
  schemas: [
    'aten::flip(Tensor self, int[] dims) -> Tensor',
    'aten::flip.out(Tensor self, int[] dims, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => flipTensor(ctx, args.self, Array.isArray(args.dims) ? args.dims : [args.dims]),
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, dims }) => ({ self: F.flip(grad, dims) }),
  samples: (S) => [
    S.call('flip', [S.randn([2, 3]), [0]]),
    S.call('flip', [S.randn([2, 3], 'transposed'), [0, 1]]),
    S.call('flip', [S.randn([2, 3, 2], 'strided'), [-1, 0]]),
    S.call('flip', [S.randn([2, 3], 'offset'), []]),
    S.call('flip', [S.randn([]), [0]]),
    S.call('flip', [S.randn([0, 2]), [0]]),
    S.call('flip', [S.ints([4]), [0]]),
    S.call('flip', [S.bools([2, 2]), [1]]),
    S.call('flip', [S.t([2, 2], { dtype: 'bfloat16' }), [0, 1]]),
    S.error('flip', [S.randn([2, 3]), [0, 0]], 'dim 0 appears multiple times in the list of dims'),
    S.error('flip', [S.randn([2, 3]), [2]], 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'),
    S.call('flip.out', [S.randn([2, 3]), [1]], { out: S.randn([0]) }),
  ],
});
