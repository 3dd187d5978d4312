import { defineOp } from '../core/define-op.js';
import { numel } from '../core/helpers.js';
import { num } from '../groups/nn-math.js';
import { groupNormForward } from '../groups/norm.js';

export const groupNorm = defineOp({
  schemas: [
    'aten::group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1.0000000000000001e-05, bool cudnn_enabled=True) -> Tensor',
  ],
  impl: (a, ctx) => {
    const [N, C] = a.input.sizes;
    const HxW = numel(a.input.sizes.slice(2));
    return groupNormForward(ctx, a.input, a.weight, a.bias, N, C, HxW, a.num_groups, num(a.eps))[0];
  },
  meta: (a) => ({ sizes: a.input.sizes, dtype: a.input.dtype }),
  derivative: (F, { grad, input, num_groups, weight, bias, eps }) => {
    const [N, C] = input.sizes;
    const HxW = input.sizes.slice(2).reduce((p: number, s: number) => p * s, 1);
    const [, mean, rstd] = F.nativeGroupNorm(input, null, null, N, C, HxW, num_groups, eps);
    const [gi, gw, gb] = F.nativeGroupNormBackward(grad, input, mean, rstd, weight, N, C, HxW, num_groups, [
      true,
      weight != null,
      bias != null,
    ]);
    return { input: gi, weight: gw, bias: gb };
  },
  samples: (S) => [
    S.call('group_norm', [S.randn([2, 4, 3]), 2, S.randn([4]), S.randn([4])]),
    S.call('group_norm', [S.randn([2, 6, 2, 2], 'strided'), 3]),
    S.call('group_norm', [S.randn([3, 4], 'transposed'), 4, null, S.randn([4]), S.float(0.1)]),
    S.call('group_norm', [S.t([2, 2, 3], { dtype: 'float64' }), 1, S.t([2], { dtype: 'float64' })]),
    S.error(
      'group_norm',
      [S.randn([2, 3, 4]), 2],
      'Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 3, 4] and num_groups=2',
    ),
    S.error(
      'group_norm',
      [S.randn([2, 3, 4]), 3, S.randn([2])],
      'Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [2] and input of shape [2, 3, 4]',
    ),
    S.error('group_norm', [S.ints([2, 4]), 2], '"GroupNormKernelImpl" not implemented for \'Long\''),
  ],
});
