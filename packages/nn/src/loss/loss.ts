import type { Tensor } from '@tsjit/tensor';
import type { Reduction } from '../functional/losses.js';
import { Module } from '../module/index.js';

/** torch.nn.modules.loss._Loss: holds the reduction ('mean' by default; an unknown one fails at forward, as in PyTorch). */
export class Loss extends Module {
  readonly reduction: Reduction;

  constructor(reduction: Reduction = 'mean') {
    super();
    this.reduction = reduction;
  }
}

/** torch.nn.modules.loss._WeightedLoss: a per-class `weight` buffer (in the state dict when given). */
export class WeightedLoss extends Loss {
  declare weight: Tensor | null;

  constructor(weight: Tensor | null = null, reduction: Reduction = 'mean') {
    super(reduction);
    this.registerBuffer('weight', weight);
  }
}

/**
 * The TorchScript method every loss class carries: the aten loss ops take the reduction as an
 * int (torch/nn/_reduction.py's get_enum).
 */
export const reductionEnumMethod = `    def _reduction_enum(self) -> int:
        if self.reduction == "none":
            return 0
        elif self.reduction == "mean":
            return 1
        elif self.reduction == "sum":
            return 2
        else:
            raise ValueError(self.reduction + " is not a valid value for reduction")
`;
