import { defineOp } from '../core/define-op.js';
import { nllLossForward } from '../groups/nll.js';

export const nllLoss = defineOp({
  schemas: [
    'aten::nll_loss(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100) -> Tensor',
    'aten::nll_loss.out(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, int ignore_index=-100, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (a, ctx) => nllLossForward(ctx, a.self, a.target, a.weight, a.reduction, a.ignore_index)[0],
  meta: (a) => ({ sizes: a.reduction === 0 ? a.target.sizes : [], dtype: a.self.dtype }),
  derivative: (F, { grad, self, target, weight, reduction, ignore_index }) => {
    const [, total] = F.nllLossForward(self, target, weight, reduction, ignore_index);
    return { self: F.nllLossBackward(grad, self, target, weight, reduction, ignore_index, total) };
  },
  samples: (S) => {
    const t = S.of([0, 1, 3], [3], 'int64');
    return [
      S.call('nll_loss', [S.randn([3, 4]), t]),
      S.call('nll_loss', [S.randn([3, 4]), t, null, 0]),
      S.call('nll_loss', [S.randn([3, 4]), t, null, 2]),
      S.call('nll_loss', [S.randn([3, 4], 'transposed'), S.of([0, -100, 3], [3], 'int64'), S.randn([4])]),
      S.call('nll_loss', [S.randn([3, 4], 'offset'), S.of([0, 2, 3], [3], 'int64'), S.t([4], { low: 0, high: 2 }), 0]),
      S.call('nll_loss', [S.randn([3, 4]), S.of([2, 1, 2], [3], 'int64'), S.randn([4], 'strided'), 2, 1]),
      S.call('nll_loss', [S.randn([3, 4]), S.of([-100, -100, -100], [3], 'int64')]),
      S.call('nll_loss', [S.randn([4]), S.of([2], [], 'int64')]),
      S.call('nll_loss', [S.randn([0, 4]), S.of([], [0], 'int64')]),
      S.call('nll_loss', [S.randn([0, 4]), S.of([], [0], 'int64'), null, 2]),
      S.call('nll_loss', [
        S.t([2, 3], { dtype: 'float64' }),
        S.of([0, 2], [2], 'int64'),
        S.t([3], { dtype: 'float64' }),
      ]),
      S.error(
        'nll_loss',
        [S.randn([3, 4]), S.of([0, 1], [2], 'int64')],
        'size mismatch (got input: [3, 4], target: [2])',
      ),
      S.error('nll_loss', [S.randn([3, 4]), S.of([0, 1, 5], [3], 'int64')], 'Target 5 is out of bounds.'),
      S.error('nll_loss', [S.randn([3, 4]), S.of([0, 1, -1], [3], 'int64')], 'Target -1 is out of bounds.'),
      S.error('nll_loss', [S.randn([3, 4]), S.of([0, 1, 2], [3], 'int32')], 'expected scalar type Long but found Int'),
      S.error(
        'nll_loss',
        [S.randn([3, 4]), t, S.randn([2])],
        'weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [2]',
      ),
      S.error(
        'nll_loss',
        [S.randn([2, 3, 4]), S.of([0, 0, 0, 0, 0, 0, 0, 0], [2, 4], 'int64')],
        'input tensor should be 1D or 2D',
      ),
      S.error(
        'nll_loss',
        [S.randn([3, 4]), S.of([0, 0, 0], [3, 1], 'int64')],
        '0D or 1D target tensor expected, multi-target not supported',
      ),
      S.call('nll_loss.out', [S.randn([3, 4]), t], { out: S.randn([]) }),
    ];
  },
});
