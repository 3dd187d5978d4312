import type { Tensor } from '@tsjit/tensor';
import { binaryCrossEntropyWithLogits, type Reduction } from '../functional/losses.js';
import { Loss } from './loss.js';

/** torch.nn.BCEWithLogitsLoss: `weight` and `posWeight` are buffers (in the state dict when given). */
export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;

  constructor(options: { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null } = {}) {
    super(options.reduction);
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
