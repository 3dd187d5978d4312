import { defineOp } from '../core/define-op.js';
import { upsampleMeta } from '../groups/nn-meta.js';
import { plainSpec, upsample, vecSpec } from '../groups/upsample.js';

export const _upsampleNearestExact3d = defineOp({
  schemas: [
    'aten::_upsample_nearest_exact3d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor',
    'aten::_upsample_nearest_exact3d(Tensor self, SymInt[3] output_size, float? scales_d=None, float? scales_h=None, float? scales_w=None) -> Tensor',
    'aten::_upsample_nearest_exact3d.vec_out(Tensor input, SymInt[]? output_size, float[]? scale_factors, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::_upsample_nearest_exact3d.out(Tensor self, SymInt[3] output_size, float? scales_d=None, float? scales_h=None, float? scales_w=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    vec: (a, ctx) =>
      upsample(ctx, 'nearest-exact', 3, a.input, vecSpec(3, a.input.sizes, a.output_size, a.scale_factors), false),
    '': (a, ctx) => upsample(ctx, 'nearest-exact', 3, a.self, plainSpec(3, a.output_size, a), false),
  },
  meta: { vec: (a) => upsampleMeta(3, a, true), '': (a) => upsampleMeta(3, a, false) },
  derivative: {
    vec: (F, c) => ({
      input: F._upsampleNearestExact3dBackward(c.grad, c.output_size, F.sizes(c.input), c.scale_factors),
    }),
    '': (F, c) => ({
      self: F._upsampleNearestExact3dBackward(
        c.grad,
        c.output_size,
        F.sizes(c.self),
        c.scales_d,
        c.scales_h,
        c.scales_w,
      ),
    }),
  },
  samples: (S) => [
    S.call('_upsample_nearest_exact3d.vec', [S.randn([1, 2, 3, 3, 3]), [5, 4, 3], null]),
    S.call('_upsample_nearest_exact3d.vec', [S.randn([1, 2, 3, 3, 3]), null, [2.5, 1.5, 2.0]]),
    S.call('_upsample_nearest_exact3d.vec', [S.randn([2, 1, 4, 4, 4]), null, [0.5, 0.75, 0.6]]),
    S.call('_upsample_nearest_exact3d.vec', [S.randn([1, 2, 4, 4, 4]), [2, 3, 3], null]),
    S.call('_upsample_nearest_exact3d.vec', [S.randn([2, 2, 3, 3, 3], 'transposed'), [5, 4, 3], null]),
    S.call('_upsample_nearest_exact3d.vec', [S.t([1, 1, 3, 3, 3], { dtype: 'float64' }), [6, 6, 6], null]),
    S.call('_upsample_nearest_exact3d.vec', [S.randn([0, 2, 3, 3, 3]), [5, 4, 3], null]),
    S.call('_upsample_nearest_exact3d', [S.randn([1, 2, 3, 3, 3]), [5, 4, 3]]),
    S.call('_upsample_nearest_exact3d', [S.randn([1, 2, 3, 3, 3]), [7, 5, 6], 2.5, 2.5, 2.5]),
    S.call('_upsample_nearest_exact3d', [S.randn([1, 1, 6, 6, 6], 'strided'), [3, 4, 2]]),
    S.call('_upsample_nearest_exact3d.out', [S.randn([1, 2, 3, 3, 3]), [5, 4, 3]], { out: S.randn([0]) }),
    S.call('_upsample_nearest_exact3d.vec_out', [S.randn([1, 2, 3, 3, 3]), [5, 4, 3], null], { out: S.randn([0]) }),
    S.error(
      '_upsample_nearest_exact3d.vec',
      [S.randn([1, 2, 3, 3, 3]), null, null],
      'Must specify exactly one of output_size and scale_factors',
    ),
    S.error(
      '_upsample_nearest_exact3d.vec',
      [S.randn([1, 2, 3, 3, 3]), [0, 4, 4], null],
      'Input and output sizes should be greater than 0',
    ),
    S.error(
      '_upsample_nearest_exact3d.vec',
      [S.randn([1, 2, 3, 3, 3]), [4, 4, 4, 4], null],
      'spatial_dimensions to be true',
    ),
    S.error(
      '_upsample_nearest_exact3d.vec',
      [S.randn([1, 0, 3, 3, 3]), [5, 4, 3], null],
      'Non-empty 5D data tensor expected',
    ),
    S.error(
      '_upsample_nearest_exact3d',
      [S.randn([2, 3, 3, 3]), [5, 4, 3]],
      'It is expected input_size equals to 5, but got size 4',
    ),
    S.call('_upsample_nearest_exact3d.vec', [S.t([1, 2, 3, 3, 3], { dtype: 'uint8' }), [5, 4, 3], null]),
  ],
});
