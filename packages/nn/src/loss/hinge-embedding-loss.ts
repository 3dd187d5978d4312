import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { hingeEmbeddingLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.HingeEmbeddingLoss: x for target 1, max(0, margin - x) for target -1 (`margin` 1 by default). */
export class HingeEmbeddingLoss extends Loss {
  static readonly torchscript = defineScript<HingeEmbeddingLoss>(
    `    reduction: str
    margin: float
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return torch.hinge_embedding_loss(input, target, self.margin, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, margin: m.margin }),
  );

  readonly margin: number;

  constructor(options: { margin?: number; reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.reduction, options);
    this.margin = options.margin ?? 1.0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return hingeEmbeddingLoss(input, target, { margin: this.margin, reduction: this.reduction });
  }
}
