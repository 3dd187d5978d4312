import { defineOp } from '../core/define-op.js';
import { convNdDefinition } from '../groups/conv-ops.js';

export const conv1d = defineOp({
  schemas: [
    'aten::conv1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=[1], int[1] padding=[0], int[1] dilation=[1], int groups=1) -> Tensor',
    'aten::conv1d.padding(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=[1], str padding="valid", int[1] dilation=[1], int groups=1) -> Tensor',
  ],
  ...convNdDefinition(1, (S) => [
    S.call('conv1d', [S.randn([2, 3, 7]), S.randn([4, 3, 3]), S.randn([4])]),
    S.call('conv1d', [S.randn([1, 2, 9]), S.randn([3, 2, 2]), null, [2], [1], [2]]),
    S.call('conv1d', [S.randn([2, 4, 6]), S.randn([4, 1, 3]), S.randn([4]), 1, 1, 1, 4]),
    S.call('conv1d', [S.randn([3, 6]), S.randn([2, 3, 2])]),
    S.call('conv1d', [S.randn([2, 3, 5], 'transposed'), S.randn([2, 3, 2], 'strided')]),
    S.call('conv1d', [
      S.t([1, 2, 5], { dtype: 'float64' }),
      S.t([2, 2, 3], { dtype: 'float64' }),
      S.t([2], { dtype: 'float64' }),
    ]),
    S.call('conv1d.padding', [S.randn([1, 2, 6]), S.randn([3, 2, 4]), S.randn([3])], { padding: 'same' }),
    S.call('conv1d.padding', [S.randn([1, 2, 6]), S.randn([3, 2, 3]), null, 1, 'same', 2]),
    S.call('conv1d.padding', [S.randn([2, 6]), S.randn([3, 2, 3])], { padding: 'valid' }),
    S.error('conv1d', [S.randn([1, 2, 2]), S.randn([3, 2, 3])], "Kernel size can't be greater than actual input size"),
    S.error(
      'conv1d',
      [S.randn([1, 4, 5]), S.randn([2, 3, 3])],
      'Given groups=1, weight of size [2, 3, 3], expected input[1, 4, 5] to have 3 channels, but got 4 channels instead',
    ),
    S.error(
      'conv1d',
      [S.randn([1, 3, 5]), S.randn([2, 3, 3]), S.randn([3])],
      'expected bias to be 1-dimensional with 2 elements',
    ),
  ]),
});
