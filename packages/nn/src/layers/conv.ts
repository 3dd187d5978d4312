import type { DType } from '@tsjit/kernels';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, pad } from '../functional/conv.js';
import { calculateFanInAndFanOut } from '../init/calculate-fan-in-and-fan-out.js';
import { kaimingUniform_, uniform_ } from '../init/initializers.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { reprValue } from '../module/python-repr.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { ntuple, scriptClassLine } from './define-script.js';

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export interface ConvOptions {
  stride?: number | number[];
  padding?: number | number[] | 'valid' | 'same';
  dilation?: number | number[];
  groups?: number;
  bias?: boolean;
  paddingMode?: PaddingMode;
  dtype?: DType;
}

export interface ConvTransposeOptions {
  stride?: number | number[];
  padding?: number | number[];
  outputPadding?: number | number[];
  groups?: number;
  bias?: boolean;
  dilation?: number | number[];
  paddingMode?: 'zeros';
  dtype?: DType;
}

/**
 * PyTorch's _ConvNd: the weight (out, in/groups, *k), or (in, out/groups, *k) when transposed,
 * initialized with kaiming_uniform_(a=√5), and the bias from U(-1/√fan_in, 1/√fan_in).
 */
export abstract class ConvNd extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[] | 'valid' | 'same';
  readonly dilation: number[];
  readonly transposed: boolean;
  readonly outputPadding: number[];
  readonly groups: number;
  readonly paddingMode: PaddingMode;
  /** F.pad's argument for padding modes other than zeros: the padding of each dim, last dim first, twice. */
  readonly reversedPaddingRepeatedTwice: number[];
  weight: Parameter;
  bias: Parameter | null;

  protected constructor(
    n: number,
    inChannels: number,
    outChannels: number,
    kernelSize: number | number[],
    transposed: boolean,
    options: ConvOptions & { outputPadding?: number | number[] },
  ) {
    super();
    const groups = options.groups ?? 1;
    const padding = options.padding ?? 0;
    const paddingMode = options.paddingMode ?? 'zeros';
    const dtype = options.dtype ?? 'float32';
    if (groups <= 0) throw new Error('groups must be a positive integer');
    if (inChannels % groups !== 0) throw new Error('in_channels must be divisible by groups');
    if (outChannels % groups !== 0) throw new Error('out_channels must be divisible by groups');
    const validPaddingStrings = ['same', 'valid'];
    const stride = ntuple(n, options.stride ?? 1, 'stride');
    const dilation = ntuple(n, options.dilation ?? 1, 'dilation');
    const k = ntuple(n, kernelSize, 'kernel_size');
    if (typeof padding === 'string') {
      if (!validPaddingStrings.includes(padding)) {
        throw new Error(`Invalid padding string '${padding}', should be one of ['same', 'valid']`);
      }
      if (padding === 'same' && stride.some((s) => s !== 1)) {
        throw new Error("padding='same' is not supported for strided convolutions");
      }
    }
    const validPaddingModes = ['zeros', 'reflect', 'replicate', 'circular'];
    if (!validPaddingModes.includes(paddingMode)) {
      throw new Error(
        `padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${paddingMode}'`,
      );
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = k;
    this.stride = stride;
    this.padding = typeof padding === 'string' ? padding : ntuple(n, padding, 'padding');
    this.dilation = dilation;
    this.transposed = transposed;
    this.outputPadding = ntuple(n, options.outputPadding ?? 0, 'output_padding');
    this.groups = groups;
    this.paddingMode = paddingMode;
    if (typeof padding === 'string') {
      // The last dim's pair first; only 'same' pads.
      const pairs: number[] = [];
      for (let i = n - 1; i >= 0; i--) {
        const total = padding === 'same' ? dilation[i] * (k[i] - 1) : 0;
        const left = Math.floor(total / 2);
        pairs.push(left, total - left);
      }
      this.reversedPaddingRepeatedTwice = pairs;
    } else {
      const p = this.padding as number[];
      this.reversedPaddingRepeatedTwice = [...p].reverse().flatMap((x) => [x, x]);
    }
    const shape = transposed ? [inChannels, outChannels / groups, ...k] : [outChannels, inChannels / groups, ...k];
    this.weight = new Parameter(T.empty(shape, { dtype }));
    this.bias = null;
    if (options.bias ?? true) this.bias = new Parameter(T.empty([outChannels], { dtype }));
    else this.registerParameter('bias', null);
    this.resetParameters();
  }

  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        uniform_(this.bias, -bound, bound);
      }
    }
  }

  override extraRepr(): string {
    const n = this.kernelSize.length;
    const zeros = new Array(n).fill(0);
    const ones = new Array(n).fill(1);
    const same = (a: unknown, b: number[]) =>
      Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${reprValue(this.kernelSize)}, stride=${reprValue(this.stride)}`;
    if (!same(this.padding, zeros))
      s += `, padding=${typeof this.padding === 'string' ? this.padding : reprValue(this.padding)}`;
    if (!same(this.dilation, ones)) s += `, dilation=${reprValue(this.dilation)}`;
    if (!same(this.outputPadding, zeros)) s += `, output_padding=${reprValue(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}

function convScript(n: 1 | 2 | 3): TorchScriptDefinition<ConvNd> {
  const body = `    in_channels: int
    out_channels: int
    kernel_size: List[int]
    stride: List[int]
    padding: List[int]
    padding_str: Optional[str]
    dilation: List[int]
    transposed: bool
    output_padding: List[int]
    groups: int
    padding_mode: str
    _reversed_padding_repeated_twice: List[int]
    weight: Tensor
    bias: Optional[Tensor]
    def _conv_forward(self, input: Tensor, weight: Tensor, bias: Optional[Tensor]) -> Tensor:
        if self.padding_mode != "zeros":
            padded = torch.nn.functional.pad(input, self._reversed_padding_repeated_twice, self.padding_mode)
            return torch.conv${n}d(padded, weight, bias, self.stride, [${new Array(n).fill('0').join(', ')}], self.dilation, self.groups)
        padding_str = self.padding_str
        if padding_str is not None:
            return torch.conv${n}d(input, weight, bias, self.stride, padding_str, self.dilation, self.groups)
        return torch.conv${n}d(input, weight, bias, self.stride, self.padding, self.dilation, self.groups)
    def forward(self, input: Tensor) -> Tensor:
        return self._conv_forward(input, self.weight, self.bias)
`;
  return {
    source: (m, o) => `${scriptClassLine(m, o)}${body}`,
    attributes: (m) => convAttributes(m),
  };
}

function convAttributes(m: ConvNd): Record<string, unknown> {
  const n = m.kernelSize.length;
  return {
    training: m.training,
    in_channels: m.inChannels,
    out_channels: m.outChannels,
    kernel_size: m.kernelSize,
    stride: m.stride,
    padding: typeof m.padding === 'string' ? new Array(n).fill(0) : m.padding,
    padding_str: typeof m.padding === 'string' ? m.padding : null,
    dilation: m.dilation,
    transposed: m.transposed,
    output_padding: m.outputPadding,
    groups: m.groups,
    padding_mode: m.paddingMode,
    _reversed_padding_repeated_twice: m.reversedPaddingRepeatedTwice,
    weight: m.weight,
    bias: m.bias,
  };
}

abstract class ConvForward extends ConvNd {
  protected abstract conv(input: Tensor, padding: number[] | 'valid' | 'same'): Tensor;

  override forward(input: Tensor): Tensor {
    if (this.paddingMode !== 'zeros') {
      const padded = pad(input, this.reversedPaddingRepeatedTwice, this.paddingMode);
      return this.conv(padded, new Array(this.kernelSize.length).fill(0));
    }
    return this.conv(input, this.padding);
  }
}

/** nn.Conv1d(in_channels, out_channels, kernel_size, { stride, padding, dilation, groups, bias, paddingMode }). */
export class Conv1d extends ConvForward {
  static readonly torchscript = convScript(1);
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options: ConvOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, false, options);
  }
  protected conv(input: Tensor, padding: number[] | 'valid' | 'same'): Tensor {
    return conv1d(input, this.weight, this.bias, this.stride, padding, this.dilation, this.groups);
  }
}

