import { defineOp } from '../core/define-op.js';
import { pixelUnshuffle as run } from '../groups/shuffle.js';

export const pixelUnshuffle = defineOp({
  schemas: [
    'aten::pixel_unshuffle(Tensor self, int downscale_factor) -> Tensor',
    'aten::pixel_unshuffle.out(Tensor self, int downscale_factor, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.self, a.downscale_factor),
  derivative: (F, { grad, downscale_factor }) => ({ self: F.pixelShuffle(grad, downscale_factor) }),
  samples: (S) => [
    S.call('pixel_unshuffle', [S.randn([1, 2, 4, 6]), 2]),
    S.call('pixel_unshuffle', [S.randn([1, 3, 6]), 3]),
    S.call('pixel_unshuffle', [S.randn([2, 1, 1, 4, 2], 'transposed'), 2]),
    S.call('pixel_unshuffle', [S.ints([1, 1, 2, 4]), 2]),
    S.call('pixel_unshuffle', [S.t([1, 2, 2, 2], { dtype: 'float64' }), 1]),
    S.call('pixel_unshuffle.out', [S.randn([1, 1, 4, 4]), 2], { out: S.randn([0]) }),
    S.error('pixel_unshuffle', [S.randn([2, 3, 4]), 2], 'input.size(-2)=3 is not divisible by 2'),
    S.error('pixel_unshuffle', [S.randn([2, 4, 3]), 2], 'input.size(-1)=3 is not divisible by 2'),
  ],
});
