import type { Tensor } from '@tsjit/tensor';
import { pad } from '../functional/conv.js';
import { Module } from '../module/module.js';
import { reprFloat, reprValue } from '../module/python-repr.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { ntuple, scriptClassLine } from './define-script.js';

type Mode = 'constant' | 'reflect' | 'replicate';

/** PyTorch's _ConstantPadNd / _ReflectionPadNd / _ReplicationPadNd: padding as (left, right[, top, bottom]). */
abstract class PadNd extends Module {
  readonly padding: number[];
  protected constructor(n: number, padding: number | number[]) {
    super();
    this.padding = ntuple(2 * n, padding, 'padding');
  }
  protected abstract get mode(): Mode;
  /** The fill value of constant padding. */
  get value(): number {
    return 0;
  }
  override forward(input: Tensor): Tensor {
    return pad(input, this.padding, this.mode, this.mode === 'constant' ? this.value : null);
  }
  override extraRepr(): string {
    return reprValue(this.padding);
  }
}

function padScript(mode: Mode): TorchScriptDefinition<PadNd> {
  const value = mode === 'constant' ? ', self.value' : '';
  return {
    source: (m, o) => `${scriptClassLine(m, o)}    padding: List[int]
${mode === 'constant' ? '    value: float\n' : ''}    def forward(self, input: Tensor) -> Tensor:
        return torch.nn.functional.pad(input, self.padding, "${mode}"${value})
`,
    attributes: (m) => ({
      training: m.training,
      padding: m.padding,
      ...(mode === 'constant' ? { value: m.value } : {}),
    }),
  };
}

abstract class ConstantPadNd extends PadNd {
  readonly #value: number;
  protected constructor(n: number, padding: number | number[], value: number) {
    super(n, padding);
    this.#value = value;
  }
  protected get mode(): Mode {
    return 'constant';
  }
  override get value(): number {
    return this.#value;
  }
  override extraRepr(): string {
    return `padding=${reprValue(this.padding)}, value=${reprFloat(this.#value)}`;
  }
}

/** nn.ConstantPad1d(padding, value). */
export class ConstantPad1d extends ConstantPadNd {
  static readonly torchscript = padScript('constant');
  constructor(padding: number | number[], value: number) {
    super(1, padding, value);
  }
}

/** nn.ConstantPad2d(padding, value). */
export class ConstantPad2d extends ConstantPadNd {
  static readonly torchscript = padScript('constant');
  constructor(padding: number | number[], value: number) {
    super(2, padding, value);
  }
}

/** nn.ZeroPad2d(padding): prints as PyTorch's, the padding only. */
export class ZeroPad2d extends ConstantPadNd {
  static readonly torchscript = padScript('constant');
  constructor(padding: number | number[]) {
    super(2, padding, 0);
  }
  override extraRepr(): string {
    return reprValue(this.padding);
  }
}

/** nn.ReflectionPad1d(padding). */
export class ReflectionPad1d extends PadNd {
  static readonly torchscript = padScript('reflect');
  constructor(padding: number | number[]) {
    super(1, padding);
  }
  protected get mode(): Mode {
    return 'reflect';
  }
}

/** nn.ReflectionPad2d(padding). */
export class ReflectionPad2d extends PadNd {
  static readonly torchscript = padScript('reflect');
  constructor(padding: number | number[]) {
    super(2, padding);
  }
  protected get mode(): Mode {
    return 'reflect';
  }
}

/** nn.ReplicationPad1d(padding). */
export class ReplicationPad1d extends PadNd {
  static readonly torchscript = padScript('replicate');
  constructor(padding: number | number[]) {
    super(1, padding);
  }
  protected get mode(): Mode {
    return 'replicate';
  }
}

/** nn.ReplicationPad2d(padding). */
export class ReplicationPad2d extends PadNd {
  static readonly torchscript = padScript('replicate');
  constructor(padding: number | number[]) {
    super(2, padding);
  }
  protected get mode(): Mode {
    return 'replicate';
  }
}
