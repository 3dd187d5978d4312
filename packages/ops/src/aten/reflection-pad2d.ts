import { defineOp } from '../core/define-op.js';
import { padMeta } from '../groups/nn-meta.js';
import { checkPad, gatherPad } from '../groups/pad.js';

export const reflectionPad2d = defineOp({
  schemas: [
    'aten::reflection_pad2d(Tensor self, int[4] padding) -> Tensor',
    'aten::reflection_pad2d.out(Tensor self, int[4] padding, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPad('reflect', 2, a.self, a.padding);
    return gatherPad(ctx, 'reflect', a.self, a.padding);
  },
  meta: (a) => padMeta(a.self, a.padding),
  derivative: (F, { grad, self, padding }) => ({ self: F.reflectionPad2dBackward(grad, self, padding) }),
  samples: (S) => [
    S.call('reflection_pad2d', [S.randn([1, 2, 3, 4]), [1, 2, 2, 0]]),
    S.call('reflection_pad2d', [S.randn([2, 3, 4]), [2, 1, 1, 2]]),
    S.call('reflection_pad2d', [S.randn([2, 1, 3, 4]), [-1, 1, 1, 0]]),
    S.call('reflection_pad2d', [S.randn([2, 2, 3, 4], 'transposed'), [1, 2, 2, 0]]),
    S.call('reflection_pad2d', [S.t([1, 1, 3, 4], { dtype: 'float64' }), [2, 1, 1, 2]]),
    S.error('reflection_pad2d', [S.ints([1, 2, 3, 4]), [1, 2, 2, 0]], "not implemented for 'Long'"),
    S.call('reflection_pad2d', [S.randn([0, 2, 3, 4]), [1, 2, 2, 0]]),
    S.call('reflection_pad2d.out', [S.randn([1, 1, 3, 4]), [1, 2, 2, 0]], { out: S.randn([0]) }),
    S.error('reflection_pad2d', [S.randn([1, 0, 3, 4]), [1, 2, 2, 0]], '(batch mode) tensor'),
    S.error(
      'reflection_pad2d',
      [S.randn([1, 1, 3, 4]), [4, 0, 0, 0]],
      'Padding size should be less than the corresponding input dimension',
    ),
  ],
});
