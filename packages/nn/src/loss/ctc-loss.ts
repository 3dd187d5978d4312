import type { Tensor } from '@tsjit/tensor';
import { ctcLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.CTCLoss: Connectionist Temporal Classification (`blank` 0, `zeroInfinity` false). */
export class CTCLoss extends Loss {
  static readonly torchscript = defineScript<CTCLoss>(
    `    reduction: str
    blank: int
    zero_infinity: bool
    def forward(self, log_probs: Tensor, targets: Tensor, input_lengths: Tensor, target_lengths: Tensor) -> Tensor:
        return torch.ctc_loss(log_probs, targets, input_lengths, target_lengths, self.blank, self._reduction_enum(), self.zero_infinity)
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, blank: m.blank, zero_infinity: m.zeroInfinity }),
  );

  readonly blank: number;
  readonly zeroInfinity: boolean;

  constructor(options: { blank?: number; reduction?: Reduction; zeroInfinity?: boolean } = {}) {
    super(options.reduction);
    this.blank = options.blank ?? 0;
    this.zeroInfinity = options.zeroInfinity ?? false;
  }

  override forward(logProbs: Tensor, targets: Tensor, inputLengths: Tensor, targetLengths: Tensor): Tensor {
    return ctcLoss(logProbs, targets, inputLengths, targetLengths, {
      blank: this.blank,
      reduction: this.reduction,
      zeroInfinity: this.zeroInfinity,
    });
  }
}
