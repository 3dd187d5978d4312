import type { Tensor } from '@tsjit/tensor';
import { type Reduction, tripletMarginWithDistanceLoss } from '../functional/losses.js';
import { Loss } from './loss.js';

/**
 * torch.nn.TripletMarginWithDistanceLoss: the triplet loss with any distance function (default
 * pairwise_distance). Like PyTorch's, it has no TorchScript: the functional refuses scripting
 * (a Callable attribute cannot be scripted).
 */
export class TripletMarginWithDistanceLoss extends Loss {
  readonly distanceFunction: ((a: Tensor, b: Tensor) => Tensor) | null;
  readonly margin: number;
  readonly swap: boolean;

  constructor(
    options: {
      distanceFunction?: ((a: Tensor, b: Tensor) => Tensor) | null;
      margin?: number;
      swap?: boolean;
      reduction?: Reduction;
    } = {},
  ) {
    super(options.reduction);
    this.distanceFunction = options.distanceFunction ?? null;
    this.margin = options.margin ?? 1.0;
    this.swap = options.swap ?? false;
  }

  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginWithDistanceLoss(anchor, positive, negative, {
      distanceFunction: this.distanceFunction,
      margin: this.margin,
      swap: this.swap,
      reduction: this.reduction,
    });
  }
}
