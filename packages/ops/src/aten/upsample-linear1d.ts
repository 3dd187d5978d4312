import { defineOp } from '../core/define-op.js';
import { upsampleMeta } from '../groups/nn-meta.js';
import { plainSpec, upsample, vecSpec } from '../groups/upsample.js';

export const upsampleLinear1d = defineOp({
  schemas: [
    'aten::upsample_linear1d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor',
    'aten::upsample_linear1d(Tensor self, SymInt[1] output_size, bool align_corners, float? scales=None) -> Tensor',
    'aten::upsample_linear1d.vec_out(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::upsample_linear1d.out(Tensor self, SymInt[1] output_size, bool align_corners, float? scales=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    vec: (a, ctx) =>
      upsample(ctx, 'linear', 1, a.input, vecSpec(1, a.input.sizes, a.output_size, a.scale_factors), a.align_corners),
    '': (a, ctx) => upsample(ctx, 'linear', 1, a.self, plainSpec(1, a.output_size, a), a.align_corners),
  },
  meta: { vec: (a) => upsampleMeta(1, a, true), '': (a) => upsampleMeta(1, a, false) },
  derivative: {
    vec: (F, c) => ({
      input: F.upsampleLinear1dBackward(c.grad, c.output_size, F.sizes(c.input), c.align_corners, c.scale_factors),
    }),
    '': (F, c) => ({
      self: F.upsampleLinear1dBackward(c.grad, c.output_size, F.sizes(c.self), c.align_corners, c.scales),
    }),
  },
  samples: (S) => [
    S.call('upsample_linear1d.vec', [S.randn([1, 2, 3]), [5], false, null]),
    S.call('upsample_linear1d.vec', [S.randn([1, 2, 3]), null, false, [2.5]]),
    S.call('upsample_linear1d.vec', [S.randn([2, 1, 4]), null, true, [0.5]]),
    S.call('upsample_linear1d.vec', [S.randn([1, 2, 4]), [2], true, null]),
    S.call('upsample_linear1d.vec', [S.randn([2, 2, 3], 'transposed'), [5], false, null]),
    S.call('upsample_linear1d.vec', [S.t([1, 1, 3], { dtype: 'float64' }), [6], false, null]),
    S.call('upsample_linear1d.vec', [S.randn([0, 2, 3]), [5], false, null]),
    S.call('upsample_linear1d', [S.randn([1, 2, 3]), [5], false]),
    S.call('upsample_linear1d', [S.randn([1, 2, 3]), [7], false, 2.5]),
    S.call('upsample_linear1d', [S.randn([1, 1, 6], 'strided'), [3], false]),
    S.call('upsample_linear1d.out', [S.randn([1, 2, 3]), [5], false], { out: S.randn([0]) }),
    S.call('upsample_linear1d.vec_out', [S.randn([1, 2, 3]), [5], false, null], { out: S.randn([0]) }),
    S.error(
      'upsample_linear1d.vec',
      [S.randn([1, 2, 3]), null, false, null],
      'Must specify exactly one of output_size and scale_factors',
    ),
    S.error(
      'upsample_linear1d.vec',
      [S.randn([1, 2, 3]), [0], false, null],
      'Input and output sizes should be greater than 0',
    ),
    S.error('upsample_linear1d.vec', [S.randn([1, 2, 3]), [4, 4], false, null], 'spatial_dimensions to be true'),
    S.error('upsample_linear1d.vec', [S.randn([1, 0, 3]), [5], false, null], 'Non-empty 3D data tensor expected'),
    S.error(
      'upsample_linear1d',
      [S.randn([2, 3]), [5], false],
      'It is expected input_size equals to 3, but got size 2',
    ),
    S.error('upsample_linear1d.vec', [S.ints([1, 2, 3]), [5], false, null], "not implemented for 'Long'"),
  ],
});
