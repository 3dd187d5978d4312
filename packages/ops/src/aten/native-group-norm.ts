import { defineOp } from '../core/define-op.js';
import { num } from '../groups/nn-math.js';
import { groupNormForward } from '../groups/norm.js';

export const nativeGroupNorm = defineOp({
  // Only the first output carries a gradient (the statistics are saved for backward), as in PyTorch.
  outputDifferentiability: [true, false, false],
  schemas: [
    'aten::native_group_norm(Tensor input, Tensor? weight, Tensor? bias, SymInt N, SymInt C, SymInt HxW, int group, float eps) -> (Tensor, Tensor, Tensor)',
    'aten::native_group_norm.out(Tensor input, Tensor? weight, Tensor? bias, SymInt N, SymInt C, SymInt HxW, int group, float eps, *, Tensor(a!) out0, Tensor(b!) out1, Tensor(c!) out2) -> (Tensor(a!), Tensor(b!), Tensor(c!))',
  ],
  impl: (a, ctx) => groupNormForward(ctx, a.input, a.weight, a.bias, a.N, a.C, a.HxW, a.group, num(a.eps)),
  derivative: (F, { grads, input, weight, bias, N, C, HxW, group, result }) => {
    const [gi, gw, gb] = F.nativeGroupNormBackward(grads[0], input, result[1], result[2], weight, N, C, HxW, group, [
      true,
      weight != null,
      bias != null,
    ]);
    return { input: gi, weight: gw, bias: gb };
  },
  samples: (S) => {
    const f = S.float;
    return [
      S.call('native_group_norm', [S.randn([2, 4, 3]), S.randn([4]), S.randn([4]), 2, 4, 3, 2, f(1e-5)]),
      S.call('native_group_norm', [S.randn([2, 3, 2, 2]), null, null, 2, 3, 4, 3, f(1e-5)]),
      S.call('native_group_norm', [S.randn([2, 4]), S.randn([4]), null, 2, 4, 1, 1, f(1e-3)]),
      S.call('native_group_norm', [
        S.t([3, 2, 2], { dtype: 'float64' }),
        null,
        S.t([2], { dtype: 'float64' }),
        3,
        2,
        2,
        2,
        f(1e-5),
      ]),
      S.error(
        'native_group_norm',
        [S.randn([2, 3, 4]), null, null, 2, 3, 4, 2, f(1e-5)],
        'Expected number of channels in input to be divisible by num_groups',
      ),
      S.call('native_group_norm.out', [S.randn([2, 4]), null, null, 2, 4, 1, 2, f(1e-5)], {
        out0: S.randn([2, 4]),
        out1: S.randn([2, 2]),
        out2: S.randn([2, 2]),
      }),
    ];
  },
});
