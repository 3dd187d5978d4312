import { defineOp } from '../core/define-op.js';
import { pixelShuffle as run } from '../groups/shuffle.js';

export const pixelShuffle = defineOp({
  schemas: [
    'aten::pixel_shuffle(Tensor self, int upscale_factor) -> Tensor',
    'aten::pixel_shuffle.out(Tensor self, int upscale_factor, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.self, a.upscale_factor),
  meta: (a) => {
    const s = a.self.sizes as number[];
    const r = a.upscale_factor as number;
    return {
      sizes: [...s.slice(0, -3), s[s.length - 3] / (r * r), s[s.length - 2] * r, s[s.length - 1] * r],
      dtype: a.self.dtype,
    };
  },
  derivative: (F, { grad, upscale_factor }) => ({ self: F.pixelUnshuffle(grad, upscale_factor) }),
  samples: (S) => [
    S.call('pixel_shuffle', [S.randn([1, 8, 2, 3]), 2]),
    S.call('pixel_shuffle', [S.randn([9, 2, 2]), 3]),
    S.call('pixel_shuffle', [S.randn([2, 1, 4, 2, 2], 'transposed'), 2]),
    S.call('pixel_shuffle', [S.ints([1, 4, 1, 2]), 2]),
    S.call('pixel_shuffle', [S.t([1, 4, 2, 1], { dtype: 'float64' }), 1]),
    S.call('pixel_shuffle', [S.randn([0, 4, 2, 2]), 2]),
    S.call('pixel_shuffle.out', [S.randn([1, 4, 2, 2]), 2], { out: S.randn([0]) }),
    S.error('pixel_shuffle', [S.randn([2, 3, 3]), 2], 'input.size(-3)=2 is not divisible by 4'),
    S.error('pixel_shuffle', [S.randn([3, 3]), 2], 'pixel_shuffle expects input to have at least 3 dimensions'),
  ],
});
