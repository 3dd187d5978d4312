import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { poissonNllLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.PoissonNLLLoss: negative log likelihood of a Poisson target (`logInput` true, `full` false, `eps` 1e-8). */
export class PoissonNLLLoss extends Loss {
  static readonly torchscript = defineScript<PoissonNLLLoss>(
    `    reduction: str
    log_input: bool
    full: bool
    eps: float
    def forward(self, log_input: Tensor, target: Tensor) -> Tensor:
        if self.reduction != "none" and self.reduction != "mean" and self.reduction != "sum":
            raise ValueError(self.reduction + " is not valid")
        return torch.poisson_nll_loss(log_input, target, self.log_input, self.full, self.eps, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, log_input: m.logInput, full: m.full, eps: m.eps }),
  );

  readonly logInput: boolean;
  readonly full: boolean;
  readonly eps: number;

  constructor(
    options: { logInput?: boolean; full?: boolean; eps?: number; reduction?: Reduction } & LegacyReductionOptions = {},
  ) {
    super(options.reduction, options);
    this.logInput = options.logInput ?? true;
    this.full = options.full ?? false;
    this.eps = options.eps ?? 1e-8;
  }

  override forward(logInput: Tensor, target: Tensor): Tensor {
    return poissonNllLoss(logInput, target, {
      logInput: this.logInput,
      full: this.full,
      eps: this.eps,
      reduction: this.reduction,
    });
  }
}
