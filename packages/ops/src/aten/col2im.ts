import { defineOp } from '../core/define-op.js';
import { col2im as run } from '../groups/embedding.js';

export const col2im = defineOp({
  schemas: [
    'aten::col2im(Tensor self, SymInt[2] output_size, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor',
    'aten::col2im.out(Tensor self, SymInt[2] output_size, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.self, a.output_size, a.kernel_size, a.dilation, a.padding, a.stride),
  derivative: (F, { grad, kernel_size, dilation, padding, stride }) => ({
    self: F.im2col(grad, kernel_size, dilation, padding, stride),
  }),
  samples: (S) => [
    S.call('col2im', [S.randn([1, 8, 9]), [4, 4], [2, 2], [1, 1], [0, 0], [1, 1]]),
    S.call('col2im', [S.randn([2, 6, 6]), [5, 4], [3, 2], [1, 2], [1, 0], [2, 1]]),
    S.call('col2im', [S.randn([4, 4], 'transposed'), [5, 5], [2, 2], [1, 1], [0, 0], [2, 2]]),
    S.call('col2im', [S.t([4, 4], { dtype: 'float64' }), [3, 3], [2, 2], [1, 1], [0, 0], [1, 1]]),
    S.call('col2im.out', [S.randn([1, 4, 4]), [3, 3], [2, 2], [1, 1], [0, 0], [1, 1]], { out: S.randn([0]) }),
    S.error(
      'col2im',
      [S.randn([1, 4, 5]), [3, 3], [2, 2], [1, 1], [0, 0], [1, 1]],
      "expected size of input's dimension 2 to match the calculated number of sliding blocks",
    ),
  ],
});
