import type { DType } from '@tsjit/kernels';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { groupNorm, layerNorm } from '../functional/normalization.js';
import { ones_, zeros_ } from '../init/initializers.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { reprFloat, reprValue } from '../module/python-repr.js';
import { defineScript } from './define-script.js';

/** nn.LayerNorm(normalized_shape, { eps, elementwiseAffine }): weight ones, bias zeros. */
export class LayerNorm extends Module {
  static readonly torchscript = defineScript<LayerNorm>(
    `    normalized_shape: List[int]
    eps: float
    elementwise_affine: bool
    weight: Optional[Tensor]
    bias: Optional[Tensor]
    def forward(self, input: Tensor) -> Tensor:
        return torch.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps, False)
`,
    (m) => ({
      normalized_shape: m.normalizedShape,
      eps: m.eps,
      elementwise_affine: m.elementwiseAffine,
      weight: m.weight,
      bias: m.bias,
    }),
  );

  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(
    normalizedShape: number | number[],
    options: { eps?: number; elementwiseAffine?: boolean; dtype?: DType } = {},
  ) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    this.weight = null;
    this.bias = null;
    if (this.elementwiseAffine) {
      this.weight = new Parameter(T.empty(this.normalizedShape, { dtype }));
      this.bias = new Parameter(T.empty(this.normalizedShape, { dtype }));
    } else {
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.elementwiseAffine) {
      ones_(this.weight as Parameter);
      zeros_(this.bias as Parameter);
    }
  }

  override forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${reprValue(this.normalizedShape)}, eps=${reprFloat(this.eps)}, elementwise_affine=${reprValue(this.elementwiseAffine)}`;
  }
}

/** nn.GroupNorm(num_groups, num_channels, { eps, affine }): weight ones, bias zeros. */
export class GroupNorm extends Module {
  static readonly torchscript = defineScript<GroupNorm>(
    `    num_groups: int
    num_channels: int
    eps: float
    affine: bool
    weight: Optional[Tensor]
    bias: Optional[Tensor]
    def forward(self, input: Tensor) -> Tensor:
        return torch.group_norm(input, self.num_groups, self.weight, self.bias, self.eps, False)
`,
    (m) => ({
      num_groups: m.numGroups,
      num_channels: m.numChannels,
      eps: m.eps,
      affine: m.affine,
      weight: m.weight,
      bias: m.bias,
    }),
  );

  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(numGroups: number, numChannels: number, options: { eps?: number; affine?: boolean; dtype?: DType } = {}) {
    super();
    if (numChannels % numGroups !== 0) throw new Error('num_channels must be divisible by num_groups');
    const dtype = options.dtype ?? 'float32';
    this.numGroups = numGroups;
    this.numChannels = numChannels;
    this.eps = options.eps ?? 1e-5;
    this.affine = options.affine ?? true;
    this.weight = null;
    this.bias = null;
    if (this.affine) {
      this.weight = new Parameter(T.empty([numChannels], { dtype }));
      this.bias = new Parameter(T.empty([numChannels], { dtype }));
    } else {
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.affine) {
      ones_(this.weight as Parameter);
      zeros_(this.bias as Parameter);
    }
  }

  override forward(input: Tensor): Tensor {
    return groupNorm(input, this.numGroups, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${reprFloat(this.eps)}, affine=${reprValue(this.affine)}`;
  }
}
