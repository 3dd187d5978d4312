import { defineOp } from '../core/define-op.js';
import { ctcLossForward } from '../groups/ctc.js';
import { ctcSamples } from '../groups/ctc-samples.js';

export const _ctcLoss = defineOp({
  schemas: [
    'aten::_ctc_loss(Tensor log_probs, Tensor targets, int[] input_lengths, int[] target_lengths, int blank=0, bool zero_infinity=False) -> (Tensor, Tensor)',
    'aten::_ctc_loss.Tensor(Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths, int blank=0, bool zero_infinity=False) -> (Tensor, Tensor)',
  ],
  impl: (a, ctx) => ctcLossForward(ctx, a.log_probs, a.targets, a.input_lengths, a.target_lengths, a.blank),
  outputDifferentiability: [true, false],
  derivative: (F, { grad, log_probs, targets, input_lengths, target_lengths, blank, zero_infinity, result }) => ({
    log_probs: F._ctcLossBackward(
      grad,
      log_probs,
      targets,
      input_lengths,
      target_lengths,
      result[0],
      result[1],
      blank,
      zero_infinity,
    ),
  }),
  samples: (S) => ctcSamples(S, '_ctc_loss'),
});
