import { defineOp } from '../core/define-op.js';
import { checkDot, dotCompute } from '../groups/matmul.js';

// Real tensors only: the conjugate of self is self.
export const vdot = defineOp({
  schemas: [
    'aten::vdot(Tensor self, Tensor other) -> Tensor',
    'aten::vdot.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => dotCompute(ctx, args.self, args.other, 'dot'),
  meta: (args) => {
    checkDot(args.self, args.other, 'dot');
    return { sizes: [], dtype: args.self.dtype };
  },
  derivative: (F, { grad, self, other }) => ({
    self: F.mul(grad, other),
    other: F.mul(grad, self),
  }),
  samples: (S) => [
    S.call('vdot', [S.randn([3]), S.randn([3])]),
    S.call('vdot', [S.randn([4], 'strided'), S.randn([4], 'offset')]),
    S.call('vdot', [S.t([3], { dtype: 'float64' }), S.t([3], { dtype: 'float64' })]),
    S.call('vdot', [S.ints([4]), S.ints([4])]),
    S.call('vdot', [S.randn([0]), S.randn([0])]),
    S.call('vdot.out', [S.randn([3]), S.randn([3])], { out: S.randn([]) }),
    S.error('vdot', [S.randn([2, 2]), S.randn([2, 2])], '1D tensors expected, but got 2D and 2D tensors'),
    S.error('vdot', [S.randn([3]), S.t([3], { dtype: 'float64' })], 'expected both vectors to have same dtype'),
  ],
});
