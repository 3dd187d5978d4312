import type { Tensor } from '@tsjit/tensor';
import { l1Loss, type Reduction } from '../functional/losses.js';
import { Loss } from './loss.js';

/** torch.nn.L1Loss: mean absolute error. */
export class L1Loss extends Loss {
  constructor(options: { reduction?: Reduction } = {}) {
    super(options.reduction);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}
