import { defineOp } from '../core/define-op.js';
import { convParams, convRule, convolution as run } from '../groups/conv.js';
import { convMeta } from '../groups/nn-meta.js';

/** What TorchScript archives of nn.ConvNd modules call; benchmark/deterministic/cudnn flags do not matter on CPU. */
export const _convolution = defineOp({
  schemas: [
    'aten::_convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups, bool benchmark, bool deterministic, bool cudnn_enabled, bool allow_tf32) -> Tensor',
    'aten::_convolution.deprecated(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups, bool benchmark, bool deterministic, bool cudnn_enabled) -> Tensor',
    'aten::_convolution.out(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups, bool benchmark, bool deterministic, bool cudnn_enabled, bool allow_tf32, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => run(ctx, a.input, a.weight, a.bias, convParams(a, Math.max(a.weight.sizes.length - 2, 1))),
  meta: (a) => convMeta(a, null, false),
  derivative: (F, c) => convRule(F, c, c.transposed),
  samples: (S) => {
    const flags = [false, false, true, true];
    return [
      S.call('_convolution', [
        S.randn([2, 3, 4, 4]),
        S.randn([2, 3, 3, 3]),
        S.randn([2]),
        [1, 1],
        [1, 1],
        [1, 1],
        false,
        [0, 0],
        1,
        ...flags,
      ]),
      S.call('_convolution', [S.randn([1, 4, 7]), S.randn([2, 2, 3]), null, [2], [1], [2], false, [0], 2, ...flags]),
      S.call('_convolution', [
        S.randn([1, 2, 3, 3]),
        S.randn([2, 2, 2, 2]),
        null,
        [2, 2],
        [1, 1],
        [1, 1],
        true,
        [1, 1],
        1,
        ...flags,
      ]),
      S.call('_convolution.deprecated', [
        S.randn([1, 2, 4, 4], 'transposed'),
        S.randn([3, 2, 1, 1]),
        null,
        [1, 1],
        [0, 0],
        [1, 1],
        false,
        [0, 0],
        1,
        false,
        false,
        true,
      ]),
      S.call(
        '_convolution.out',
        [S.randn([1, 2, 3, 3]), S.randn([2, 2, 2, 2]), null, [1, 1], [0, 0], [1, 1], false, [0, 0], 1, ...flags],
        { out: S.randn([1, 2, 2, 2]) },
      ),
      S.error(
        '_convolution',
        [S.randn([1, 4, 4, 4]), S.randn([2, 3, 3, 3]), null, [1, 1], [0, 0], [1, 1], false, [0, 0], 1, ...flags],
        'to have 3 channels, but got 4 channels instead',
      ),
    ];
  },
});
