import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { cosineEmbeddingLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.CosineEmbeddingLoss (`margin` 0 by default). */
export class CosineEmbeddingLoss extends Loss {
  static readonly torchscript = defineScript<CosineEmbeddingLoss>(
    `    reduction: str
    margin: float
    def forward(self, input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
        return torch.cosine_embedding_loss(input1, input2, target, self.margin, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, margin: m.margin }),
  );

  readonly margin: number;

  constructor(options: { margin?: number; reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.reduction, options);
    this.margin = options.margin ?? 0;
  }

  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}
