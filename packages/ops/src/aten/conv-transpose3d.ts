import { defineOp } from '../core/define-op.js';
import { convTransposeNdDefinition } from '../groups/conv-ops.js';

export const convTranspose3d = defineOp({
  schemas: [
    'aten::conv_transpose3d.input(Tensor input, Tensor weight, Tensor? bias=None, int[3] stride=1, int[3] padding=0, int[3] output_padding=0, int groups=1, int[3] dilation=1) -> Tensor',
  ],
  ...convTransposeNdDefinition(3, (S) => [
    S.call('conv_transpose3d.input', [S.randn([1, 2, 2, 2, 2]), S.randn([2, 2, 2, 2, 2]), S.randn([2])]),
    S.call('conv_transpose3d.input', [
      S.randn([1, 2, 2, 3, 2]),
      S.randn([2, 1, 2, 1, 2]),
      null,
      [2, 1, 1],
      [0, 0, 1],
      [1, 0, 0],
      2,
    ]),
    S.call('conv_transpose3d.input', [S.randn([2, 2, 2, 2]), S.randn([2, 1, 2, 2, 2]), null, 1, 0, 0, 1, 2]),
    S.call('conv_transpose3d.input', [
      S.t([1, 1, 2, 2, 2], { dtype: 'float64' }),
      S.t([1, 2, 2, 2, 2], { dtype: 'float64' }),
    ]),
    S.error('conv_transpose3d.input', [S.randn([2, 2, 2]), S.randn([2, 1, 1, 1, 1])], 'input to conv_transpose3d'),
  ]),
});
