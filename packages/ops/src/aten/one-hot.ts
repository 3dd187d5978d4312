import { defineOp } from '../core/define-op.js';
import { oneHot as run } from '../groups/embedding.js';

export const oneHot = defineOp({
  schemas: ['aten::one_hot(Tensor self, int num_classes=-1) -> Tensor'],
  impl: (a, ctx) => run(ctx, a.self, a.num_classes),
  nondifferentiable: 'integer output',
  samples: (S) => [
    S.call('one_hot', [S.of([0, 2, 1, 2], [4], 'int64')]),
    S.call('one_hot', [S.of([0, 2, 1, 2], [2, 2], 'int64'), 5]),
    S.call('one_hot', [S.t([2, 3], { dtype: 'int64', low: 0, high: 4, layout: 'transposed' }), 4]),
    S.call('one_hot', [S.of([3], [], 'int64')]),
    S.call('one_hot', [S.ints([0]), 3]),
    S.error('one_hot', [S.of([1, -1], [2], 'int64'), 3], 'Class values must be non-negative.'),
    S.error('one_hot', [S.of([1, 3], [2], 'int64'), 3], 'Class values must be smaller than num_classes.'),
    S.error('one_hot', [S.of([1, 2], [2]), 3], 'one_hot is only applicable to index tensor.'),
    S.error('one_hot', [S.ints([0])], 'Can not infer total number of classes from empty tensor.'),
  ],
});
