import { defineOp } from '../core/define-op.js';
import { im2col as run } from '../groups/embedding.js';

export const im2col = defineOp({
  schemas: [
    'aten::im2col(Tensor self, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor',
    'aten::im2col.out(Tensor self, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.self, a.kernel_size, a.dilation, a.padding, a.stride),
  derivative: (F, { grad, self, kernel_size, dilation, padding, stride }) => ({
    self: F.col2im(grad, F.sizes(self).slice(-2), kernel_size, dilation, padding, stride),
  }),
  samples: (S) => [
    S.call('im2col', [S.randn([1, 2, 4, 4]), [2, 2], [1, 1], [0, 0], [1, 1]]),
    S.call('im2col', [S.randn([2, 1, 5, 4]), [3, 2], [1, 2], [1, 0], [2, 1]]),
    S.call('im2col', [S.randn([2, 3, 3]), [2, 2], [1, 1], [1, 1], [2, 2]]),
    S.call('im2col', [S.randn([1, 2, 3, 4], 'transposed'), [1, 2], [1, 1], [0, 0], [1, 1]]),
    S.call('im2col', [S.t([1, 1, 3, 3], { dtype: 'float64' }), [2, 2], [1, 1], [0, 0], [1, 1]]),
    S.call('im2col.out', [S.randn([1, 1, 3, 3]), [2, 2], [1, 1], [0, 0], [1, 1]], { out: S.randn([0]) }),
  ],
});
