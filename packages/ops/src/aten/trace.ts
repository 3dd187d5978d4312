import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';

// Integral and bool inputs sum to int64, as torch.sum does.
export const trace = defineOp({
  schemas: ['aten::trace(Tensor self) -> Tensor', 'aten::trace.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)'],
  impl: (args, ctx) => {
    const t = args.self as TensorLike;
    if (t.sizes.length !== 2) throw new OpError(`trace: expected a matrix, but got tensor with dim ${t.sizes.length}`);
    if (t.dtype === 'bool') throw new OpError(`"trace" not implemented for 'Bool'`);
    const k = Math.min(t.sizes[0], t.sizes[1]);
    const diagonal = ctx.view(t, [k], [t.strides[0] + t.strides[1]], t.offset);
    const out = ctx.empty([], isFloatingDtype(t.dtype) ? t.dtype : 'int64');
    K.sum(out, diagonal, [0], false);
    return out;
  },
  meta: (args) => {
    if (args.self.sizes.length !== 2) {
      throw new OpError(`trace: expected a matrix, but got tensor with dim ${args.self.sizes.length}`);
    }
    return { sizes: [], dtype: isFloatingDtype(args.self.dtype) ? args.self.dtype : 'int64' };
  },
  derivative: (F, { grad, self }) => {
    const [n, m] = F.sizes(self) as number[];
    return { self: F.mul(F.eye(n, m, { dtype: self.dtype }), grad) };
  },
  samples: (S) => [
    S.call('trace', [S.randn([3, 3])]),
    S.call('trace', [S.randn([2, 4])]),
    S.call('trace', [S.randn([4, 2], 'transposed')]),
    S.call('trace', [S.randn([3, 3], 'offset')]),
    S.call('trace', [S.ints([3, 3])]),
    S.call('trace', [S.ints([2, 3], -5, 5, 'int32')]),
    S.call('trace', [S.t([2, 2], { dtype: 'float64' })]),
    S.call('trace', [S.randn([0, 3])]),
    S.call('trace.out', [S.randn([3, 3])], { out: S.randn([]) }),
    S.error('trace', [S.bools([2, 2])], `"trace" not implemented for 'Bool'`),
    S.error('trace', [S.randn([2, 3, 3])], 'trace: expected a matrix, but got tensor with dim 3'),
  ],
});
