import type { Tensor } from '@tsjit/tensor';
import { nllLoss, type Reduction } from '../functional/losses.js';
import { WeightedLoss } from './loss.js';

/** torch.nn.NLLLoss over log-probabilities. */
export class NLLLoss extends WeightedLoss {
  readonly ignoreIndex: number;

  constructor(options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction } = {}) {
    super(options.weight ?? null, options.reduction);
    this.ignoreIndex = options.ignoreIndex ?? -100;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}
