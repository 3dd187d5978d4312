import { defineOp } from '../core/define-op.js';
import { convNdDefinition } from '../groups/conv-ops.js';

export const conv2d = defineOp({
  schemas: [
    'aten::conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] dilation=1, int groups=1) -> Tensor',
    'aten::conv2d.padding(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, str padding="valid", int[2] dilation=1, int groups=1) -> Tensor',
  ],
  ...convNdDefinition(2, (S) => [
    S.call('conv2d', [S.randn([2, 3, 4, 4]), S.randn([4, 3, 3, 3]), S.randn([4])]),
    S.call('conv2d', [S.randn([1, 3, 5, 5]), S.randn([2, 3, 3, 3]), null, 2, 1]),
    S.call('conv2d', [S.randn([1, 2, 6, 5]), S.randn([2, 2, 2, 3]), S.randn([2]), [1, 2], [1, 0], [2, 1]]),
    S.call('conv2d', [S.randn([1, 4, 4, 4]), S.randn([6, 2, 3, 3]), S.randn([6]), 1, 1, 1, 2]),
    S.call('conv2d', [S.randn([1, 3, 4, 4]), S.randn([3, 1, 2, 2]), null, 1, 0, 1, 3]),
    S.call('conv2d', [S.randn([2, 3, 4, 4], 'transposed'), S.randn([2, 3, 2, 2], 'strided'), S.randn([2], 'offset')]),
    S.call('conv2d', [S.randn([3, 4, 4]), S.randn([2, 3, 3, 3]), S.randn([2])]),
    S.call('conv2d', [S.t([1, 2, 4, 4], { dtype: 'float64' }), S.t([3, 2, 2, 2], { dtype: 'float64' })], undefined),
    S.call('conv2d', [S.randn([0, 2, 4, 4]), S.randn([3, 2, 2, 2])]),
    S.call('conv2d', [S.randn([1, 2, 2, 2]), S.randn([3, 2, 1, 1])], { stride: [2, 2] }),
    S.call('conv2d.padding', [S.randn([1, 2, 4, 4]), S.randn([3, 2, 3, 3]), S.randn([3])], { padding: 'same' }),
    S.call('conv2d.padding', [S.randn([1, 2, 4, 5]), S.randn([2, 2, 2, 3])], { padding: 'same' }),
    S.call('conv2d.padding', [S.randn([2, 4, 4]), S.randn([2, 2, 2, 2]), null, 1, 'same', [2, 1]]),
    S.call('conv2d.padding', [S.randn([1, 2, 4, 4]), S.randn([3, 2, 3, 3])], { padding: 'valid' }),
    S.call('conv2d', [S.ints([1, 2, 3, 3]), S.ints([2, 2, 2, 1]), S.ints([2])], { padding: [1, 0] }),
    S.call('conv2d', [S.ints([1, 2, 3, 3], -5, 5, 'int32'), S.ints([2, 1, 2, 2], -5, 5, 'int32')], { groups: 2 }),
    S.error(
      'conv2d',
      [S.randn([1, 4, 5, 5]), S.randn([8, 3, 3, 3])],
      'Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead',
    ),
    S.error(
      'conv2d',
      [S.randn([1, 2, 2, 2]), S.randn([3, 2, 3, 3])],
      "Kernel size can't be greater than actual input size",
    ),
    S.error(
      'conv2d',
      [S.randn([2, 2]), S.randn([3, 2, 1, 1])],
      'Expected 3D (unbatched) or 4D (batched) input to conv2d',
    ),
    S.error(
      'conv2d.padding',
      [S.randn([1, 2, 4, 4]), S.randn([3, 2, 3, 3]), null, 2, 'same'],
      "padding='same' is not supported for strided convolutions",
    ),
    S.error(
      'conv2d.padding',
      [S.randn([1, 2, 4, 4]), S.randn([3, 2, 3, 3]), null, 1, 'full'],
      "Invalid padding string: 'full'",
    ),
    S.error(
      'conv2d',
      [S.randn([1, 6, 4, 4]), S.randn([4, 2, 3, 3]), null, 1, 0, 1, 3],
      'expected weight to be divisible by 3 at dimension 0',
    ),
    S.error(
      'conv2d',
      [S.randn([1, 2, 3, 3]), S.t([3, 2, 1, 1], { dtype: 'float64' })],
      'expected scalar type Float but found Double',
    ),
  ]),
});
