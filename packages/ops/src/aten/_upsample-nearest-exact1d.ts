import { defineOp } from '../core/define-op.js';
import { upsampleMeta } from '../groups/nn-meta.js';
import { plainSpec, upsample, vecSpec } from '../groups/upsample.js';

export const _upsampleNearestExact1d = defineOp({
  schemas: [
    'aten::_upsample_nearest_exact1d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor',
    'aten::_upsample_nearest_exact1d(Tensor self, SymInt[1] output_size, float? scales=None) -> Tensor',
    'aten::_upsample_nearest_exact1d.vec_out(Tensor input, SymInt[]? output_size, float[]? scale_factors, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::_upsample_nearest_exact1d.out(Tensor self, SymInt[1] output_size, float? scales=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    vec: (a, ctx) =>
      upsample(ctx, 'nearest-exact', 1, a.input, vecSpec(1, a.input.sizes, a.output_size, a.scale_factors), false),
    '': (a, ctx) => upsample(ctx, 'nearest-exact', 1, a.self, plainSpec(1, a.output_size, a), false),
  },
  meta: { vec: (a) => upsampleMeta(1, a, true), '': (a) => upsampleMeta(1, a, false) },
  derivative: {
    vec: (F, c) => ({
      input: F._upsampleNearestExact1dBackward(c.grad, c.output_size, F.sizes(c.input), c.scale_factors),
    }),
    '': (F, c) => ({ self: F._upsampleNearestExact1dBackward(c.grad, c.output_size, F.sizes(c.self), c.scales) }),
  },
  samples: (S) => [
    S.call('_upsample_nearest_exact1d.vec', [S.randn([1, 2, 3]), [5], null]),
    S.call('_upsample_nearest_exact1d.vec', [S.randn([1, 2, 3]), null, [2.5]]),
    S.call('_upsample_nearest_exact1d.vec', [S.randn([2, 1, 4]), null, [0.5]]),
    S.call('_upsample_nearest_exact1d.vec', [S.randn([1, 2, 4]), [2], null]),
    S.call('_upsample_nearest_exact1d.vec', [S.randn([2, 2, 3], 'transposed'), [5], null]),
    S.call('_upsample_nearest_exact1d.vec', [S.t([1, 1, 3], { dtype: 'float64' }), [6], null]),
    S.call('_upsample_nearest_exact1d.vec', [S.randn([0, 2, 3]), [5], null]),
    S.call('_upsample_nearest_exact1d', [S.randn([1, 2, 3]), [5]]),
    S.call('_upsample_nearest_exact1d', [S.randn([1, 2, 3]), [7], 2.5]),
    S.call('_upsample_nearest_exact1d', [S.randn([1, 1, 6], 'strided'), [3]]),
    S.call('_upsample_nearest_exact1d.out', [S.randn([1, 2, 3]), [5]], { out: S.randn([0]) }),
    S.call('_upsample_nearest_exact1d.vec_out', [S.randn([1, 2, 3]), [5], null], { out: S.randn([0]) }),
    S.error(
      '_upsample_nearest_exact1d.vec',
      [S.randn([1, 2, 3]), null, null],
      'Must specify exactly one of output_size and scale_factors',
    ),
    S.error(
      '_upsample_nearest_exact1d.vec',
      [S.randn([1, 2, 3]), [0], null],
      'Input and output sizes should be greater than 0',
    ),
    S.error('_upsample_nearest_exact1d.vec', [S.randn([1, 2, 3]), [4, 4], null], 'spatial_dimensions to be true'),
    S.error('_upsample_nearest_exact1d.vec', [S.randn([1, 0, 3]), [5], null], 'Non-empty 3D data tensor expected'),
    S.error(
      '_upsample_nearest_exact1d',
      [S.randn([2, 3]), [5]],
      'It is expected input_size equals to 3, but got size 2',
    ),
    S.call('_upsample_nearest_exact1d.vec', [S.t([1, 2, 3], { dtype: 'uint8' }), [5], null]),
  ],
});
