import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { opResult, packedLinear, qTensorPerChannel } from '../groups/quantized-samples.js';
import { applyDynamic } from './apply-dynamic.js';
import { isLinearPackedParams } from './linear-packed-params.js';

export const linearDynamic = defineOp({
  schemas: [
    'quantized::linear_dynamic(Tensor X, __torch__.torch.classes.quantized.LinearPackedParamsBase W_prepack, bool reduce_range=False) -> Tensor Y',
  ],
  impl: ({ X, W_prepack, reduce_range }, ctx) => {
    if (!isLinearPackedParams(W_prepack)) {
      throw new OpError('quantized::linear_dynamic expects a LinearPackedParamsBase', 'TypeError');
    }
    return applyDynamic(ctx, X, W_prepack, reduce_range);
  },
  nondifferentiable:
    'dynamically quantized inference kernel (PyTorch defines no derivative for quantized::linear_dynamic)',
  samples: (S) => {
    const tol = { rtol: 1e-5, atol: 1e-5 };
    const perChannel = opResult('quantized::linear_prepack', [
      qTensorPerChannel(S, S.t([3, 4], { low: -0.3, high: 0.3 }), [0.002, 0.003, 0.001], [0, 0, 0], 0),
      S.t([3]),
    ]);
    return [
      S.call('quantized::linear_dynamic', [S.t([5, 4]), packedLinear(S, 3, 4, 0.002, true), true], undefined, tol),
      S.call('quantized::linear_dynamic', [S.t([5, 4]), packedLinear(S, 3, 4, 0.002, true), false], undefined, tol),
      S.call(
        'quantized::linear_dynamic',
        [S.t([2, 3, 6], { low: 0, high: 5 }), packedLinear(S, 4, 6, 0.003, false)],
        undefined,
        tol,
      ),
      S.call(
        'quantized::linear_dynamic',
        [S.t([4, 4], { low: -7, high: -1 }), packedLinear(S, 2, 4, 0.002, true), true],
        undefined,
        tol,
      ),
      S.call(
        'quantized::linear_dynamic',
        [S.t([4, 5], { layout: 'transposed' }), packedLinear(S, 3, 5, 0.002, true), true],
        undefined,
        tol,
      ),
      S.call('quantized::linear_dynamic', [S.t([3, 4]), perChannel, true], undefined, tol),
      // All zeros: the scale falls back to 0.1, the output is the bias.
      S.call(
        'quantized::linear_dynamic',
        [S.of(new Array(8).fill(0), [2, 4]), packedLinear(S, 3, 4, 0.002, true), true],
        undefined,
        tol,
      ),
      // Tiny values: the scale is raised to 6.1e-5.
      S.call(
        'quantized::linear_dynamic',
        [S.t([2, 4], { low: -1e-4, high: 1e-3 }), packedLinear(S, 3, 4, 0.002, false), true],
        undefined,
        tol,
      ),
      S.call('quantized::linear_dynamic', [S.t([0, 4]), packedLinear(S, 3, 4, 0.002, true), true]),
      S.error(
        'quantized::linear_dynamic',
        [S.t([4]), packedLinear(S, 3, 4, 0.002, true)],
        'The dimension of input tensor should be larger than or equal to 2',
      ),
      S.error(
        'quantized::linear_dynamic',
        [S.t([2, 4], { dtype: 'float64' }), packedLinear(S, 3, 4, 0.002, true)],
        'data type of input should be float',
      ),
      S.error(
        'quantized::linear_dynamic',
        [S.t([2, 5]), packedLinear(S, 3, 4, 0.002, true)],
        'could not create a descriptor for a matmul primitive',
      ),
    ];
  },
});
