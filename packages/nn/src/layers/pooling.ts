import type { Tensor } from '@tsjit/tensor';
import * as F from '../functional/pooling.js';
import { Module } from '../module/module.js';
import { reprValue } from '../module/python-repr.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { defineScript, ntuple, scriptClassLine } from './define-script.js';

type IntOrList = number | number[];

export interface MaxPoolLayerOptions {
  stride?: IntOrList | null;
  padding?: IntOrList;
  dilation?: IntOrList;
  returnIndices?: boolean;
  ceilMode?: boolean;
}

/** PyTorch's _MaxPoolNd: sizes kept as given (int or tuple), stride defaulting to kernel_size. */
abstract class MaxPoolNd extends Module {
  readonly kernelSize: IntOrList;
  readonly stride: IntOrList;
  readonly padding: IntOrList;
  readonly dilation: IntOrList;
  readonly returnIndices: boolean;
  readonly ceilMode: boolean;

  constructor(kernelSize: IntOrList, options: MaxPoolLayerOptions = {}) {
    super();
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
    this.dilation = options.dilation ?? 1;
    this.returnIndices = options.returnIndices ?? false;
    this.ceilMode = options.ceilMode ?? false;
  }

  override extraRepr(): string {
    return `kernel_size=${reprValue(this.kernelSize)}, stride=${reprValue(this.stride)}, padding=${reprValue(this.padding)}, dilation=${reprValue(this.dilation)}, ceil_mode=${reprValue(this.ceilMode)}`;
  }
}

function maxPoolScript(n: 1 | 2): TorchScriptDefinition<MaxPoolNd> {
  return {
    source: (m, o) => {
      const call = `torch.max_pool${n}d${m.returnIndices ? '_with_indices' : ''}(input, self.kernel_size, self.stride, self.padding, self.dilation, self.ceil_mode)`;
      const ret = m.returnIndices ? 'Tuple[Tensor, Tensor]' : 'Tensor';
      return `${scriptClassLine(m, o)}    kernel_size: List[int]
    stride: List[int]
    padding: List[int]
    dilation: List[int]
    return_indices: bool
    ceil_mode: bool
    def forward(self, input: Tensor) -> ${ret}:
        return ${m.returnIndices ? call.replace('torch.', 'torch.ops.aten.') : call}
`;
    },
    attributes: (m) => ({
      training: m.training,
      kernel_size: ntuple(n, m.kernelSize),
      stride: ntuple(n, m.stride),
      padding: ntuple(n, m.padding),
      dilation: ntuple(n, m.dilation),
      return_indices: m.returnIndices,
      ceil_mode: m.ceilMode,
    }),
  };
}

/** nn.MaxPool1d(kernel_size, { stride, padding, dilation, returnIndices, ceilMode }). */
export class MaxPool1d extends MaxPoolNd {
  static readonly torchscript = maxPoolScript(1);
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const options = { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode };
    return this.returnIndices
      ? F.maxPool1dWithIndices(input, this.kernelSize, options)
      : F.maxPool1d(input, this.kernelSize, options);
  }
}

/** nn.MaxPool2d(kernel_size, { stride, padding, dilation, returnIndices, ceilMode }). */
export class MaxPool2d extends MaxPoolNd {
  static readonly torchscript = maxPoolScript(2);
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const options = { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode };
    return this.returnIndices
      ? F.maxPool2dWithIndices(input, this.kernelSize, options)
      : F.maxPool2d(input, this.kernelSize, options);
  }
}

export interface AvgPoolLayerOptions {
  stride?: IntOrList | null;
  padding?: IntOrList;
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

/** nn.AvgPool1d(kernel_size, { stride, padding, ceilMode, countIncludePad }): sizes kept as 1-tuples, as PyTorch. */
export class AvgPool1d extends Module {
  static readonly torchscript = defineScript<AvgPool1d>(
    `    kernel_size: List[int]
    stride: List[int]
    padding: List[int]
    ceil_mode: bool
    count_include_pad: bool
    def forward(self, input: Tensor) -> Tensor:
        return torch.avg_pool1d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode, self.count_include_pad)
`,
    (m) => ({
      kernel_size: m.kernelSize,
      stride: m.stride,
      padding: m.padding,
      ceil_mode: m.ceilMode,
      count_include_pad: m.countIncludePad,
    }),
  );
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  constructor(kernelSize: IntOrList, options: AvgPoolLayerOptions = {}) {
    super();
    this.kernelSize = ntuple(1, kernelSize);
    this.stride = ntuple(1, options.stride ?? kernelSize);
    this.padding = ntuple(1, options.padding ?? 0);
    this.ceilMode = options.ceilMode ?? false;
    this.countIncludePad = options.countIncludePad ?? true;
  }
  override forward(input: Tensor): Tensor {
    return F.avgPool1d(input, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      ceilMode: this.ceilMode,
      countIncludePad: this.countIncludePad,
    });
  }
  override extraRepr(): string {
    return `kernel_size=${reprValue(this.kernelSize)}, stride=${reprValue(this.stride)}, padding=${reprValue(this.padding)}`;
  }
}

