import type { Tensor } from '@tsjit/tensor';
import { huberLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.HuberLoss (`delta` 1.0 by default). */
export class HuberLoss extends Loss {
  static readonly torchscript = defineScript<HuberLoss>(
    `    reduction: str
    delta: float
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        expanded = torch.broadcast_tensors([input, target])
        return torch._C._nn.huber_loss(expanded[0], expanded[1], self._reduction_enum(), self.delta)
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, delta: m.delta }),
  );

  readonly delta: number;

  constructor(options: { reduction?: Reduction; delta?: number } = {}) {
    super(options.reduction);
    this.delta = options.delta ?? 1.0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}
