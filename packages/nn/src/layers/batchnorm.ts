import type { DType } from '@tsjit/kernels';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { batchNorm } from '../functional/normalization.js';
import { ones_, zeros_ } from '../init/initializers.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { reprFloat, reprValue } from '../module/python-repr.js';
import { tensorData } from '../module/tensor-data.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { scriptClassLine } from './define-script.js';

export interface NormOptions {
  eps?: number;
  /** The running stats' update factor; null for a cumulative moving average. Default 0.1. */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
  dtype?: DType;
}

/**
 * PyTorch's _NormBase: weight (ones) and bias (zeros) when affine; running_mean (zeros),
 * running_var (ones) and num_batches_tracked (0, int64) buffers when tracking running stats.
 */
export abstract class NormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;

  constructor(numFeatures: number, options: NormOptions, defaults: { affine: boolean; trackRunningStats: boolean }) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.numFeatures = numFeatures;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? defaults.affine;
    this.trackRunningStats = options.trackRunningStats ?? defaults.trackRunningStats;
    this.weight = null;
    this.bias = null;
    if (this.affine) {
      this.weight = new Parameter(T.empty([numFeatures], { dtype }));
      this.bias = new Parameter(T.empty([numFeatures], { dtype }));
    } else {
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', T.zeros([numFeatures], { dtype }));
      this.registerBuffer('running_var', T.ones([numFeatures], { dtype }));
      this.registerBuffer('num_batches_tracked', T.tensor(0, { dtype: 'int64' }));
    } else {
      this.registerBuffer('running_mean', null);
      this.registerBuffer('running_var', null);
      this.registerBuffer('num_batches_tracked', null);
    }
    this.resetParameters();
  }

  resetRunningStats(): void {
    if (this.trackRunningStats) {
      T.zero_(tensorData(this.running_mean as Tensor));
      T.fill_(tensorData(this.running_var as Tensor), 1);
      T.zero_(tensorData(this.num_batches_tracked as Tensor));
    }
  }

  resetParameters(): void {
    this.resetRunningStats();
    if (this.affine) {
      ones_(this.weight as Parameter);
      zeros_(this.bias as Parameter);
    }
  }

  /** Dimensions check of the subclass (PyTorch's _check_input_dim). */
  protected abstract checkInputDim(input: Tensor): void;

  /** State dicts saved before num_batches_tracked existed load with it set to 0, as in PyTorch. */
  protected override upgradeStateDict(stateDict: Map<string, unknown>, prefix: string): void {
    const key = `${prefix}num_batches_tracked`;
    if (this.trackRunningStats && !stateDict.has(key)) stateDict.set(key, T.tensor(0, { dtype: 'int64' }));
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${reprFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : reprFloat(this.momentum)}, affine=${reprValue(this.affine)}, track_running_stats=${reprValue(this.trackRunningStats)}`;
  }
}

/** PyTorch's _BatchNorm.forward: in training, the batch statistics, with the running stats updated. */
export abstract class BatchNorm extends NormBase {
  constructor(numFeatures: number, options: NormOptions = {}) {
    super(numFeatures, options, { affine: true, trackRunningStats: true });
  }

  override forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    let factor = this.momentum ?? 0.0;
    if (this.training && this.trackRunningStats && this.num_batches_tracked !== null) {
      // The buffer itself (it does not require grad), so that a trace records the update as PyTorch's does.
      T.add_(this.num_batches_tracked, 1);
      factor = this.momentum === null ? 1.0 / Number(this.num_batches_tracked.item()) : this.momentum;
    }
    const bnTraining = this.training ? true : this.running_mean === null && this.running_var === null;
    const useRunning = !this.training || this.trackRunningStats;
    return batchNorm(
      input,
      useRunning ? this.running_mean : null,
      useRunning ? this.running_var : null,
      this.weight,
      this.bias,
      bnTraining,
      factor,
      this.eps,
    );
  }
}

function batchNormScript(check: string): TorchScriptDefinition<NormBase> {
  const body = `    num_features: int
    eps: float
    momentum: Optional[float]
    affine: bool
    track_running_stats: bool
    weight: Optional[Tensor]
    bias: Optional[Tensor]
    running_mean: Optional[Tensor]
    running_var: Optional[Tensor]
    num_batches_tracked: Optional[Tensor]
    def _check_input_dim(self, input: Tensor) -> None:
${check}
    def forward(self, input: Tensor) -> Tensor:
        self._check_input_dim(input)
        momentum = self.momentum
        if momentum is None:
            exponential_average_factor = 0.0
        else:
            exponential_average_factor = momentum
        if self.training and self.track_running_stats:
            num_batches_tracked = self.num_batches_tracked
            if num_batches_tracked is not None:
                num_batches_tracked.add_(1)
                if momentum is None:
                    exponential_average_factor = 1.0 / float(num_batches_tracked)
                else:
                    exponential_average_factor = momentum
        if self.training:
            bn_training = True
        else:
            bn_training = (self.running_mean is None) and (self.running_var is None)
        running_mean = self.running_mean
        running_var = self.running_var
        if self.training and not self.track_running_stats:
            running_mean = None
            running_var = None
        return torch.batch_norm(input, self.weight, self.bias, running_mean, running_var, bn_training, exponential_average_factor, self.eps, False)
`;
  return {
    source: (m, o) => `${scriptClassLine(m, o)}${body}`,
    attributes: (m) => normAttributes(m),
  };
}

export function normAttributes(m: NormBase): Record<string, unknown> {
  return {
    training: m.training,
    num_features: m.numFeatures,
    eps: m.eps,
    momentum: m.momentum,
    affine: m.affine,
    track_running_stats: m.trackRunningStats,
    weight: m.weight,
    bias: m.bias,
    running_mean: m.running_mean,
    running_var: m.running_var,
    num_batches_tracked: m.num_batches_tracked,
  };
}

/** nn.BatchNorm1d(num_features, { eps, momentum, affine, trackRunningStats }) over (N, C) or (N, C, L). */
export class BatchNorm1d extends BatchNorm {
  static readonly torchscript = batchNormScript(
    '        if input.dim() != 2 and input.dim() != 3:\n            raise ValueError("expected 2D or 3D input (got {}D input)".format(input.dim()))',
  );
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 2 && input.dim() !== 3) throw new Error(`expected 2D or 3D input (got ${input.dim()}D input)`);
  }
}

/** nn.BatchNorm2d(num_features, { eps, momentum, affine, trackRunningStats }) over (N, C, H, W). */
export class BatchNorm2d extends BatchNorm {
  static readonly torchscript = batchNormScript(
    '        if input.dim() != 4:\n            raise ValueError("expected 4D input (got {}D input)".format(input.dim()))',
  );
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 4) throw new Error(`expected 4D input (got ${input.dim()}D input)`);
  }
}

/** nn.BatchNorm3d(num_features, { eps, momentum, affine, trackRunningStats }) over (N, C, D, H, W). */
export class BatchNorm3d extends BatchNorm {
  static readonly torchscript = batchNormScript(
    '        if input.dim() != 5:\n            raise ValueError("expected 5D input (got {}D input)".format(input.dim()))',
  );
  protected checkInputDim(input: Tensor): void {
    if (input.dim() !== 5) throw new Error(`expected 5D input (got ${input.dim()}D input)`);
  }
}
