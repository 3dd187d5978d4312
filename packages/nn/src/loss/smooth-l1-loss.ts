import type { Tensor } from '@tsjit/tensor';
import { type Reduction, smoothL1Loss } from '../functional/losses.js';
import { Loss } from './loss.js';

/** torch.nn.SmoothL1Loss (`beta` 1.0 by default). */
export class SmoothL1Loss extends Loss {
  readonly beta: number;

  constructor(options: { reduction?: Reduction; beta?: number } = {}) {
    super(options.reduction);
    this.beta = options.beta ?? 1.0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}
