import { OpError } from '@tsjit/ops';
import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { multiMarginLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { reductionEnumMethod, WeightedLoss } from './loss.js';

/** torch.nn.MultiMarginLoss: multi-class hinge loss (`p` 1 or 2, `margin` 1); `weight` weighs the target classes. */
export class MultiMarginLoss extends WeightedLoss {
  static readonly torchscript = defineScript<MultiMarginLoss>(
    `    reduction: str
    p: int
    margin: float
    weight: Optional[Tensor]
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if self.p != 1 and self.p != 2:
            raise ValueError("only p == 1 and p == 2 supported")
        weight = self.weight
        if weight is not None:
            if weight.dim() != 1:
                raise ValueError("weight must be one-dimensional")
        return torch._C._nn.multi_margin_loss(input, target, self.p, self.margin, weight, self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, p: m.p, margin: m.margin, weight: m.weight }),
  );

  readonly p: number;
  readonly margin: number;

  constructor(
    options: {
      p?: number;
      margin?: number;
      weight?: Tensor | null;
      reduction?: Reduction;
    } & LegacyReductionOptions = {},
  ) {
    super(options.weight ?? null, options.reduction, options);
    const p = options.p ?? 1;
    if (p !== 1 && p !== 2) throw new OpError('only p == 1 and p == 2 supported', 'ValueError');
    // PyTorch asserts it (an AssertionError without message); here a ValueError that says what.
    if (options.weight != null && options.weight.dim() !== 1) {
      throw new OpError('weight must be one-dimensional', 'ValueError');
    }
    this.p = p;
    this.margin = options.margin ?? 1.0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return multiMarginLoss(input, target, {
      p: this.p,
      margin: this.margin,
      weight: this.weight,
      reduction: this.reduction,
    });
  }
}
