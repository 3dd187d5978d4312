import { defineOp } from '../core/define-op.js';
import { ctcLossBackward } from '../groups/ctc.js';

export const _ctcLossBackward = defineOp({
  schemas: [
    'aten::_ctc_loss_backward(Tensor grad, Tensor log_probs, Tensor targets, int[] input_lengths, int[] target_lengths, Tensor neg_log_likelihood, Tensor log_alpha, int blank, bool zero_infinity=False) -> Tensor',
    'aten::_ctc_loss_backward.Tensor(Tensor grad, Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths, Tensor neg_log_likelihood, Tensor log_alpha, int blank, bool zero_infinity=False) -> Tensor',
  ],
  impl: (a, ctx) =>
    ctcLossBackward(
      ctx,
      a.grad,
      a.log_probs,
      a.targets,
      a.input_lengths,
      a.target_lengths,
      a.neg_log_likelihood,
      a.log_alpha,
      a.blank,
      a.zero_infinity,
    ),
  nondifferentiable: 'double backward of ctc_loss is not implemented (as in PyTorch 1.13)',
  samples: (S) => {
    const i64 = (v: number[], sizes = [v.length]) => S.of(v, sizes, 'int64');
    const lp = () => S.t([4, 2, 3], { low: -3, high: -0.1 });
    return [
      S.call('_ctc_loss_backward', [
        S.t([2], { low: 0.5, high: 1.5 }),
        lp(),
        i64([1, 2, 2, 0], [2, 2]),
        [4, 3],
        [2, 1],
        S.t([2], { low: 1, high: 4 }),
        S.t([2, 4, 5], { low: -6, high: -0.5 }),
        0,
      ]),
      S.call('_ctc_loss_backward.Tensor', [
        S.t([2], { low: 0.5, high: 1.5 }),
        lp(),
        i64([1, 2, 1]),
        i64([4, 2]),
        i64([2, 1]),
        S.t([2], { low: 1, high: 4 }),
        S.t([2, 4, 5], { low: -6, high: -0.5 }),
        0,
        true,
      ]),
    ];
  },
});
