import { defineOp } from '../core/define-op.js';
import { ctcSamples } from '../groups/ctc-samples.js';

// PyTorch's composite ctc_loss: _ctc_loss, infinities zeroed with zero_infinity, then the reduction
// ('mean' divides each loss by its target length, at least 1, then averages).
const lengthsTensor = (F: any, v: unknown, like: any) =>
  Array.isArray(v) ? F.tensor(v, { dtype: like.dtype }) : F.to(v, like.dtype);

export const ctcLoss = defineOp({
  schemas: [
    'aten::ctc_loss.IntList(Tensor log_probs, Tensor targets, int[] input_lengths, int[] target_lengths, int blank=0, int reduction=1, bool zero_infinity=False) -> Tensor',
    'aten::ctc_loss.Tensor(Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths, int blank=0, int reduction=1, bool zero_infinity=False) -> Tensor',
  ],
  impl: (a, ctx) => {
    const F = ctx.F;
    let nll = F._ctcLoss(a.log_probs, a.targets, a.input_lengths, a.target_lengths, a.blank, a.zero_infinity)[0];
    if (a.zero_infinity) nll = F.where(F.eq(nll, Number.POSITIVE_INFINITY), F.zerosLike(nll), nll);
    if (a.reduction === 1) return F.mean(F.div(nll, F.clampMin(lengthsTensor(F, a.target_lengths, nll), 1)));
    if (a.reduction === 2) return F.sum(nll);
    return nll;
  },
  derivative: (F, { grad, log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity }) => {
    const [nll, alpha] = F._ctcLoss(log_probs, targets, input_lengths, target_lengths, blank, zero_infinity);
    const batch = F.sizes(nll)[0];
    let g = grad;
    if (reduction === 1) {
      g = F.div(F.div(F.expand(grad, [batch]), F.clampMin(lengthsTensor(F, target_lengths, nll), 1)), batch);
    } else if (reduction === 2) {
      g = F.expand(grad, [batch]);
    }
    return {
      log_probs: F._ctcLossBackward(
        g,
        log_probs,
        targets,
        input_lengths,
        target_lengths,
        nll,
        alpha,
        blank,
        zero_infinity,
      ),
    };
  },
  samples: (S) => [
    ...ctcSamples(S, 'ctc_loss'),
    S.call(
      'ctc_loss.IntList',
      [S.t([2, 1, 3], { low: -3, high: -0.1 }), S.of([1, 1], [1, 2], 'int64'), [2], [2], 0, 1, true],
      undefined,
      { noGradcheck: 'the CTC gradient assumes log_softmax inputs' },
    ),
  ],
});
