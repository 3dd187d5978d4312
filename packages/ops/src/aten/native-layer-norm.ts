import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { layerNormForward } from '../groups/norm.js';

export const nativeLayerNorm = defineOp({
  // Only the first output carries a gradient (the statistics are saved for backward), as in PyTorch.
  outputDifferentiability: [true, false, false],
  schemas: [
    'aten::native_layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight, Tensor? bias, float eps) -> (Tensor, Tensor, Tensor)',
    'aten::native_layer_norm.out(Tensor input, SymInt[] normalized_shape, Tensor? weight, Tensor? bias, float eps, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: (a, ctx) => layerNormForward(ctx, a.input, a.normalized_shape, a.weight, a.bias, num(a.eps)),
  derivative: (F, { grads, input, normalized_shape, weight, bias, result }) => {
    const [gi, gw, gb] = F.nativeLayerNormBackward(
      grads[0],
      input,
      normalized_shape,
      result[1],
      result[2],
      weight,
      bias,
      [true, weight != null, bias != null],
    );
    return { input: gi, weight: gw, bias: gb };
  },
  samples: (S) => {
    const f = S.float;
    return [
      S.call('native_layer_norm', [S.randn([2, 3, 4]), [4], S.randn([4]), S.randn([4]), f(1e-5)]),
      S.call('native_layer_norm', [S.randn([2, 3, 4]), [3, 4], null, null, f(1e-5)]),
      S.call('native_layer_norm', [S.randn([4, 3], 'transposed'), [3], S.randn([3], 'strided'), null, f(1e-3)]),
      S.call('native_layer_norm', [S.randn([5]), [5], null, S.randn([5]), f(1e-5)]),
      S.call('native_layer_norm', [S.randn([0, 3]), [3], null, null, f(1e-5)]),
      S.call('native_layer_norm', [
        S.t([2, 3], { dtype: 'float64' }),
        [3],
        S.t([3], { dtype: 'float64' }),
        null,
        f(1e-5),
      ]),
      S.error(
        'native_layer_norm',
        [S.randn([2, 3, 4]), [3], null, null, f(1e-5)],
        'Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[2, 3, 4]',
      ),
      S.error(
        'native_layer_norm',
        [S.randn([2, 4]), [4], S.randn([3]), null, f(1e-5)],
        'Expected weight to be of same shape as normalized_shape, but got weight of shape [3] and normalized_shape = [4]',
      ),
      S.error(
        'native_layer_norm',
        [S.ints([2, 3]), [3], null, null, f(1e-5)],
        '"LayerNormKernelImpl" not implemented for \'Long\'',
      ),
      S.call('native_layer_norm.out', [S.randn([2, 3]), [3], null, null, f(1e-5)], {
        out0: S.randn([2, 3]),
        out1: S.randn([2, 1]),
        out2: S.randn([2, 1]),
      }),
      // Empty rows: mean 0, rstd NaN, as PyTorch.
      S.call('native_layer_norm', [S.randn([2, 0]), [0], null, null, f(1e-5)]),
    ];
  },
});