/** nn.Conv2d(in_channels, out_channels, kernel_size, { stride, padding, dilation, groups, bias, paddingMode }). */
export class Conv2d extends ConvForward {
  static readonly torchscript = convScript(2);
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options: ConvOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, false, options);
  }
  protected conv(input: Tensor, padding: number[] | 'valid' | 'same'): Tensor {
    return conv2d(input, this.weight, this.bias, this.stride, padding, this.dilation, this.groups);
  }
}

/** nn.Conv3d(in_channels, out_channels, kernel_size, { stride, padding, dilation, groups, bias, paddingMode }). */
export class Conv3d extends ConvForward {
  static readonly torchscript = convScript(3);
  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options: ConvOptions = {}) {
    super(3, inChannels, outChannels, kernelSize, false, options);
  }
  protected conv(input: Tensor, padding: number[] | 'valid' | 'same'): Tensor {
    return conv3d(input, this.weight, this.bias, this.stride, padding, this.dilation, this.groups);
  }
}

function convTransposeScript(n: 1 | 2): TorchScriptDefinition<ConvNd> {
  const body = `    in_channels: int
    out_channels: int
    kernel_size: List[int]
    stride: List[int]
    padding: List[int]
    dilation: List[int]
    transposed: bool
    output_padding: List[int]
    groups: int
    padding_mode: str
    weight: Tensor
    bias: Optional[Tensor]
    def _output_padding(self, input: Tensor, output_size: Optional[List[int]], stride: List[int], padding: List[int], kernel_size: List[int], num_spatial_dims: int, dilation: Optional[List[int]] = None) -> List[int]:
        if output_size is None:
            ret = self.output_padding
        else:
            has_batch_dim = input.dim() == num_spatial_dims + 2
            num_non_spatial_dims = 2 if has_batch_dim else 1
            if len(output_size) == num_non_spatial_dims + num_spatial_dims:
                output_size = output_size[num_non_spatial_dims:]
            if len(output_size) != num_spatial_dims:
                raise ValueError("ConvTranspose{}D: for {}D input, output_size must have {} or {} elements (got {})".format(num_spatial_dims, input.dim(), num_spatial_dims, num_non_spatial_dims + num_spatial_dims, len(output_size)))
            min_sizes = torch.jit.annotate(List[int], [])
            max_sizes = torch.jit.annotate(List[int], [])
            for d in range(num_spatial_dims):
                dim_size = ((input.size(d + num_non_spatial_dims) - 1) * stride[d] - 2 * padding[d] + (dilation[d] if dilation is not None else 1) * (kernel_size[d] - 1) + 1)
                min_sizes.append(dim_size)
                max_sizes.append(min_sizes[d] + stride[d] - 1)
            for i in range(len(output_size)):
                size = output_size[i]
                min_size = min_sizes[i]
                max_size = max_sizes[i]
                if size < min_size or size > max_size:
                    raise ValueError("requested an output size of {}, but valid sizes range from {} to {} (for an input of {})".format(output_size, min_sizes, max_sizes, input.size()[2:]))
            res = torch.jit.annotate(List[int], [])
            for d in range(num_spatial_dims):
                res.append(output_size[d] - min_sizes[d])
            ret = res
        return ret
    def forward(self, input: Tensor, output_size: Optional[List[int]] = None) -> Tensor:
        if self.padding_mode != "zeros":
            raise ValueError("Only \\"zeros\\" padding mode is supported for ConvTranspose${n}d")
        output_padding = self._output_padding(input, output_size, self.stride, self.padding, self.kernel_size, ${n}, self.dilation)
        return torch.conv_transpose${n}d(input, self.weight, self.bias, self.stride, self.padding, output_padding, self.groups, self.dilation)
`;
  return {
    source: (m, o) => `${scriptClassLine(m, o)}${body}`,
    attributes: (m) => {
      const { padding_str: _, _reversed_padding_repeated_twice: __, ...rest } = convAttributes(m);
      return rest;
    },
  };
}

