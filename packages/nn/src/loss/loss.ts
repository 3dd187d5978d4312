import type { Tensor } from '@tsjit/tensor';
import { type LegacyReductionOptions, resolveReduction } from '../functional/legacy-reduction.js';
import type { Reduction } from '../functional/losses.js';
import { Module } from '../module/index.js';

/**
 * torch.nn.modules.loss._Loss: holds the reduction ('mean' by default; an unknown one fails at
 * forward, as in PyTorch). The deprecated `sizeAverage` / `reduce`, when either is given, decide it
 * instead (PyTorch's legacy_get_string, with its deprecation warning).
 */
export class Loss extends Module {
  readonly reduction: Reduction;

  constructor(reduction: Reduction = 'mean', legacy: LegacyReductionOptions = {}) {
    super();
    this.reduction = resolveReduction(reduction, legacy);
  }
}

/** torch.nn.modules.loss._WeightedLoss: a per-class `weight` buffer (in the state dict when given). */
export class WeightedLoss extends Loss {
  declare weight: Tensor | null;

  constructor(weight: Tensor | null = null, reduction: Reduction = 'mean', legacy: LegacyReductionOptions = {}) {
    super(reduction, legacy);
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
