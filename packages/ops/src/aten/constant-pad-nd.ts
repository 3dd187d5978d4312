import { defineOp } from '../core/define-op.js';
import { padMeta } from '../groups/nn-meta.js';
import { constantPad } from '../groups/pad.js';

export const constantPadNd = defineOp({
  schemas: [
    'aten::constant_pad_nd(Tensor self, int[] pad, Scalar value=0) -> Tensor',
    'aten::constant_pad_nd.out(Tensor self, int[] pad, Scalar value=0, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => constantPad(ctx, a.self, a.pad, a.value),
  meta: (a) => padMeta(a.self, a.pad),
  derivative: (F, { grad, pad }) => ({
    self: F.constantPadNd(
      grad,
      pad.map((p: number) => -p),
      0,
    ),
  }),
  samples: (S) => [
    S.call('constant_pad_nd', [S.randn([2, 3]), [1, 2]]),
    S.call('constant_pad_nd', [S.randn([2, 3]), [1, 0, 2, 1], S.float(1.5)]),
    S.call('constant_pad_nd', [S.randn([2, 3, 4], 'transposed'), [-1, 2, 0, 1, 1, 1]]),
    S.call('constant_pad_nd', [S.randn([2, 4]), [-2, -1]]),
    S.call('constant_pad_nd', [S.randn([2, 3]), []]),
    S.call('constant_pad_nd', [S.ints([3, 2]), [1, 1], 7]),
    S.call('constant_pad_nd', [S.t([2, 2], { dtype: 'float64' }), [0, 0, 1, 0], -2]),
    S.call('constant_pad_nd', [S.bools([3]), [1, 1], true]),
    S.call('constant_pad_nd', [S.randn([0, 2]), [1, 1, 1, 1]]),
    S.call('constant_pad_nd', [S.randn([]), []]),
    S.call('constant_pad_nd.out', [S.randn([2, 3]), [1, 2]], { out: S.randn([0]) }),
    S.error('constant_pad_nd', [S.randn([2, 3]), [1, 1, 1]], 'Length of pad must be even but instead it equals 3'),
    S.error(
      'constant_pad_nd',
      [S.randn([2, 3]), [1, 1, 1, 1, 1, 1]],
      'Length of pad should be no more than twice the number of dimensions of the input',
    ),
  ],
});
