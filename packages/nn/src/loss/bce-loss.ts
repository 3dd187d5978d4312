import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { binaryCrossEntropy, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { reductionEnumMethod, WeightedLoss } from './loss.js';

/** torch.nn.BCELoss over probabilities. */
export class BCELoss extends WeightedLoss {
  static readonly torchscript = defineScript<BCELoss>(
    `    reduction: str
    weight: Optional[Tensor]
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if target.size() != input.size():
            raise ValueError("Using a target size ({}) that is different to the input size ({}) is deprecated. Please ensure they have the same size.".format(target.size(), input.size()))
        weight = self.weight
        if weight is not None:
            weight = torch.broadcast_tensors([weight, target])[0]
        return torch._C._nn.binary_cross_entropy(input, target, weight, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, weight: m.weight }),
  );

  constructor(options: { weight?: Tensor | null; reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.weight ?? null, options.reduction, options);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}
