import type { Tensor } from '@tsjit/tensor';
import type { LegacyReductionOptions } from '../functional/legacy-reduction.js';
import { crossEntropy, type Reduction } from '../functional/losses.js';
import { defineScript } from '../layers/define-script.js';
import { reductionEnumMethod, WeightedLoss } from './loss.js';

/** torch.nn.CrossEntropyLoss: class indices or class probabilities as target; `weight`, `ignoreIndex` (-100), `labelSmoothing`. */
export class CrossEntropyLoss extends WeightedLoss {
  static readonly torchscript = defineScript<CrossEntropyLoss>(
    `    reduction: str
    ignore_index: int
    label_smoothing: float
    weight: Optional[Tensor]
    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return torch._C._nn.cross_entropy_loss(input, target, self.weight, self._reduction_enum(), self.ignore_index, self.label_smoothing)
` + reductionEnumMethod,
    (m) => ({
      reduction: m.reduction,
      ignore_index: m.ignoreIndex,
      label_smoothing: m.labelSmoothing,
      weight: m.weight,
    }),
  );

  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(
    options: {
      weight?: Tensor | null;
      ignoreIndex?: number;
      reduction?: Reduction;
      labelSmoothing?: number;
    } & LegacyReductionOptions = {},
  ) {
    super(options.weight ?? null, options.reduction, options);
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
