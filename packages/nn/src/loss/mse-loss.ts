import type { Tensor } from '@tsjit/tensor';
import { mseLoss, type Reduction } from '../functional/losses.js';
import { Loss } from './loss.js';

/** torch.nn.MSELoss: mean squared error. */
export class MSELoss extends Loss {
  constructor(options: { reduction?: Reduction } = {}) {
    super(options.reduction);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}
