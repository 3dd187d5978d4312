import { defineOp } from '../core/define-op.js';
import { convTransposeNdDefinition } from '../groups/conv-ops.js';

export const convTranspose2d = defineOp({
  schemas: [
    'aten::conv_transpose2d.input(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] output_padding=0, int groups=1, int[2] dilation=1) -> Tensor',
  ],
  ...convTransposeNdDefinition(2, (S) => [
    S.call('conv_transpose2d.input', [S.randn([1, 3, 3, 3]), S.randn([3, 2, 3, 3]), S.randn([2])]),
    S.call('conv_transpose2d.input', [S.randn([2, 2, 3, 2]), S.randn([2, 2, 2, 3]), null, [2, 1], [1, 0], [1, 0]]),
    S.call('conv_transpose2d.input', [S.randn([1, 4, 2, 3]), S.randn([4, 1, 2, 2]), S.randn([4]), 2, 0, 0, 4]),
    S.call('conv_transpose2d.input', [S.randn([1, 2, 3, 3]), S.randn([2, 1, 2, 2]), null, 1, 1, 0, 1, 2]),
    S.call('conv_transpose2d.input', [S.randn([2, 3, 3]), S.randn([2, 2, 2, 2])]),
    S.call('conv_transpose2d.input', [S.randn([1, 2, 3, 3], 'transposed'), S.randn([2, 1, 2, 2], 'strided')]),
    S.call('conv_transpose2d.input', [
      S.t([1, 2, 2, 2], { dtype: 'float64' }),
      S.t([2, 2, 2, 2], { dtype: 'float64' }),
    ]),
    S.error(
      'conv_transpose2d.input',
      [S.randn([1, 2, 1, 1]), S.randn([2, 1, 1, 1]), null, 1, 1],
      'Output size is too small',
    ),
  ]),
});
