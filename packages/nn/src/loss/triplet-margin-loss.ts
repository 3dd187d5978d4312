import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { type Reduction, tripletMarginLoss } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.TripletMarginLoss: max(d(a, p) - d(a, n) + margin, 0) with the p-norm (`margin` 1, `p` 2, `eps` 1e-6, `swap`). */
export class TripletMarginLoss extends Loss {
  static readonly torchscript = defineScript<TripletMarginLoss>(
    `    reduction: str
    margin: float
    p: float
    eps: float
    swap: bool
    def forward(self, anchor: Tensor, positive: Tensor, negative: Tensor) -> Tensor:
        return torch.triplet_margin_loss(anchor, positive, negative, self.margin, self.p, self.eps, self.swap, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, margin: m.margin, p: m.p, eps: m.eps, swap: m.swap }),
  );

  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;

  constructor(
    options: {
      margin?: number;
      p?: number;
      eps?: number;
      swap?: boolean;
      reduction?: Reduction;
    } & LegacyReductionOptions = {},
  ) {
    super(options.reduction, options);
    this.margin = options.margin ?? 1.0;
    this.p = options.p ?? 2;
    this.eps = options.eps ?? 1e-6;
    this.swap = options.swap ?? false;
  }

  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginLoss(anchor, positive, negative, {
      margin: this.margin,
      p: this.p,
      eps: this.eps,
      swap: this.swap,
      reduction: this.reduction,
    });
  }
}
