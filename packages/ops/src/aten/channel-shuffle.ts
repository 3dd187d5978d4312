import { defineOp } from '../core/define-op.js';
import { channelShuffle as run } from '../groups/shuffle.js';

export const channelShuffle = defineOp({
  schemas: [
    'aten::channel_shuffle(Tensor self, int groups) -> Tensor',
    'aten::channel_shuffle.out(Tensor self, int groups, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.self, a.groups),
  derivative: (F, { grad, self, groups }) => ({ self: F.channelShuffle(grad, F.sizes(self)[1] / groups) }),
  samples: (S) => [
    S.call('channel_shuffle', [S.randn([1, 6, 2, 2]), 2]),
    S.call('channel_shuffle', [S.randn([2, 6, 3]), 3]),
    S.call('channel_shuffle', [S.randn([2, 4, 2, 2], 'transposed'), 4]),
    S.call('channel_shuffle', [S.ints([1, 4, 2]), 2]),
    S.call('channel_shuffle', [S.t([1, 4, 1, 1, 2], { dtype: 'float64' }), 2]),
    S.call('channel_shuffle.out', [S.randn([1, 4, 2]), 2], { out: S.randn([0]) }),
    S.error(
      'channel_shuffle',
      [S.randn([1, 3, 3]), 2],
      'Number of channels must be divisible by groups. Got 3 channels and 2 groups.',
    ),
    S.error('channel_shuffle', [S.randn([3]), 3], 'channel_shuffle expects input with > 2 dims'),
  ],
});
