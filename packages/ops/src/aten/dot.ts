import { defineOp } from '../core/define-op.js';
import { checkDot, dotCompute } from '../groups/matmul.js';

export const dot = defineOp({
  schemas: [
    'aten::dot(Tensor self, Tensor tensor) -> Tensor',
    'aten::dot.out(Tensor self, Tensor tensor, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => dotCompute(ctx, args.self, args.tensor, 'dot'),
  meta: (args) => {
    checkDot(args.self, args.tensor, 'dot');
    return { sizes: [], dtype: args.self.dtype };
  },
  derivative: (F, { grad, self, tensor }) => ({
    self: F.mul(grad, tensor),
    tensor: F.mul(grad, self),
  }),
  samples: (S) => [
    S.call('dot', [S.randn([3]), S.randn([3])]),
    S.call('dot', [S.randn([4], 'strided'), S.randn([4], 'offset')]),
    S.call('dot', [S.expand(S.randn([1]), [5]), S.randn([5])]),
    S.call('dot', [S.t([3], { dtype: 'float64' }), S.t([3], { dtype: 'float64' })]),
    S.call('dot', [S.ints([4]), S.ints([4])]),
    S.call('dot', [S.ints([4], -5, 5, 'int32'), S.ints([4], -5, 5, 'int32')]),
    S.call('dot', [S.randn([0]), S.randn([0])]),
    S.call('dot', [S.randn([40]), S.randn([40])]),
    S.call('dot.out', [S.randn([3]), S.randn([3])], { out: S.randn([]) }),
    S.error('dot', [S.randn([2, 2]), S.randn([2, 2])], '1D tensors expected, but got 2D and 2D tensors'),
    S.error(
      'dot',
      [S.randn([3]), S.randn([4])],
      'inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively',
    ),
    S.error(
      'dot',
      [S.randn([3]), S.t([3], { dtype: 'float64' })],
      'dot : expected both vectors to have same dtype, but found Float and Double',
    ),
    S.error('dot', [S.bools([3]), S.bools([3])], `"dot" not implemented for 'Bool'`),
  ],
});
