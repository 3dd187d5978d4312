import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { binaryCrossEntropyWithLogits, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.BCEWithLogitsLoss: `weight` and `posWeight` are buffers (in the state dict when given). */
export class BCEWithLogitsLoss extends Loss {
  static readonly torchscript = defineScript<BCEWithLogitsLoss>(
    `    reduction: str
    weight: Optional[Tensor]
    pos_weight: Optional[Tensor]
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if target.size() != input.size():
            raise ValueError("Target size ({}) must be the same as input size ({})".format(target.size(), input.size()))
        return torch.binary_cross_entropy_with_logits(input, target, self.weight, self.pos_weight, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, weight: m.weight, pos_weight: m.pos_weight }),
  );

  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;

  constructor(
    options: { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null } & LegacyReductionOptions = {},
  ) {
    super(options.reduction, options);
    this.registerBuffer('weight', options.weight ?? null);
    this.registerBuffer('pos_weight', options.posWeight ?? null);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, {
      weight: this.weight,
      posWeight: this.pos_weight,
      reduction: this.reduction,
    });
  }
}
