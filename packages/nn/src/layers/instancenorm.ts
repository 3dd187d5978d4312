import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { instanceNorm } from '../functional/normalization.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { NormBase, type NormOptions, normAttributes } from './batchnorm.js';
import { scriptClassLine } from './define-script.js';

/** PyTorch's _InstanceNorm: per-sample, per-channel statistics; unbatched inputs are accepted. */
export abstract class InstanceNorm extends NormBase {
  constructor(numFeatures: number, options: NormOptions = {}) {
    super(numFeatures, options, { affine: false, trackRunningStats: false });
  }

  /** The dims of an unbatched input. */
  protected abstract noBatchDim(): number;

  #apply(input: Tensor): Tensor {
    return instanceNorm(
      input,
      this.running_mean,
      this.running_var,
      this.weight,
      this.bias,
      this.training || !this.trackRunningStats,
      this.momentum ?? 0.1,
      this.eps,
    );
  }

  override forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    const featureDim = input.dim() - this.noBatchDim();
    if (input.size(featureDim) !== this.numFeatures) {
      if (this.affine) {
        throw new Error(
          `expected input's size at dim=${featureDim} to match num_features (${this.numFeatures}), but got: ${input.size(featureDim)}.`,
        );
      }
      console.warn(
        `input's size at dim=${featureDim} does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False`,
      );
    }
    if (input.dim() === this.noBatchDim()) return T.squeeze(this.#apply(T.unsqueeze(input, 0)), 0);
    return this.#apply(input);
  }
}

function instanceNormScript(noBatchDim: number, check: string): TorchScriptDefinition<NormBase> {
  const body = `    num_features: int
    eps: float
    momentum: float
    affine: bool
    track_running_stats: bool
    weight: Optional[Tensor]
    bias: Optional[Tensor]
    running_mean: Optional[Tensor]
    running_var: Optional[Tensor]
    num_batches_tracked: Optional[Tensor]
    def _check_input_dim(self, input: Tensor) -> None:
${check}
    def _apply_instance_norm(self, input: Tensor) -> Tensor:
        return torch.instance_norm(input, self.weight, self.bias, self.running_mean, self.running_var, self.training or not self.track_running_stats, self.momentum, self.eps, False)
    def forward(self, input: Tensor) -> Tensor:
        self._check_input_dim(input)
        feature_dim = input.dim() - ${noBatchDim}
        if input.size(feature_dim) != self.num_features:
            if self.affine:
                raise ValueError("expected input's size at dim={} to match num_features ({}), but got: {}.".format(feature_dim, self.num_features, input.size(feature_dim)))
        if input.dim() == ${noBatchDim}:
            return self._apply_instance_norm(input.unsqueeze(0)).squeeze(0)
        return self._apply_instance_norm(input)
`;
  return {
    source: (m, o) => `${scriptClassLine(m, o)}${body}`,
    attributes: (m) => ({ ...normAttributes(m), momentum: m.momentum ?? 0.1 }),
  };
}

/** nn.InstanceNorm1d(num_features, { eps, momentum, affine=false, trackRunningStats=false }) over (N, C, L) or (C, L). */
export class InstanceNorm1d extends InstanceNorm {
  static readonly torchscript = instanceNormScript(
    2,
    '        if input.dim() not in (2, 3):\n            raise ValueError("expected 2D or 3D input (got {}D input)".format(input.dim()))',
  );
  protected noBatchDim(): number {
    return 2;
  }
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 2 && input.dim() !== 3) throw new Error(`expected 2D or 3D input (got ${input.dim()}D input)`);
  }
}

/** nn.InstanceNorm2d(num_features, { eps, momentum, affine=false, trackRunningStats=false }) over (N, C, H, W) or (C, H, W). */
export class InstanceNorm2d extends InstanceNorm {
  static readonly torchscript = instanceNormScript(
    3,
    '        if input.dim() not in (3, 4):\n            raise ValueError("expected 3D or 4D input (got {}D input)".format(input.dim()))',
  );
  protected noBatchDim(): number {
    return 3;
  }
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 3 && input.dim() !== 4) throw new Error(`expected 3D or 4D input (got ${input.dim()}D input)`);
  }
}
