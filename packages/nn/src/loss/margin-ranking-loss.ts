import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { marginRankingLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.MarginRankingLoss (`margin` 0 by default). */
export class MarginRankingLoss extends Loss {
  static readonly torchscript = defineScript<MarginRankingLoss>(
    `    reduction: str
    margin: float
    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        if input1.dim() != input2.dim() or input1.dim() != target.dim():
            raise RuntimeError("margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: {}, input2: {}, target: {} ".format(input1.size(), input2.size(), target.size()))
        return torch.margin_ranking_loss(input1, input2, target, self.margin, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, margin: m.margin }),
  );

  readonly margin: number;

  constructor(options: { margin?: number; reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.reduction, options);
    this.margin = options.margin ?? 0;
  }

  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return marginRankingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}
