import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { multilabelSoftMarginLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { WeightedLoss } from './loss.js';

/** torch.nn.MultiLabelSoftMarginLoss: one-vs-all logistic loss per class, averaged over the classes; `weight` per class. */
export class MultiLabelSoftMarginLoss extends WeightedLoss {
  static readonly torchscript = defineScript<MultiLabelSoftMarginLoss>(
    `    reduction: str
    weight: Optional[Tensor]
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        loss = -(target * torch._C._nn.log_sigmoid(input) + (1 - target) * torch._C._nn.log_sigmoid(-input))
        weight = self.weight
        if weight is not None:
            loss = loss * weight
        class_dim = input.dim() - 1
        C = input.size(class_dim)
        loss = loss.sum(dim=class_dim) / C
        if self.reduction == "none":
            ret = loss
        elif self.reduction == "mean":
            ret = loss.mean()
        elif self.reduction == "sum":
            ret = loss.sum()
        else:
            raise ValueError(self.reduction + " is not valid")
        return ret
`,
    (m) => ({ reduction: m.reduction, weight: m.weight }),
  );

  constructor(options: { weight?: Tensor | null; reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.weight ?? null, options.reduction, options);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return multilabelSoftMarginLoss(input, target, { weight: this.weight, reduction: this.reduction });
  }
}
