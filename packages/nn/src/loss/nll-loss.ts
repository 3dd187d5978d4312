import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { nllLoss, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { reductionEnumMethod, WeightedLoss } from './loss.js';

/** torch.nn.NLLLoss over log-probabilities. */
export class NLLLoss extends WeightedLoss {
  static readonly torchscript = defineScript<NLLLoss>(
    `    reduction: str
    ignore_index: int
    weight: Optional[Tensor]
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return torch._C._nn.nll_loss_nd(input, target, self.weight, self._reduction_enum(), self.ignore_index)
` + reductionEnumMethod,
    (m) => ({ reduction: m.reduction, ignore_index: m.ignoreIndex, weight: m.weight }),
  );

  readonly ignoreIndex: number;

  constructor(
    options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction } & LegacyReductionOptions = {},
  ) {
    super(options.weight ?? null, options.reduction, options);
    this.ignoreIndex = options.ignoreIndex ?? -100;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}
