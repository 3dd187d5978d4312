import type { Tensor } from '@tsjit/tensor';
import { huberLoss, type Reduction } from '../functional/losses.js';
import { Loss } from './loss.js';

/** torch.nn.HuberLoss (`delta` 1.0 by default). */
export class HuberLoss extends Loss {
  readonly delta: number;

  constructor(options: { reduction?: Reduction; delta?: number } = {}) {
    super(options.reduction);
    this.delta = options.delta ?? 1.0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}