/** nn.AvgPool2d(kernel_size, { stride, padding, ceilMode, countIncludePad, divisorOverride }). */
export class AvgPool2d extends Module {
  static readonly torchscript = defineScript<AvgPool2d>(
    `    kernel_size: List[int]
    stride: List[int]
    padding: List[int]
    ceil_mode: bool
    count_include_pad: bool
    divisor_override: Optional[int]
    def forward(self, input: Tensor) -> Tensor:
        return torch.ops.aten.avg_pool2d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode, self.count_include_pad, self.divisor_override)
`,
    (m) => ({
      kernel_size: ntuple(2, m.kernelSize),
      stride: ntuple(2, m.stride),
      padding: ntuple(2, m.padding),
      ceil_mode: m.ceilMode,
      count_include_pad: m.countIncludePad,
      divisor_override: m.divisorOverride,
    }),
  );
  readonly kernelSize: IntOrList;
  readonly stride: IntOrList;
  readonly padding: IntOrList;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;
  constructor(kernelSize: IntOrList, options: AvgPoolLayerOptions & { divisorOverride?: number | null } = {}) {
    super();
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
    this.ceilMode = options.ceilMode ?? false;
    this.countIncludePad = options.countIncludePad ?? true;
    this.divisorOverride = options.divisorOverride ?? null;
  }
  override forward(input: Tensor): Tensor {
    return F.avgPool2d(input, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      ceilMode: this.ceilMode,
      countIncludePad: this.countIncludePad,
      divisorOverride: this.divisorOverride,
    });
  }
  override extraRepr(): string {
    return `kernel_size=${reprValue(this.kernelSize)}, stride=${reprValue(this.stride)}, padding=${reprValue(this.padding)}`;
  }
}

type OutputSize = number | (number | null)[];

/** Output sizes for the script: None entries as -1 (the script keeps the input's size there). */
function scriptOutputSize(n: number, size: OutputSize): number[] {
  return typeof size === 'number' ? new Array(n).fill(size) : size.map((s) => s ?? -1);
}

const adaptiveOutputSize = (n: number) => `        output_size = torch.jit.annotate(List[int], [])
        for i in range(${n}):
            s = self.output_size[i]
            if s < 0:
                s = input.size(input.dim() - ${n} + i)
            output_size.append(s)
`;

/** nn.AdaptiveAvgPool1d(output_size). */
export class AdaptiveAvgPool1d extends Module {
  static readonly torchscript = defineScript<AdaptiveAvgPool1d>(
    `    output_size: List[int]
    def forward(self, input: Tensor) -> Tensor:
        return torch.adaptive_avg_pool1d(input, self.output_size)
`,
    (m) => ({ output_size: scriptOutputSize(1, m.outputSize) }),
  );
  readonly outputSize: number | [number];
  constructor(outputSize: number | [number]) {
    super();
    this.outputSize = outputSize;
  }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool1d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${reprValue(this.outputSize)}`;
  }
}

/** nn.AdaptiveAvgPool2d(output_size): ints, or pairs with null to keep that input size. */
export class AdaptiveAvgPool2d extends Module {
  static readonly torchscript = defineScript<AdaptiveAvgPool2d>(
    `    output_size: List[int]
    def forward(self, input: Tensor) -> Tensor:
${adaptiveOutputSize(2)}        return torch.ops.aten.adaptive_avg_pool2d(input, output_size)
`,
    (m) => ({ output_size: scriptOutputSize(2, m.outputSize) }),
  );
  readonly outputSize: OutputSize;
  constructor(outputSize: OutputSize) {
    super();
    this.outputSize = outputSize;
  }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool2d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${reprValue(this.outputSize)}`;
  }
}

function adaptiveMaxScript(n: 1 | 2): TorchScriptDefinition<AdaptiveMaxPool1d | AdaptiveMaxPool2d> {
  return {
    source: (m, o) => `${scriptClassLine(m, o)}    output_size: List[int]
    return_indices: bool
    def forward(self, input: Tensor) -> ${m.returnIndices ? 'Tuple[Tensor, Tensor]' : 'Tensor'}:
${adaptiveOutputSize(n)}        out, indices = torch.ops.aten.adaptive_max_pool${n}d(input, output_size)
        return ${m.returnIndices ? '(out, indices)' : 'out'}
`,
    attributes: (m) => ({
      training: m.training,
      output_size: scriptOutputSize(n, m.outputSize),
      return_indices: m.returnIndices,
    }),
  };
}

/** nn.AdaptiveMaxPool1d(output_size, returnIndices=false). */
export class AdaptiveMaxPool1d extends Module {
  static readonly torchscript = adaptiveMaxScript(1);
  readonly outputSize: number | [number];
  readonly returnIndices: boolean;
  constructor(outputSize: number | [number], returnIndices = false) {
    super();
    this.outputSize = outputSize;
    this.returnIndices = returnIndices;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return this.returnIndices
      ? F.adaptiveMaxPool1dWithIndices(input, this.outputSize)
      : F.adaptiveMaxPool1d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${reprValue(this.outputSize)}`;
  }
}

/** nn.AdaptiveMaxPool2d(output_size, returnIndices=false). */
export class AdaptiveMaxPool2d extends Module {
  static readonly torchscript = adaptiveMaxScript(2);
  readonly outputSize: OutputSize;
  readonly returnIndices: boolean;
  constructor(outputSize: OutputSize, returnIndices = false) {
    super();
    this.outputSize = outputSize;
    this.returnIndices = returnIndices;
  }
  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    return this.returnIndices
      ? F.adaptiveMaxPool2dWithIndices(input, this.outputSize)
      : F.adaptiveMaxPool2d(input, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${reprValue(this.outputSize)}`;
  }
}