abstract class ConvTransposeNd extends ConvNd {
  protected constructor(
    n: number,
    inChannels: number,
    outChannels: number,
    kernelSize: number | number[],
    options: ConvTransposeOptions,
  ) {
    if ((options.paddingMode ?? 'zeros') !== 'zeros') {
      throw new Error(`Only "zeros" padding mode is supported for ConvTranspose${n}d`);
    }
    super(n, inChannels, outChannels, kernelSize, true, options);
  }

  /** ConvTranspose's output_padding for a requested output size (PyTorch's _output_padding). */
  protected outputPaddingFor(input: Tensor, outputSize: number[] | null | undefined): number[] {
    if (outputSize === null || outputSize === undefined) return this.outputPadding;
    const n = this.kernelSize.length;
    const hasBatchDim = input.dim() === n + 2;
    const nonSpatial = hasBatchDim ? 2 : 1;
    let size = outputSize;
    if (size.length === nonSpatial + n) size = size.slice(nonSpatial);
    if (size.length !== n) {
      throw new Error(
        `ConvTranspose${n}D: for ${input.dim()}D input, output_size must have ${n} or ${nonSpatial + n} elements (got ${size.length})`,
      );
    }
    const minSizes: number[] = [];
    const maxSizes: number[] = [];
    for (let d = 0; d < n; d++) {
      const dimSize =
        (input.size(d + nonSpatial) - 1) * this.stride[d] -
        2 * (this.padding as number[])[d] +
        this.dilation[d] * (this.kernelSize[d] - 1) +
        1;
      minSizes.push(dimSize);
      maxSizes.push(dimSize + this.stride[d] - 1);
    }
    for (let i = 0; i < size.length; i++) {
      if (size[i] < minSizes[i] || size[i] > maxSizes[i]) {
        throw new Error(
          `requested an output size of [${size.join(', ')}], but valid sizes range from [${minSizes.join(', ')}] to [${maxSizes.join(', ')}] (for an input of torch.Size([${input.sizes.slice(2).join(', ')}]))`,
        );
      }
    }
    return size.map((s, d) => s - minSizes[d]);
  }
}

