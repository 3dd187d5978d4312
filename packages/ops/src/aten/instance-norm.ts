import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { Calc, num } from '../groups/nn-math.js';
import { batchNormForward, checkParamDtypes, groupNormForward } from '../groups/norm.js';

export const instanceNorm = defineOp({
  schemas: [
    'aten::instance_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool use_input_stats, float momentum, float eps, bool cudnn_enabled) -> Tensor',
  ],
  // Per-(n, c) statistics over the spatial dims; the running stats (per channel) are updated with
  // the batch average of the per-instance mean and unbiased variance, as PyTorch's instance_norm.
  impl: (a, ctx) => {
    const { input, weight, bias, running_mean: rm, running_var: rv } = a;
    const eps = num(a.eps);
    const momentum = num(a.momentum);
    if (!a.use_input_stats) {
      if (rm == null || rv == null) {
        throw new OpError('Expected running_mean and running_var to be defined when use_input_stats is false');
      }
      return batchNormForward(ctx, input, weight, bias, rm, rv, false, momentum, eps)[0];
    }
    if (input.sizes.length < 2) {
      throw new OpError(`Dimension out of range (expected to be in range of [-1, 0], but got 1)`, 'IndexError');
    }
    checkParamDtypes(input, [rm, rv]);
    const [N, C] = input.sizes;
    const HxW = numel(input.sizes.slice(2));
    const [out] = groupNormForward(ctx, input, weight, bias, N, C, HxW, C, eps);
    if (rm != null || rv != null) {
      const c = new Calc(ctx, input.dtype);
      const rows = c.reshape(input, [N, C, HxW]);
      if (rm != null) {
        const m = c.mean(c.mean(rows, [2]), [0]);
        K.copy(rm, c.add(c.mul(rm, 1 - momentum), c.mul(m, momentum)));
        ctx.bumpVersion(rm);
      }
      if (rv != null) {
        const v = c.mean(c.variance(rows, [2], 1), [0]);
        K.copy(rv, c.add(c.mul(rv, 1 - momentum), c.mul(v, momentum)));
        ctx.bumpVersion(rv);
      }
    }
    return out;
  },
  meta: (a) => ({ sizes: a.input.sizes, dtype: a.input.dtype }),
  // With input statistics it is group norm with one group per channel; otherwise an affine map
  // with the running statistics (batch norm in eval mode).
  derivative: (F, { grad, input, weight, bias, running_mean, running_var, use_input_stats, eps }) => {
    const mask = [true, weight != null, bias != null];
    if (!use_input_stats) {
      const [gi, gw, gb] = F.nativeBatchNormBackward(
        grad,
        input,
        weight,
        running_mean,
        running_var,
        null,
        null,
        false,
        eps,
        mask,
      );
      return { input: gi, weight: gw, bias: gb };
    }
    const [N, C] = input.sizes;
    const HxW = input.sizes.slice(2).reduce((p: number, s: number) => p * s, 1);
    const [, mean, rstd] = F.nativeGroupNorm(input, null, null, N, C, HxW, C, eps);
    const [gi, gw, gb] = F.nativeGroupNormBackward(grad, input, mean, rstd, weight, N, C, HxW, C, mask);
    return { input: gi, weight: gw, bias: gb };
  },
  samples: (S) => {
    const f = S.float;
    const stats = () => [S.t([3], { low: -1, high: 1 }), S.t([3], { low: 0.5, high: 2 })];
    return [
      S.call(
        'instance_norm',
        [S.randn([2, 3, 4]), S.randn([3]), S.randn([3]), ...stats(), true, f(0.1), f(1e-5), false],
        undefined,
        {
          compareArgs: [3, 4],
        },
      ),
      S.call('instance_norm', [S.randn([2, 3, 2, 2], 'strided'), null, null, null, null, true, f(0.1), f(1e-5), false]),
      S.call('instance_norm', [S.randn([2, 3, 4]), S.randn([3]), null, ...stats(), false, f(0.1), f(1e-5), false]),
      S.call('instance_norm', [
        S.randn([2, 3, 3], 'transposed'),
        null,
        S.randn([3]),
        null,
        null,
        true,
        f(0.1),
        f(1e-5),
        false,
      ]),
      S.call(
        'instance_norm',
        [
          S.t([2, 3, 3], { dtype: 'float64' }),
          null,
          null,
          S.t([3], { dtype: 'float64' }),
          S.t([3], { dtype: 'float64', low: 1, high: 2 }),
          true,
          f(0.5),
          f(1e-5),
          false,
        ],
        undefined,
        {
          compareArgs: [3, 4],
        },
      ),
      S.error(
        'instance_norm',
        [S.randn([2, 3, 4]), null, null, null, null, false, f(0.1), f(1e-5), false],
        'Expected running_mean and running_var to be defined when use_input_stats is false',
      ),
    ];
  },
});
