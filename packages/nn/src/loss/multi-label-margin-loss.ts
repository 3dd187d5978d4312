import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { multilabelMarginLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.MultiLabelMarginLoss: multi-label hinge loss; each target row lists class indices, ended by -1. */
export class MultiLabelMarginLoss extends Loss {
  static readonly torchscript = defineScript<MultiLabelMarginLoss>(
    `    reduction: str
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return torch._C._nn.multilabel_margin_loss(input, target, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction }),
  );

  constructor(options: { reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.reduction, options);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return multilabelMarginLoss(input, target, { reduction: this.reduction });
  }
}
