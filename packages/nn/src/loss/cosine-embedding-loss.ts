import type { Tensor } from '@tsjit/tensor';
import { cosineEmbeddingLoss, type Reduction } from '../functional/losses.js';
import { Loss } from './loss.js';

/** torch.nn.CosineEmbeddingLoss (`margin` 0 by default). */
export class CosineEmbeddingLoss extends Loss {
  readonly margin: number;

  constructor(options: { margin?: number; reduction?: Reduction } = {}) {
    super(options.reduction);
    this.margin = options.margin ?? 0;
  }

  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}
