import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { type Reduction, smoothL1Loss } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.SmoothL1Loss (`beta` 1.0 by default). */
export class SmoothL1Loss extends Loss {
  static readonly torchscript = defineScript<SmoothL1Loss>(
    `    reduction: str
    beta: float
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        expanded = torch.broadcast_tensors([input, target])
        if self.beta == 0.0:
            return torch._C._nn.l1_loss(expanded[0], expanded[1], self._reduction_enum())
        return torch._C._nn.smooth_l1_loss(expanded[0], expanded[1], self._reduction_enum(), self.beta)
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, beta: m.beta }),
  );

  readonly beta: number;

  constructor(options: { reduction?: Reduction; beta?: number } & LegacyReductionOptions = {}) {
    super(options.reduction, options);
    this.beta = options.beta ?? 1.0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}
