import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { type Reduction, softMarginLoss } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.SoftMarginLoss: two-class logistic loss log(1 + exp(-y x)) for targets ±1. */
export class SoftMarginLoss extends Loss {
  static readonly torchscript = defineScript<SoftMarginLoss>(
    `    reduction: str
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return torch._C._nn.soft_margin_loss(input, target, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction }),
  );

  constructor(options: { reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.reduction, options);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return softMarginLoss(input, target, { reduction: this.reduction });
  }
}
