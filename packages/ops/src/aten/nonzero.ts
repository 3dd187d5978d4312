import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';

/** [n, ndim] int64 coordinates of the non-zero elements of self, in row-major order. */
export function nonzeroOf(ctx: OpContext, self: TensorLike): TensorLike {
  const n = K.nonzeroCount(self);
  const out = ctx.empty([n, self.sizes.length], 'int64');
  K.nonzero(out, self);
  return out;
}

export const nonzero = defineOp({
  schemas: ['aten::nonzero(Tensor self) -> Tensor', 'aten::nonzero.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)'],
  impl: (args: OpArgs, ctx) => nonzeroOf(ctx, args.self),
  nondifferentiable: 'integer output (indices)',
  samples: (S) => [
    S.call('nonzero', [S.of([0, 1, 0, 2, 3, 0], [2, 3])]),
    S.call('nonzero', [S.t([3, 4], { layout: 'transposed', values: [0, 1, 0, 2, 3, 0, 0, 0, 1, 1, 0, 5] })]),
    S.call('nonzero', [S.bools([2, 3, 2])]),
    S.call('nonzero', [S.t([4], { dtype: 'int64', layout: 'strided', values: [0, 2, 0, 1] })]),
    S.call('nonzero', [S.of([Number.NaN, 0, -0.5])]),
    S.call('nonzero', [S.of([1], [])]),
    S.call('nonzero', [S.of([0], [])]),
    S.call('nonzero', [S.randn([0, 3])]),
    S.call('nonzero', [S.of([0, 0, 0])]),
    S.call('nonzero.out', [S.of([0, 1, 1])], { out: S.ints([0]) }),
  ],
});
