import type { Tensor } from '@tsjit/tensor';
import { gaussianNllLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss } from './loss.js';

/** torch.nn.GaussianNLLLoss: negative log likelihood of a Gaussian with predicted mean and variance (`full`, `eps` 1e-6). */
export class GaussianNLLLoss extends Loss {
  static readonly torchscript = defineScript<GaussianNLLLoss>(
    `    reduction: str
    full: bool
    eps: float
    def forward(self, input: Tensor, target: Tensor, var: Tensor) -> Tensor:
        if var.size() != input.size():
            if input.size()[:-1] == var.size():
                var = torch.unsqueeze(var, -1)
            elif input.size()[:-1] == var.size()[:-1] and var.size(-1) == 1:
                pass
            else:
                raise ValueError("var is of incorrect size")
        if self.reduction != "none" and self.reduction != "mean" and self.reduction != "sum":
            raise ValueError(self.reduction + " is not valid")
        if torch.any(var < 0):
            raise ValueError("var has negative entry/entries")
        var = var.clone()
        with torch.no_grad():
            var.clamp_(min=self.eps)
        loss = 0.5 * (torch.log(var) + (input - target) ** 2 / var)
        if self.full:
            loss += 0.5 * math.log(2 * math.pi)
        if self.reduction == "mean":
            return loss.mean()
        elif self.reduction == "sum":
            return loss.sum()
        else:
            return loss
`,
    (m) => ({ reduction: m.reduction, full: m.full, eps: m.eps }),
  );

  readonly full: boolean;
  readonly eps: number;

  constructor(options: { full?: boolean; eps?: number; reduction?: Reduction } = {}) {
    super(options.reduction);
    this.full = options.full ?? false;
    this.eps = options.eps ?? 1e-6;
  }

  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return gaussianNllLoss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}
