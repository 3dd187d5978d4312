import { defineOp } from '../core/define-op.js';
import { padDispatch, padRule } from '../groups/pad.js';

export const pad = defineOp({
  schemas: ['aten::pad(Tensor self, int[] pad, str mode="constant", float? value=None) -> Tensor'],
  impl: (a, ctx) => padDispatch(ctx, a.self, a.pad, a.mode, a.value),
  derivative: (F, c) => padRule(F, c),
  samples: (S) => [
    S.call('pad', [S.randn([2, 3]), [1, 2]]),
    S.call('pad', [S.randn([2, 3]), [1, 2]], { mode: 'constant', value: 2.5 }),
    S.call('pad', [S.ints([2, 3]), [1, 0, 0, 1]], { mode: 'constant', value: S.float(2) }),
    S.call('pad', [S.randn([1, 2, 3]), [1, 1]], { mode: 'replicate', value: S.float(0) }),
    S.call('pad', [S.randn([2, 3]), [1, 1]], { mode: 'reflect' }),
    S.call('pad', [S.randn([1, 2, 3]), [1, 1, 1, 1]], { mode: 'reflect' }),
    S.call('pad', [S.randn([1, 2, 3, 3]), [1, 2, 0, 1]], { mode: 'replicate' }),
    S.call('pad', [S.randn([1, 1, 2, 3, 3]), [1, 0, 0, 1, 1, 1]], { mode: 'replicate' }),
    S.call('pad', [S.randn([1, 2, 4]), [2, 1]], { mode: 'circular' }),
    S.call('pad', [S.randn([1, 2, 3, 4], 'transposed'), [1, 2, 3, 0]], { mode: 'circular' }),
    S.call('pad', [S.randn([1, 1, 3, 4]), [-1, 2, 1, -1]], { mode: 'circular' }),
    S.call('pad', [S.randn([1, 2, 3]), [1, 1]], { mode: 'reflect', value: 0 }),
    S.error('pad', [S.randn([2, 3]), [1, 1]], 'Unrecognised padding mode foo', { mode: 'foo' }),
    S.error('pad', [S.randn([2, 3]), [1, 1]], 'Padding mode "reflect" doesn\'t take in value argument', {
      mode: 'reflect',
      value: 1,
    }),
    S.error('pad', [S.randn([2, 3]), [1, 1]], 'Invalid padding size, expected 0 but got 2', { mode: 'circular' }),
    S.error('pad', [S.randn([2, 3]), [1, 1, 1]], 'Padding length must be divisible by 2'),
    S.error('pad', [S.randn([3]), [1, 1, 1, 1]], 'Padding length too large', { mode: 'reflect' }),
    S.error(
      'pad',
      [S.randn([2, 3, 3, 3, 3, 3]), [1, 1]],
      'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now',
      { mode: 'reflect' },
    ),
  ],
});
