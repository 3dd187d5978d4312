import { defineOp } from '../core/define-op.js';
import { convNdDefinition } from '../groups/conv-ops.js';

export const conv3d = defineOp({
  schemas: [
    'aten::conv3d(Tensor input, Tensor weight, Tensor? bias=None, int[3] stride=1, int[3] padding=0, int[3] dilation=1, int groups=1) -> Tensor',
    'aten::conv3d.padding(Tensor input, Tensor weight, Tensor? bias=None, int[3] stride=1, str padding="valid", int[3] dilation=1, int groups=1) -> Tensor',
  ],
  ...convNdDefinition(3, (S) => [
    S.call('conv3d', [S.randn([1, 2, 3, 4, 4]), S.randn([3, 2, 2, 2, 2]), S.randn([3])]),
    S.call('conv3d', [S.randn([2, 2, 4, 3, 4]), S.randn([2, 1, 2, 1, 2]), null, [2, 1, 1], [1, 0, 1], 1, 2]),
    S.call('conv3d', [S.randn([2, 3, 3, 4]), S.randn([2, 2, 1, 2, 2]), null, 1, 0, [1, 2, 1]]),
    S.call('conv3d', [S.randn([1, 2, 3, 3, 4], 'transposed'), S.randn([2, 2, 1, 2, 2])]),
    S.call('conv3d', [S.t([1, 1, 3, 3, 3], { dtype: 'float64' }), S.t([2, 1, 2, 2, 2], { dtype: 'float64' })]),
    S.call('conv3d.padding', [S.randn([1, 1, 3, 4, 3]), S.randn([2, 1, 2, 3, 2])], { padding: 'same' }),
    S.error(
      'conv3d',
      [S.randn([2, 3, 3]), S.randn([2, 2, 1, 1, 1])],
      'Expected 4D (unbatched) or 5D (batched) input to conv3d',
    ),
  ]),
});
