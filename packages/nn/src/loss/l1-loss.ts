import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { l1Loss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { Loss, reductionEnumMethod } from './loss.js';

/** torch.nn.L1Loss: mean absolute error. */
export class L1Loss extends Loss {
  static readonly torchscript = defineScript<L1Loss>(
    `    reduction: str
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        expanded = torch.broadcast_tensors([input, target])
        return torch._C._nn.l1_loss(expanded[0], expanded[1], self._reduction_enum())
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction }),
  );

  constructor(options: { reduction?: Reduction } & LegacyReductionOptions = {}) {
    super(options.reduction, options);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}
