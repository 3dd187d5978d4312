import type { DType } from '@tsjit/kernels';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import * as F from '../functional/activation.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { reprFloat, reprValue } from '../module/python-repr.js';
import { tensorData } from '../module/tensor-data.js';
import { defineScript } from './define-script.js';

const inplaceRepr = (inplace: boolean) => (inplace ? 'inplace=True' : '');

/** The TorchScript body of an activation that calls one op (its `_` variant when inplace). */
function opBody(call: (op: string) => string, inplace: boolean, decls = ''): string {
  const lines = [decls];
  if (inplace) {
    lines.push('    inplace: bool');
    lines.push('    def forward(self, input: Tensor) -> Tensor:');
    lines.push('        if self.inplace:');
    lines.push(`            return ${call('_')}`);
    lines.push(`        return ${call('')}`);
  } else {
    lines.push('    def forward(self, input: Tensor) -> Tensor:');
    lines.push(`        return ${call('')}`);
  }
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

/** An activation without options other than `inplace`. */
abstract class InplaceActivation extends Module {
  readonly inplace: boolean;
  constructor(inplace = false) {
    super();
    this.inplace = inplace;
  }
  override extraRepr(): string {
    return inplaceRepr(this.inplace);
  }
}

const inplaceAttributes = (m: InplaceActivation) => ({ inplace: m.inplace });

export class ReLU extends InplaceActivation {
  static readonly torchscript = defineScript<ReLU>(
    opBody((s) => `torch.ops.aten.relu${s}(input)`, true),
    inplaceAttributes,
  );
  override forward(input: Tensor): Tensor {
    return F.relu(input, this.inplace);
  }
}

export class ReLU6 extends InplaceActivation {
  static readonly torchscript = defineScript<ReLU6>(
    opBody((s) => `torch.ops.aten.hardtanh${s}(input, 0., 6.)`, true),
    inplaceAttributes,
  );
  override forward(input: Tensor): Tensor {
    return F.relu6(input, this.inplace);
  }
}

export class SELU extends InplaceActivation {
  static readonly torchscript = defineScript<SELU>(
    opBody((s) => `torch.ops.aten.selu${s}(input)`, true),
    inplaceAttributes,
  );
  override forward(input: Tensor): Tensor {
    return F.selu(input, this.inplace);
  }
}

export class SiLU extends InplaceActivation {
  static readonly torchscript = defineScript<SiLU>(
    opBody((s) => `torch.ops.aten.silu${s}(input)`, true),
    inplaceAttributes,
  );
  override forward(input: Tensor): Tensor {
    return F.silu(input, this.inplace);
  }
}

export class Mish extends InplaceActivation {
  static readonly torchscript = defineScript<Mish>(
    opBody((s) => `torch.ops.aten.mish${s}(input)`, true),
    inplaceAttributes,
  );
  override forward(input: Tensor): Tensor {
    return F.mish(input, this.inplace);
  }
}

export class Hardswish extends InplaceActivation {
  static readonly torchscript = defineScript<Hardswish>(
    opBody((s) => `torch.ops.aten.hardswish${s}(input)`, true),
    inplaceAttributes,
  );
  override forward(input: Tensor): Tensor {
    return F.hardswish(input, this.inplace);
  }
}

export class Hardsigmoid extends InplaceActivation {
  static readonly torchscript = defineScript<Hardsigmoid>(
    opBody((s) => `torch.ops.aten.hardsigmoid${s}(input)`, true),
    inplaceAttributes,
  );
  override forward(input: Tensor): Tensor {
    return F.hardsigmoid(input, this.inplace);
  }
}

export class LeakyReLU extends Module {
  static readonly torchscript = defineScript<LeakyReLU>(
    opBody((s) => `torch.ops.aten.leaky_relu${s}(input, self.negative_slope)`, true, '    negative_slope: float'),
    (m) => ({ negative_slope: m.negativeSlope, inplace: m.inplace }),
  );
  readonly negativeSlope: number;
  readonly inplace: boolean;
  constructor(negativeSlope = 0.01, inplace = false) {
    super();
    this.negativeSlope = negativeSlope;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.leakyRelu(input, this.negativeSlope, this.inplace);
  }
  override extraRepr(): string {
    return `negative_slope=${reprFloat(this.negativeSlope)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

export class ELU extends Module {
  static readonly torchscript = defineScript<ELU>(
    opBody((s) => `torch.ops.aten.elu${s}(input, self.alpha)`, true, '    alpha: float'),
    (m) => ({ alpha: m.alpha, inplace: m.inplace }),
  );
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(alpha = 1.0, inplace = false) {
    super();
    this.alpha = alpha;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.elu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${reprFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

export class CELU extends Module {
  static readonly torchscript = defineScript<CELU>(
    opBody((s) => `torch.ops.aten.celu${s}(input, self.alpha)`, true, '    alpha: float'),
    (m) => ({ alpha: m.alpha, inplace: m.inplace }),
  );
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(alpha = 1.0, inplace = false) {
    super();
    this.alpha = alpha;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.celu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${reprFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

export class Hardtanh extends Module {
  static readonly torchscript = defineScript<Hardtanh>(
    opBody(
      (s) => `torch.ops.aten.hardtanh${s}(input, self.min_val, self.max_val)`,
      true,
      '    min_val: float\n    max_val: float',
    ),
    (m) => ({ min_val: m.minVal, max_val: m.maxVal, inplace: m.inplace }),
  );
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;
  constructor(minVal = -1.0, maxVal = 1.0, inplace = false) {
    super();
    if (!(maxVal > minVal)) throw new Error('max_val must be greater than min_val');
    this.minVal = minVal;
    this.maxVal = maxVal;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.hardtanh(input, this.minVal, this.maxVal, this.inplace);
  }
  override extraRepr(): string {
    return `min_val=${reprFloat(this.minVal)}, max_val=${reprFloat(this.maxVal)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

export class Threshold extends Module {
  static readonly torchscript = defineScript<Threshold>(
    opBody(
      (s) => `torch.ops.aten.threshold${s}(input, self.threshold, self.value)`,
      true,
      '    threshold: float\n    value: float',
    ),
    (m) => ({ threshold: m.threshold, value: m.value, inplace: m.inplace }),
  );
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;
  constructor(threshold: number, value: number, inplace = false) {
    super();
    this.threshold = threshold;
    this.value = value;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.threshold(input, this.threshold, this.value, this.inplace);
  }
  override extraRepr(): string {
    return `threshold=${reprFloat(this.threshold)}, value=${reprFloat(this.value)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

export class GELU extends Module {
  static readonly torchscript = defineScript<GELU>(
    opBody((_) => 'torch.ops.aten.gelu(input, approximate=self.approximate)', false, '    approximate: str'),
    (m) => ({ approximate: m.approximate }),
  );
  readonly approximate: 'none' | 'tanh';
  constructor(options: { approximate?: 'none' | 'tanh' } = {}) {
    super();
    this.approximate = options.approximate ?? 'none';
  }
  override forward(input: Tensor): Tensor {
    return F.gelu(input, this.approximate);
  }
  override extraRepr(): string {
    return `approximate=${reprValue(this.approximate)}`;
  }
}

export class Sigmoid extends Module {
  static readonly torchscript = defineScript<Sigmoid>(opBody(() => 'torch.sigmoid(input)', false));
  override forward(input: Tensor): Tensor {
    return F.sigmoid(input);
  }
}

export class Tanh extends Module {
  static readonly torchscript = defineScript<Tanh>(opBody(() => 'torch.tanh(input)', false));
  override forward(input: Tensor): Tensor {
    return F.tanh(input);
  }
}

export class LogSigmoid extends Module {
  static readonly torchscript = defineScript<LogSigmoid>(opBody(() => 'torch.nn.functional.logsigmoid(input)', false));
  override forward(input: Tensor): Tensor {
    return F.logsigmoid(input);
  }
}

// Softsign and Tanhshrink are Python formulas in PyTorch's functional (no op of their own).
export class Softsign extends Module {
  static readonly torchscript = defineScript<Softsign>(opBody(() => 'input / (input.abs() + 1)', false));
  override forward(input: Tensor): Tensor {
    return F.softsign(input);
  }
}

export class Tanhshrink extends Module {
  static readonly torchscript = defineScript<Tanhshrink>(opBody(() => 'input - input.tanh()', false));
  override forward(input: Tensor): Tensor {
    return F.tanhshrink(input);
  }
}

export class Softplus extends Module {
  static readonly torchscript = defineScript<Softplus>(
    opBody(
      () => 'torch.nn.functional.softplus(input, self.beta, self.threshold)',
      false,
      '    beta: float\n    threshold: float',
    ),
    (m) => ({ beta: m.beta, threshold: m.threshold }),
  );
  readonly beta: number;
  readonly threshold: number;
  constructor(beta = 1.0, threshold = 20.0) {
    super();
    this.beta = beta;
    this.threshold = threshold;
  }
  override forward(input: Tensor): Tensor {
    return F.softplus(input, this.beta, this.threshold);
  }
  override extraRepr(): string {
    // PyTorch formats these with {} (ints stay ints): Softplus() prints beta=1, threshold=20.
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

export class Softshrink extends Module {
  static readonly torchscript = defineScript<Softshrink>(
    opBody(() => 'torch.nn.functional.softshrink(input, self.lambd)', false, '    lambd: float'),
    (m) => ({ lambd: m.lambd }),
  );
  readonly lambd: number;
  constructor(lambd = 0.5) {
    super();
    this.lambd = lambd;
  }
  override forward(input: Tensor): Tensor {
    return F.softshrink(input, this.lambd);
  }
  override extraRepr(): string {
    return reprFloat(this.lambd);
  }
}

export class Hardshrink extends Module {
  static readonly torchscript = defineScript<Hardshrink>(
    opBody(() => 'torch.nn.functional.hardshrink(input, self.lambd)', false, '    lambd: float'),
    (m) => ({ lambd: m.lambd }),
  );
  readonly lambd: number;
  constructor(lambd = 0.5) {
    super();
    this.lambd = lambd;
  }
  override forward(input: Tensor): Tensor {
    return F.hardshrink(input, this.lambd);
  }
  override extraRepr(): string {
    return reprFloat(this.lambd);
  }
}

export class GLU extends Module {
  static readonly torchscript = defineScript<GLU>(
    opBody(() => 'torch.ops.aten.glu(input, self.dim)', false, '    dim: int'),
    (m) => ({ dim: m.dim }),
  );
  readonly dim: number;
  constructor(dim = -1) {
    super();
    this.dim = dim;
  }
  override forward(input: Tensor): Tensor {
    return F.glu(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** The body of Softmax-like layers: dim None picks PyTorch's legacy implicit dim. */
function softmaxBody(expr: (dim: string) => string): string {
  return `    dim: Optional[int]
    def forward(self, input: Tensor) -> Tensor:
        dim = self.dim
        if dim is None:
            ndim = input.dim()
            if ndim == 0 or ndim == 1 or ndim == 3:
                ret = 0
            else:
                ret = 1
            dim = ret
        return ${expr('dim')}
`;
}

abstract class SoftmaxBase extends Module {
  readonly dim: number | null;
  constructor(dim: number | null = null) {
    super();
    this.dim = dim;
  }
  override extraRepr(): string {
    return `dim=${reprValue(this.dim)}`;
  }
}

export class Softmax extends SoftmaxBase {
  static readonly torchscript = defineScript<Softmax>(
    softmaxBody((d) => `torch.softmax(input, ${d})`),
    (m) => ({
      dim: m.dim,
    }),
  );
  override forward(input: Tensor): Tensor {
    return F.softmax(input, this.dim);
  }
}

export class Softmin extends SoftmaxBase {
  static readonly torchscript = defineScript<Softmin>(
    softmaxBody((d) => `torch.softmax(torch.neg(input), ${d})`),
    (m) => ({
      dim: m.dim,
    }),
  );
  override forward(input: Tensor): Tensor {
    return F.softmin(input, this.dim);
  }
}

export class LogSoftmax extends SoftmaxBase {
  static readonly torchscript = defineScript<LogSoftmax>(
    softmaxBody((d) => `torch.log_softmax(input, ${d})`),
    (m) => ({
      dim: m.dim,
    }),
  );
  override forward(input: Tensor): Tensor {
    return F.logSoftmax(input, this.dim);
  }
}

/** nn.RReLU(lower=1/8, upper=1/3, inplace=false): random leaky slopes in training. */
export class RReLU extends Module {
  static readonly torchscript = defineScript<RReLU>(
    `    lower: float
    upper: float
    inplace: bool
    def forward(self, input: Tensor) -> Tensor:
        if self.inplace:
            return torch.rrelu_(input, self.lower, self.upper, self.training)
        return torch.rrelu(input, self.lower, self.upper, self.training)
`,
    (m) => ({ lower: m.lower, upper: m.upper, inplace: m.inplace }),
  );
  readonly lower: number;
  readonly upper: number;
  readonly inplace: boolean;
  constructor(lower = 1.0 / 8, upper = 1.0 / 3, inplace = false) {
    super();
    this.lower = lower;
    this.upper = upper;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.rrelu(input, this.lower, this.upper, this.training, this.inplace);
  }
  override extraRepr(): string {
    return `lower=${reprFloat(this.lower)}, upper=${reprFloat(this.upper)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** nn.Softmax2d: softmax over the channels of (N, C, H, W) or (C, H, W) inputs. */
export class Softmax2d extends Module {
  static readonly torchscript = defineScript<Softmax2d>(`    def forward(self, input: Tensor) -> Tensor:
        if input.dim() != 3 and input.dim() != 4:
            raise ValueError("Softmax2d: expected input to be 3D or 4D, got {}D instead".format(input.dim()))
        return torch.softmax(input, -3)
`);
  override forward(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) {
      throw new Error(`Softmax2d: expected input to be 3D or 4D, got ${input.dim()}D instead`);
    }
    return F.softmax(input, -3);
  }
}

/** nn.PReLU(num_parameters=1, init=0.25): a learned negative slope per channel (or one shared). */
export class PReLU extends Module {
  static readonly torchscript = defineScript<PReLU>(
    `    num_parameters: int
    weight: Tensor
    def forward(self, input: Tensor) -> Tensor:
        return torch.prelu(input, self.weight)
`,
    (m) => ({ num_parameters: m.numParameters, weight: m.weight }),
  );
  readonly numParameters: number;
  readonly init: number;
  weight: Parameter;
  constructor(numParameters = 1, init = 0.25, options: { dtype?: DType } = {}) {
    super();
    this.numParameters = numParameters;
    this.init = init;
    this.weight = new Parameter(T.empty([numParameters], { dtype: options.dtype ?? 'float32' }));
    this.resetParameters();
  }
  resetParameters(): void {
    T.fill_(tensorData(this.weight), this.init);
  }
  override forward(input: Tensor): Tensor {
    return F.prelu(input, this.weight);
  }
  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}
