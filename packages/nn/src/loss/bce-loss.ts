import type { Tensor } from '@tsjit/tensor';
import { binaryCrossEntropy, type Reduction } from '../functional/losses.js';
import { WeightedLoss } from './loss.js';

/** torch.nn.BCELoss over probabilities. */
export class BCELoss extends WeightedLoss {
  constructor(options: { weight?: Tensor | null; reduction?: Reduction } = {}) {
    super(options.weight ?? null, options.reduction);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}
