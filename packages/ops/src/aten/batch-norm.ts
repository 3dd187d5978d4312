import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { batchNormForward, checkChannelParams } from '../groups/norm.js';

export const batchNorm = defineOp({
  schemas: [
    'aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor',
  ],
  impl: (a, ctx) => {
    if (a.input.sizes.length >= 2) {
      checkChannelParams(a.input, {
        weight: a.weight,
        bias: a.bias,
        running_mean: a.running_mean,
        running_var: a.running_var,
      });
    }
    return batchNormForward(
      ctx,
      a.input,
      a.weight,
      a.bias,
      a.running_mean,
      a.running_var,
      a.training,
      num(a.momentum),
      num(a.eps),
    )[0];
  },
  meta: (a) => ({ sizes: a.input.sizes, dtype: a.input.dtype }),
  // The statistics are recomputed without touching the running buffers (momentum 0 on none).
  derivative: (F, { grad, input, weight, bias, running_mean, running_var, training, eps }) => {
    let saveMean = null;
    let saveInvstd = null;
    if (training) [, saveMean, saveInvstd] = F.nativeBatchNorm(input, null, null, null, null, true, 0, eps);
    const [gi, gw, gb] = F.nativeBatchNormBackward(
      grad,
      input,
      weight,
      running_mean,
      running_var,
      saveMean,
      saveInvstd,
      training,
      eps,
      [true, weight != null, bias != null],
    );
    return { input: gi, weight: gw, bias: gb };
  },
  samples: (S) => {
    const stats = () => [S.t([3], { low: -1, high: 1 }), S.t([3], { low: 0.5, high: 2 })];
    const f = S.float;
    return [
      S.call(
        'batch_norm',
        [S.randn([2, 3, 4]), S.randn([3]), S.randn([3]), ...stats(), true, f(0.1), f(1e-5), false],
        undefined,
        {
          compareArgs: [3, 4],
        },
      ),
      S.call('batch_norm', [S.randn([4, 3], 'transposed'), null, null, ...stats(), false, f(0.1), f(1e-5), true]),
      S.call('batch_norm', [
        S.randn([2, 3, 2, 2]),
        S.randn([3], 'strided'),
        S.randn([3]),
        null,
        null,
        true,
        f(0.1),
        f(1e-5),
        true,
      ]),
      S.call('batch_norm', [S.randn([1, 3]), null, null, null, null, true, f(0.1), f(1e-5), false], undefined, {
        atol: 1e-3,
      }),
      S.call('batch_norm', [S.randn([0, 3]), null, null, null, null, true, f(0.1), f(1e-5), false]),
      S.call(
        'batch_norm',
        [
          S.t([2, 3, 2], { dtype: 'float64' }),
          null,
          null,
          S.t([3], { dtype: 'float64' }),
          S.t([3], { dtype: 'float64', low: 1, high: 2 }),
          true,
          f(0.1),
          f(1e-5),
          false,
        ],
        undefined,
        {
          compareArgs: [3, 4],
        },
      ),
      S.error(
        'batch_norm',
        [S.randn([2, 3]), null, null, S.randn([2]), S.randn([3]), true, f(0.1), f(1e-5), false],
        'running_mean should contain 3 elements not 2',
      ),
      S.error(
        'batch_norm',
        [S.randn([2, 3]), null, S.randn([2]), null, null, true, f(0.1), f(1e-5), false],
        'bias should contain 3 elements not 2',
      ),
      S.error(
        'batch_norm',
        [S.randn([3]), null, null, null, null, true, f(0.1), f(1e-5), false],
        'Dimension out of range',
      ),
      S.error(
        'batch_norm',
        [S.ints([2, 3]), null, null, null, null, true, f(0.1), f(1e-5), false],
        '"batch_norm" not implemented for \'Long\'',
      ),
    ];
  },
});