/** nn.ConvTranspose1d(in_channels, out_channels, kernel_size, { stride, padding, outputPadding, groups, bias, dilation }). */
export class ConvTranspose1d extends ConvTransposeNd {
  static readonly torchscript = convTransposeScript(1);
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | number[],
    options: ConvTransposeOptions = {},
  ) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Tensor, outputSize?: number[] | null): Tensor {
    const outputPadding = this.outputPaddingFor(input, outputSize);
    return convTranspose1d(
      input,
      this.weight,
      this.bias,
      this.stride,
      this.padding as number[],
      outputPadding,
      this.groups,
      this.dilation,
    );
  }
}

/** nn.ConvTranspose2d(in_channels, out_channels, kernel_size, { stride, padding, outputPadding, groups, bias, dilation }). */
export class ConvTranspose2d extends ConvTransposeNd {
  static readonly torchscript = convTransposeScript(2);
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | number[],
    options: ConvTransposeOptions = {},
  ) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
  override forward(input: Tensor, outputSize?: number[] | null): Tensor {
    const outputPadding = this.outputPaddingFor(input, outputSize);
    return convTranspose2d(
      input,
      this.weight,
      this.bias,
      this.stride,
      this.padding as number[],
      outputPadding,
      this.groups,
      this.dilation,
    );
  }
}
