import { defineOp } from '../core/define-op.js';
import { convParams, convRule, convolution as run } from '../groups/conv.js';
import { convMeta } from '../groups/nn-meta.js';

export const convolution = defineOp({
  schemas: [
    'aten::convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups) -> Tensor',
    'aten::convolution.out(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.input, a.weight, a.bias, convParams(a, Math.max(a.weight.sizes.length - 2, 1))),
  meta: (a) => convMeta(a, null, false),
  derivative: (F, c) => convRule(F, c, c.transposed),
  samples: (S) => [
    S.call('convolution', [
      S.randn([2, 3, 4, 4]),
      S.randn([2, 3, 3, 3]),
      S.randn([2]),
      [1, 1],
      [1, 1],
      [1, 1],
      false,
      [0, 0],
      1,
    ]),
    S.call('convolution', [S.randn([1, 4, 6]), S.randn([4, 1, 3]), null, [2], [0], [1], false, [0], 4]),
    S.call('convolution', [
      S.randn([1, 2, 3, 3]),
      S.randn([2, 3, 2, 2]),
      S.randn([3]),
      [2, 2],
      [0, 1],
      [1, 1],
      true,
      [1, 0],
      1,
    ]),
    S.call('convolution', [S.randn([1, 2, 2, 2, 3]), S.randn([2, 2, 1, 2, 2]), null, [1], [0], [1], false, [0], 1]),
    S.call('convolution', [
      S.randn([2, 2, 5], 'strided'),
      S.randn([3, 2, 2], 'transposed'),
      null,
      [1],
      [0],
      [2],
      false,
      [0],
      1,
    ]),
    S.call(
      'convolution.out',
      [S.randn([1, 2, 3, 3]), S.randn([2, 2, 2, 2]), null, [1, 1], [0, 0], [1, 1], false, [0, 0], 1],
      {
        out: S.randn([0]),
      },
    ),
    S.error(
      'convolution',
      [S.randn([2, 3, 4]), S.randn([2, 3, 3, 3]), null, [1, 1], [0, 0], [1, 1], false, [0, 0], 1],
      'Expected 4-dimensional input for 4-dimensional weight [2, 3, 3, 3], but got 3-dimensional input of size [2, 3, 4] instead',
    ),
    S.error(
      'convolution',
      [S.randn([1, 3, 4, 4]), S.randn([2, 3, 3, 3]), null, [1, 1, 1], [0, 0], [1, 1], false, [0, 0], 1],
      'expected stride to be a single integer value or a list of 2 values to match the convolution dimensions, but got stride=[1, 1, 1]',
    ),
  ],
});
