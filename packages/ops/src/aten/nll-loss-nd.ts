import { defineOp } from '../core/define-op.js';
import { nllLossNd as forward, nllLossNdInputGrad } from '../groups/nll.js';

export const nllLossNd = defineOp({
  schemas: [
    'aten::nll_loss_nd(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100) -> Tensor',
  ],
  impl: (a, ctx) => forward(ctx, a.self, a.target, a.weight, a.reduction, a.ignore_index),
  meta: (a) => ({ sizes: a.reduction === 0 ? a.target.sizes : [], dtype: a.self.dtype }),
  derivative: (F, { grad, self, target, weight, reduction, ignore_index }) => ({
    self: nllLossNdInputGrad(F, grad, self, target, weight, reduction, ignore_index),
  }),
  samples: (S) => [
    S.call('nll_loss_nd', [S.randn([3, 4]), S.of([0, 1, 3], [3], 'int64')]),
    S.call('nll_loss_nd', [S.randn([4]), S.of([1], [], 'int64'), null, 2]),
    S.call('nll_loss_nd', [S.randn([2, 3, 4]), S.ints([2, 4], 0, 3), null, 0]),
    S.call('nll_loss_nd', [S.randn([2, 3, 4], 'transposed'), S.ints([2, 4], 0, 3), S.randn([3])]),
    S.call('nll_loss_nd', [S.randn([2, 3, 2, 2]), S.ints([2, 2, 2], 0, 3), null, 2]),
    S.call('nll_loss_nd', [S.randn([2, 3, 2, 1, 2]), S.ints([2, 2, 1, 2], 0, 3), S.randn([3]), 0, 1]),
    S.call('nll_loss_nd', [S.randn([0, 3, 2]), S.ints([0, 2], 0, 3), null, 2]),
    S.error('nll_loss_nd', [S.randn([]), S.of([0], [], 'int64')], 'Expected 1 or more dimensions (got 0)'),
    S.error(
      'nll_loss_nd',
      [S.randn([2, 3, 4]), S.ints([3, 4], 0, 3)],
      'Expected input batch_size (2) to match target batch_size (3).',
    ),
    S.error('nll_loss_nd', [S.randn([2, 3, 4]), S.ints([2, 5], 0, 3)], 'Expected target size [2, 4], got [2, 5]'),
  ],
});
