import type { DType } from '@tsjit/kernels';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { bilinear, linear } from '../functional/linear.js';
import { calculateFanInAndFanOut } from '../init/calculate-fan-in-and-fan-out.js';
import { kaimingUniform_, uniform_ } from '../init/initializers.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { defineScript } from './define-script.js';

export interface LinearOptions {
  bias?: boolean;
  dtype?: DType;
}

/** nn.Identity: returns its input (extra constructor arguments are ignored, as in PyTorch). */
export class Identity extends Module {
  static readonly torchscript = defineScript<Identity>(
    '    def forward(self, input: Tensor) -> Tensor:\n        return input\n',
  );

  constructor(..._args: unknown[]) {
    super();
  }

  override forward(input: Tensor): Tensor {
    return input;
  }
}

/**
 * nn.Linear: y = x Aᵀ + b. Weight (out, in) and bias (out) are initialized as PyTorch does:
 * kaiming_uniform_(a=√5) for the weight, then U(-1/√in, 1/√in) for the bias.
 */
export class Linear extends Module {
  static readonly torchscript = defineScript<Linear>(
    `    in_features: int
    out_features: int
    weight: Tensor
    bias: Optional[Tensor]
    def forward(self, input: Tensor) -> Tensor:
        return torch.nn.functional.linear(input, self.weight, self.bias)
`,
    (m) => ({ weight: m.weight, bias: m.bias, in_features: m.inFeatures, out_features: m.outFeatures }),
  );

  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(T.empty([outFeatures, inFeatures], { dtype }));
    this.bias = null;
    if (options.bias ?? true) this.bias = new Parameter(T.empty([outFeatures], { dtype }));
    else this.registerParameter('bias', null);
    this.resetParameters();
  }

  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  override forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}

/** nn.Bilinear: y = x1ᵀ A x2 + b, weight (out, in1, in2) and bias drawn from U(-1/√in1, 1/√in1). */
export class Bilinear extends Module {
  static readonly torchscript = defineScript<Bilinear>(
    `    in1_features: int
    in2_features: int
    out_features: int
    weight: Tensor
    bias: Optional[Tensor]
    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return torch.bilinear(input1, input2, self.weight, self.bias)
`,
    (m) => ({
      weight: m.weight,
      bias: m.bias,
      in1_features: m.in1Features,
      in2_features: m.in2Features,
      out_features: m.outFeatures,
    }),
  );

  readonly in1Features: number;
  readonly in2Features: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(in1Features: number, in2Features: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.in1Features = in1Features;
    this.in2Features = in2Features;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(T.empty([outFeatures, in1Features, in2Features], { dtype }));
    this.bias = null;
    if (options.bias ?? true) this.bias = new Parameter(T.empty([outFeatures], { dtype }));
    else this.registerParameter('bias', null);
    this.resetParameters();
  }

  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.weight.size(1));
    uniform_(this.weight, -bound, bound);
    if (this.bias !== null) uniform_(this.bias, -bound, bound);
  }

  override forward(input1: Tensor, input2: Tensor): Tensor {
    return bilinear(input1, input2, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}
