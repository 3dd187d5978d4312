import { defineOp } from '../core/define-op.js';
import { softmaxForward } from '../groups/softmax-like.js';

export const _softmax = defineOp({
  schemas: [
    'aten::_softmax(Tensor self, int dim, bool half_to_float) -> Tensor',
    'aten::_softmax.out(Tensor self, int dim, bool half_to_float, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => softmaxForward(ctx, false, args.self, args.dim, null, args.half_to_float),
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, result, self, dim }) => ({ self: F._softmaxBackwardData(grad, result, dim, self.dtype) }),
  samples: (S) => [
    S.call('_softmax', [S.randn([2, 5]), 1, false]),
    S.call('_softmax', [S.randn([3, 4], 'transposed'), 0, false]),
    S.call('_softmax', [S.randn([2, 3, 2], 'strided'), -1, false]),
    S.call('_softmax', [S.randn([]), -1, false]),
    S.call('_softmax', [S.randn([0, 4]), 0, false]),
    S.call('_softmax', [S.t([2, 3], { dtype: 'float64' }), 1, false]),
    S.error('_softmax', [S.randn([2]), 0, true], 'softmax with half to float conversion is not supported on CPU'),
    S.error('_softmax', [S.randn([2]), 1, false], 'Dimension out of range'),
    S.call('_softmax.out', [S.randn([2, 3]), 1, false], { out: S.randn([2, 3]) }),
  ],
});
