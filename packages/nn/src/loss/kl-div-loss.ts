import type { Tensor } from '@tsjit/tensor';
import { type LegacyReductionOptions, resolveReduction } from '../functional/legacy-reduction.js';
import { klDiv, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.KLDivLoss: input log-probabilities; reduction 'batchmean' gives the true KL divergence. */
export class KLDivLoss extends Loss {
  static readonly torchscript = defineScript<KLDivLoss>(
    `    reduction: str
    log_target: bool
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if self.reduction == "batchmean":
            result = torch.kl_div(input, target, 2, log_target=self.log_target)
            if input.dim() != 0:
                result = result / input.size(0)
            return result
        return torch.kl_div(input, target, self._reduction_enum(), log_target=self.log_target)
` + reductionEnumMethod,
    (m) => ({ reduction: m.klReduction, log_target: m.logTarget }),
  );

  readonly logTarget: boolean;
  readonly klReduction: Reduction | 'batchmean';

  constructor(options: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } & LegacyReductionOptions = {}) {
    const reduction = resolveReduction(options.reduction ?? 'mean', options);
    super(reduction === 'batchmean' ? 'sum' : reduction);
    this.klReduction = reduction;
    this.logTarget = options.logTarget ?? false;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, { reduction: this.klReduction, logTarget: this.logTarget });
  }
}
