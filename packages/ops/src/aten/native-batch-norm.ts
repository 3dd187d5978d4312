import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { batchNormForward } from '../groups/norm.js';

export const nativeBatchNorm = defineOp({
  // Only the first output carries a gradient (the statistics are saved for backward), as in PyTorch.
  outputDifferentiability: [true, false, false],
  schemas: [
    'aten::native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)',
    'aten::native_batch_norm.out(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps, *, Tensor(a!) out, Tensor(b!) save_mean, Tensor(c!) save_invstd) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: (a, ctx) =>
    batchNormForward(
      ctx,
      a.input,
      a.weight,
      a.bias,
      a.running_mean,
      a.running_var,
      a.training,
      num(a.momentum),
      num(a.eps),
    ),
  derivative: (F, { grads, input, weight, bias, running_mean, running_var, training, eps, result }) => {
    const [, saveMean, saveInvstd] = result;
    const [gi, gw, gb] = F.nativeBatchNormBackward(
      grads[0],
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
    return [
      S.call(
        'native_batch_norm',
        [S.randn([2, 3, 4]), S.randn([3]), S.randn([3]), ...stats(), true, S.float(0.1), S.float(1e-5)],
        undefined,
        {
          compareArgs: [3, 4],
        },
      ),
      S.call(
        'native_batch_norm',
        [S.randn([4, 3]), null, null, ...stats(), true, S.float(0.3), S.float(1e-3)],
        undefined,
        {
          compareArgs: [3, 4],
        },
      ),
      S.call('native_batch_norm', [
        S.randn([2, 3, 2, 2], 'transposed'),
        S.randn([3]),
        null,
        null,
        null,
        true,
        S.float(0.1),
        S.float(1e-5),
      ]),
      S.call('native_batch_norm', [
        S.randn([2, 3, 4]),
        S.randn([3]),
        S.randn([3]),
        ...stats(),
        false,
        S.float(0.1),
        S.float(1e-5),
      ]),
      S.call('native_batch_norm', [
        S.randn([2, 3], 'strided'),
        null,
        S.randn([3]),
        ...stats(),
        false,
        S.float(0.1),
        S.float(1e-5),
      ]),
      S.call(
        'native_batch_norm',
        [
          S.t([3, 3, 2], { dtype: 'float64' }),
          S.t([3], { dtype: 'float64' }),
          null,
          S.t([3], { dtype: 'float64' }),
          S.t([3], { dtype: 'float64', low: 0.5, high: 1 }),
          true,
          S.float(0.5),
          S.float(1e-5),
        ],
        undefined,
        { compareArgs: [3, 4] },
      ),
      S.error(
        'native_batch_norm',
        [S.ints([2, 3]), null, null, null, null, true, S.float(0.1), S.float(1e-5)],
        '"batch_norm" not implemented for \'Long\'',
      ),
      S.error(
        'native_batch_norm',
        [S.randn([2, 3]), S.t([3], { dtype: 'float64' }), null, null, null, true, S.float(0.1), S.float(1e-5)],
        'mixed dtype (CPU): expect parameter to have scalar type of Float',
      ),
    ];
  },
});
