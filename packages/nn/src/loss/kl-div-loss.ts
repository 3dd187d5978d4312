import type { Tensor } from '@tsjit/tensor';
import { klDiv, type Reduction } from '../functional/losses.js';
import { Loss } from './loss.js';

/** torch.nn.KLDivLoss: input log-probabilities; reduction 'batchmean' gives the true KL divergence. */
export class KLDivLoss extends Loss {
  readonly logTarget: boolean;
  readonly klReduction: Reduction | 'batchmean';

  constructor(options: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } = {}) {
    const reduction = options.reduction ?? 'mean';
    super(reduction === 'batchmean' ? 'sum' : reduction);
    this.klReduction = reduction;
    this.logTarget = options.logTarget ?? false;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, { reduction: this.klReduction, logTarget: this.logTarget });
  }
}
