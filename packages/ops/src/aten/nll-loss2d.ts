import { defineOp } from '../core/define-op.js';
import { nllLoss2dForward } from '../groups/nll.js';

export const nllLoss2d = defineOp({
  schemas: [
    'aten::nll_loss2d(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100) -> Tensor',
    'aten::nll_loss2d.out(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => nllLoss2dForward(ctx, a.self, a.target, a.weight, a.reduction, a.ignore_index)[0],
  meta: (a) => ({ sizes: a.reduction === 0 ? a.target.sizes : [], dtype: a.self.dtype }),
  derivative: (F, { grad, self, target, weight, reduction, ignore_index }) => {
    const [, total] = F.nllLoss2dForward(self, target, weight, reduction, ignore_index);
    return { self: F.nllLoss2dBackward(grad, self, target, weight, reduction, ignore_index, total) };
  },
  samples: (S) => {
    const t = S.ints([2, 2, 3], 0, 3);
    return [
      S.call('nll_loss2d', [S.randn([2, 3, 2, 3]), t]),
      S.call('nll_loss2d', [S.randn([2, 3, 2, 3], 'strided'), t, null, 0]),
      S.call('nll_loss2d', [S.randn([2, 3, 2, 3], 'transposed'), t, S.randn([3]), 2]),
      S.call('nll_loss2d', [
        S.randn([2, 3, 2, 3]),
        S.of([0, 1, -100, 2, 2, 1, 0, -100, 1, 1, 2, 0], [2, 2, 3], 'int64'),
        S.randn([3]),
      ]),
      S.call('nll_loss2d', [S.t([1, 2, 2, 2], { dtype: 'float64' }), S.ints([1, 2, 2], 0, 2), null, 1, 0]),
      S.error(
        'nll_loss2d',
        [S.randn([3, 4]), S.of([0, 1, 3], [3], 'int64')],
        'only batches of spatial targets supported (3D tensors) but got targets of dimension: 1',
      ),
      S.error(
        'nll_loss2d',
        [S.randn([2, 3, 4, 4]), S.ints([2, 4, 3], 0, 3)],
        'size mismatch (got input: [2, 3, 4, 4] , target: [2, 4, 3]',
      ),
      S.error('nll_loss2d', [S.randn([2, 3, 2, 2]), S.ints([2, 2, 2], 3, 4)], 'Target 3 is out of bounds.'),
      S.call('nll_loss2d.out', [S.randn([2, 3, 2, 3]), t], { out: S.randn([]) }),
    ];
  },
});
