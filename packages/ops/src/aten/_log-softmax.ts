import { defineOp } from '../core/define-op.js';
import { softmaxForward } from '../groups/softmax-like.js';

export const _logSoftmax = defineOp({
  schemas: [
    'aten::_log_softmax(Tensor self, int dim, bool half_to_float) -> Tensor',
    'aten::_log_softmax.out(Tensor self, int dim, bool half_to_float, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => softmaxForward(ctx, true, args.self, args.dim, null, args.half_to_float),
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, result, self, dim }) => ({ self: F._logSoftmaxBackwardData(grad, result, dim, self.dtype) }),
  samples: (S) => [
    S.call('_log_softmax', [S.randn([2, 5]), 1, false]),
    S.call('_log_softmax', [S.randn([3, 4], 'transposed'), 0, false]),
    S.call('_log_softmax', [S.randn([2, 3, 2], 'strided'), -1, false]),
    S.call('_log_softmax', [S.randn([]), -1, false]),
    S.call('_log_softmax', [S.randn([0, 4]), 0, false]),
    S.call('_log_softmax', [S.t([2, 3], { dtype: 'float64' }), 1, false]),
    S.error('_log_softmax', [S.randn([2]), 0, true], 'softmax with half to float conversion is not supported on CPU'),
    S.error('_log_softmax', [S.randn([2]), 1, false], 'Dimension out of range'),
    S.call('_log_softmax.out', [S.randn([2, 3]), 1, false], { out: S.randn([2, 3]) }),
  ],
});
