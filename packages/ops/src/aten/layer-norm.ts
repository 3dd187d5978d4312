import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { layerNormForward } from '../groups/norm.js';

export const layerNorm = defineOp({
  schemas: [
    'aten::layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1.0000000000000001e-05, bool cudnn_enable=True) -> Tensor',
  ],
  impl: (a, ctx) => layerNormForward(ctx, a.input, a.normalized_shape, a.weight, a.bias, num(a.eps), false)[0],
  meta: (a) => ({ sizes: a.input.sizes, dtype: a.input.dtype }),
  derivative: (F, { grad, input, normalized_shape, weight, bias, eps }) => {
    const [, mean, rstd] = F.nativeLayerNorm(input, normalized_shape, null, null, eps);
    const [gi, gw, gb] = F.nativeLayerNormBackward(grad, input, normalized_shape, mean, rstd, weight, bias, [
      true,
      weight != null,
      bias != null,
    ]);
    return { input: gi, weight: gw, bias: gb };
  },
  samples: (S) => [
    S.call('layer_norm', [S.randn([2, 3, 4]), [4], S.randn([4]), S.randn([4])]),
    S.call('layer_norm', [S.randn([2, 3, 4], 'strided'), [3, 4]]),
    S.call('layer_norm', [S.randn([4, 3], 'transposed'), [3], null, S.randn([3]), S.float(0.1)]),
    S.call('layer_norm', [S.randn([6]), [6]]),
    S.call('layer_norm', [S.randn([0, 2]), [2]]),
    S.call('layer_norm', [S.t([2, 3], { dtype: 'float64' }), [3], S.t([3], { dtype: 'float64' })]),
    S.error('layer_norm', [S.randn([2, 3]), []], 'Expected normalized_shape to be at least 1-dimensional'),
    S.error('layer_norm', [S.randn([2, 3, 4]), [3]], 'Given normalized_shape=[3], expected input with shape [*, 3]'),
    S.error(
      'layer_norm',
      [S.randn([2, 3]), [3], S.t([3], { dtype: 'float64' })],
      'expected scalar type Float but found Double',
    ),
  ],
});
