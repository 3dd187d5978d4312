import { defineOp } from '../core/define-op.js';
import { padMeta } from '../groups/nn-meta.js';
import { checkPad, gatherPad } from '../groups/pad.js';

export const reflectionPad3d = defineOp({
  schemas: [
    'aten::reflection_pad3d(Tensor self, int[6] padding) -> Tensor',
    'aten::reflection_pad3d.out(Tensor self, int[6] padding, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPad('reflect', 3, a.self, a.padding);
    return gatherPad(ctx, 'reflect', a.self, a.padding);
  },
  meta: (a) => padMeta(a.self, a.padding),
  derivative: (F, { grad, self, padding }) => ({ self: F.reflectionPad3dBackward(grad, self, padding) }),
  samples: (S) => [
    S.call('reflection_pad3d', [S.randn([1, 2, 3, 4, 3]), [1, 2, 2, 0, 1, 1]]),
    S.call('reflection_pad3d', [S.randn([2, 3, 4, 3]), [2, 1, 1, 2, 0, 1]]),
    S.call('reflection_pad3d', [S.randn([2, 1, 3, 4, 3]), [-1, 1, 1, 0, 1, -1]]),
    S.call('reflection_pad3d', [S.randn([2, 2, 3, 4, 3], 'transposed'), [1, 2, 2, 0, 1, 1]]),
    S.call('reflection_pad3d', [S.t([1, 1, 3, 4, 3], { dtype: 'float64' }), [2, 1, 1, 2, 0, 1]]),
    S.error('reflection_pad3d', [S.ints([1, 2, 3, 4, 3]), [1, 2, 2, 0, 1, 1]], "not implemented for 'Long'"),
    S.call('reflection_pad3d', [S.randn([0, 2, 3, 4, 3]), [1, 2, 2, 0, 1, 1]]),
    S.call('reflection_pad3d.out', [S.randn([1, 1, 3, 4, 3]), [1, 2, 2, 0, 1, 1]], { out: S.randn([0]) }),
    S.error('reflection_pad3d', [S.randn([1, 0, 3, 4, 3]), [1, 2, 2, 0, 1, 1]], '(batch mode) tensor'),
    S.error(
      'reflection_pad3d',
      [S.randn([1, 1, 3, 4, 3]), [4, 0, 0, 0, 0, 0]],
      'Padding size should be less than the corresponding input dimension',
    ),
  ],
});
