import { defineOp } from '../core/define-op.js';
import { convTransposeNdDefinition } from '../groups/conv-ops.js';

export const convTranspose1d = defineOp({
  schemas: [
    'aten::conv_transpose1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=[1], int[1] padding=[0], int[1] output_padding=[0], int groups=1, int[1] dilation=[1]) -> Tensor',
  ],
  ...convTransposeNdDefinition(1, (S) => [
    S.call('conv_transpose1d', [S.randn([2, 3, 4]), S.randn([3, 2, 3]), S.randn([2])]),
    S.call('conv_transpose1d', [S.randn([1, 2, 5]), S.randn([2, 3, 3]), null, 2, 1, 1]),
    S.call('conv_transpose1d', [S.randn([1, 4, 3]), S.randn([4, 1, 2]), S.randn([2]), 3, 0, 2, 2, 2]),
    S.call('conv_transpose1d', [S.randn([2, 5]), S.randn([2, 2, 2])]),
    S.call('conv_transpose1d', [S.randn([2, 2, 4], 'transposed'), S.randn([2, 2, 2], 'offset')]),
    S.call('conv_transpose1d', [S.t([1, 2, 3], { dtype: 'float64' }), S.t([2, 2, 2], { dtype: 'float64' })]),
    S.call('conv_transpose1d', [S.ints([1, 2, 3]), S.ints([2, 2, 2]), null, 2]),
    S.error(
      'conv_transpose1d',
      [S.randn([1, 2, 5]), S.randn([2, 3, 3]), null, 2, 0, 2],
      'output padding must be smaller than either stride or dilation',
    ),
    S.error(
      'conv_transpose1d',
      [S.randn([1, 3, 5]), S.randn([2, 3, 3])],
      'expected input[1, 3, 5] to have 2 channels, but got 3 channels instead',
    ),
  ]),
});
