import { defineOp } from '../core/define-op.js';
import { padMeta } from '../groups/nn-meta.js';
import { checkPad, gatherPad } from '../groups/pad.js';

export const reflectionPad1d = defineOp({
  schemas: [
    'aten::reflection_pad1d(Tensor self, int[2] padding) -> Tensor',
    'aten::reflection_pad1d.out(Tensor self, int[2] padding, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => {
    checkPad('reflect', 1, a.self, a.padding);
    return gatherPad(ctx, 'reflect', a.self, a.padding);
  },
  meta: (a) => padMeta(a.self, a.padding),
  derivative: (F, { grad, self, padding }) => ({ self: F.reflectionPad1dBackward(grad, self, padding) }),
  samples: (S) => [
    S.call('reflection_pad1d', [S.randn([1, 2, 4]), [1, 2]]),
    S.call('reflection_pad1d', [S.randn([2, 4]), [2, 1]]),
    S.call('reflection_pad1d', [S.randn([2, 1, 4]), [-1, 1]]),
    S.call('reflection_pad1d', [S.randn([2, 2, 4], 'transposed'), [1, 2]]),
    S.call('reflection_pad1d', [S.t([1, 1, 4], { dtype: 'float64' }), [2, 1]]),
    S.error('reflection_pad1d', [S.ints([1, 2, 4]), [1, 2]], "not implemented for 'Long'"),
    S.call('reflection_pad1d', [S.randn([0, 2, 4]), [1, 2]]),
    S.call('reflection_pad1d.out', [S.randn([1, 1, 4]), [1, 2]], { out: S.randn([0]) }),
    S.error('reflection_pad1d', [S.randn([1, 0, 4]), [1, 2]], '(batch mode) tensor'),
    S.error(
      'reflection_pad1d',
      [S.randn([1, 1, 4]), [4, 1]],
      'Padding size should be less than the corresponding input dimension',
    ),
  ],
});
