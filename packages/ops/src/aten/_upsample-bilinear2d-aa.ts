import { defineOp } from '../core/define-op.js';
import { upsampleMeta } from '../groups/nn-meta.js';
import { plainSpec, upsample, vecSpec } from '../groups/upsample.js';

export const _upsampleBilinear2dAa = defineOp({
  schemas: [
    'aten::_upsample_bilinear2d_aa.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor',
    'aten::_upsample_bilinear2d_aa(Tensor self, SymInt[2] output_size, bool align_corners, float? scales_h=None, float? scales_w=None) -> Tensor',
    'aten::_upsample_bilinear2d_aa.vec_out(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::_upsample_bilinear2d_aa.out(Tensor self, SymInt[2] output_size, bool align_corners, float? scales_h=None, float? scales_w=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    vec: (a, ctx) =>
      upsample(
        ctx,
        'linear-aa',
        2,
        a.input,
        vecSpec(2, a.input.sizes, a.output_size, a.scale_factors),
        a.align_corners,
      ),
    '': (a, ctx) => upsample(ctx, 'linear-aa', 2, a.self, plainSpec(2, a.output_size, a), a.align_corners),
  },
  meta: { vec: (a) => upsampleMeta(2, a, true), '': (a) => upsampleMeta(2, a, false) },
  derivative: {
    vec: (F, c) => ({
      input: F._upsampleBilinear2dAaBackward(c.grad, c.output_size, F.sizes(c.input), c.align_corners, c.scale_factors),
    }),
    '': (F, c) => ({
      self: F._upsampleBilinear2dAaBackward(
        c.grad,
        c.output_size,
        F.sizes(c.self),
        c.align_corners,
        c.scales_h,
        c.scales_w,
      ),
    }),
  },
  samples: (S) => [
    S.call('_upsample_bilinear2d_aa.vec', [S.randn([1, 2, 3, 3]), [5, 4], false, null]),
    S.call('_upsample_bilinear2d_aa.vec', [S.randn([1, 2, 3, 3]), null, false, [2.5, 1.5]]),
    S.call('_upsample_bilinear2d_aa.vec', [S.randn([2, 1, 4, 4]), null, true, [0.5, 0.75]]),
    S.call('_upsample_bilinear2d_aa.vec', [S.randn([1, 2, 4, 4]), [2, 3], true, null]),
    S.call('_upsample_bilinear2d_aa.vec', [S.randn([2, 2, 3, 3], 'transposed'), [5, 4], false, null]),
    S.call('_upsample_bilinear2d_aa.vec', [S.t([1, 1, 3, 3], { dtype: 'float64' }), [6, 6], false, null]),
    S.call('_upsample_bilinear2d_aa.vec', [S.randn([0, 2, 3, 3]), [5, 4], false, null]),
    S.call('_upsample_bilinear2d_aa', [S.randn([1, 2, 3, 3]), [5, 4], false]),
    S.call('_upsample_bilinear2d_aa', [S.randn([1, 2, 3, 3]), [7, 5], false, 2.5, 2.5]),
    S.call('_upsample_bilinear2d_aa', [S.randn([1, 1, 6, 6], 'strided'), [3, 4], false]),
    S.call('_upsample_bilinear2d_aa.out', [S.randn([1, 2, 3, 3]), [5, 4], false], { out: S.randn([0]) }),
    S.call('_upsample_bilinear2d_aa.vec_out', [S.randn([1, 2, 3, 3]), [5, 4], false, null], { out: S.randn([0]) }),
    S.error(
      '_upsample_bilinear2d_aa.vec',
      [S.randn([1, 2, 3, 3]), null, false, null],
      'Must specify exactly one of output_size and scale_factors',
    ),
    S.error(
      '_upsample_bilinear2d_aa.vec',
      [S.randn([1, 2, 3, 3]), [0, 4], false, null],
      'Input and output sizes should be greater than 0',
    ),
    S.error(
      '_upsample_bilinear2d_aa.vec',
      [S.randn([1, 2, 3, 3]), [4, 4, 4], false, null],
      'spatial_dimensions to be true',
    ),
    S.error(
      '_upsample_bilinear2d_aa.vec',
      [S.randn([1, 0, 3, 3]), [5, 4], false, null],
      'Non-empty 4D data tensor expected',
    ),
    S.error(
      '_upsample_bilinear2d_aa',
      [S.randn([2, 3, 3]), [5, 4], false],
      'It is expected input_size equals to 4, but got size 3',
    ),
    S.error('_upsample_bilinear2d_aa.vec', [S.ints([1, 2, 3, 3]), [5, 4], false, null], "not implemented for 'Long'"),
  ],
});
