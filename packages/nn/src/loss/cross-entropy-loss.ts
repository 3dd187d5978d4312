import type { Tensor } from '@tsjit/tensor';
import { crossEntropy, type Reduction } from '../functional/losses.js';
import { WeightedLoss } from './loss.js';

/** torch.nn.CrossEntropyLoss: class indices or class probabilities as target; `weight`, `ignoreIndex` (-100), `labelSmoothing`. */
export class CrossEntropyLoss extends WeightedLoss {
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(
    options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction; labelSmoothing?: number } = {},
  ) {
    super(options.weight ?? null, options.reduction);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.labelSmoothing = options.labelSmoothing ?? 0.0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, {
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      reduction: this.reduction,
      labelSmoothing: this.labelSmoothing,
    });
  }
}
