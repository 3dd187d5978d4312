import type { Tensor } from '@tsjit/tensor';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { scriptClassLine } from './define-script.js';

const legacyTypeNames: Record<string, string> = {
  float32: 'FloatTensor',
  float64: 'DoubleTensor',
  float16: 'HalfTensor',
  bfloat16: 'BFloat16Tensor',
  int64: 'LongTensor',
  int32: 'IntTensor',
  int16: 'ShortTensor',
  int8: 'CharTensor',
  uint8: 'ByteTensor',
  bool: 'BoolTensor',
};

const asParameter = (t: Tensor): Parameter => (t instanceof Parameter ? t : new Parameter(t));

/** Holds parameters only: its TorchScript class declares them and has no methods. */
function parameterHolderScript<M extends Module>(): TorchScriptDefinition<M> {
  return {
    source: (m, o) =>
      `${scriptClassLine(m, o)}${m
        .namedParameters('', false)
        .map(([n]) => `    __annotations__["${n}"] = Tensor\n`)
        .join('')}    pass\n`,
    attributes: (m) => ({ training: m.training, ...Object.fromEntries(m.namedParameters('', false)) }),
  };
}

/** nn.ParameterList(values?): parameters registered as "0", "1", ... (tensors are wrapped in Parameters). */
export class ParameterList extends Module {
  static readonly torchscript = parameterHolderScript<ParameterList>();

  constructor(values: Iterable<Tensor> = []) {
    super();
    this.extend(values);
  }

  get length(): number {
    return this.namedParameters('', false, false).length;
  }

  at(idx: number): Parameter {
    const n = this.length;
    if (idx < -n || idx >= n) throw new RangeError(`index ${idx} is out of range`);
    return (this as any)[String(idx < 0 ? idx + n : idx)];
  }

  set(idx: number, value: Tensor): void {
    this.at(idx);
    (this as any)[String(idx < 0 ? idx + this.length : idx)] = asParameter(value);
  }

  append(value: Tensor): this {
    this.registerParameter(String(this.length), asParameter(value));
    return this;
  }

  extend(values: Iterable<Tensor>): this {
    for (const v of values) this.append(v);
    return this;
  }

  *[Symbol.iterator](): Iterator<Parameter> {
    for (const [, p] of this.namedParameters('', false, false)) yield p;
  }

  override forward(..._args: unknown[]): never {
    throw new Error('Module [ParameterList] is missing the required "forward" function');
  }

  override extraRepr(): string {
    return [...this]
      .map((p, k) => `  (${k}): Parameter containing: [torch.${p.dtype} of size ${p.sizes.join('x')}]`)
      .join('\n');
  }
}

/** nn.ParameterDict(parameters?): parameters by name; a plain object is added in sorted key order, as PyTorch does for a dict. */
export class ParameterDict extends Module {
  static readonly torchscript = parameterHolderScript<ParameterDict>();

  constructor(parameters?: Map<string, Tensor> | Record<string, Tensor>) {
    super();
    if (parameters !== undefined) this.update(parameters);
  }

  get length(): number {
    return this.keys().length;
  }

  keys(): string[] {
    return this.namedParameters('', false, false).map(([k]) => k);
  }

  values(): Parameter[] {
    return this.namedParameters('', false, false).map(([, p]) => p);
  }

  items(): [string, Parameter][] {
    return this.namedParameters('', false, false);
  }

  has(key: string): boolean {
    return this.keys().includes(key);
  }

  get(key: string): Parameter {
    if (!this.has(key)) throw new Error(`KeyError: '${key}'`);
    return (this as any)[key];
  }

  set(key: string, value: Tensor): void {
    if (this.has(key)) (this as any)[key] = asParameter(value);
    else this.registerParameter(key, asParameter(value));
  }

  delete(key: string): void {
    if (!this.has(key)) throw new Error(`KeyError: '${key}'`);
    this.deleteSlot(key);
  }

  update(parameters: Map<string, Tensor> | Record<string, Tensor>): void {
    const entries =
      parameters instanceof Map
        ? [...parameters]
        : Object.entries(parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [k, v] of entries) this.set(k, v);
  }

  *[Symbol.iterator](): Iterator<string> {
    yield* this.keys();
  }

  override forward(..._args: unknown[]): never {
    throw new Error('Module [ParameterDict] is missing the required "forward" function');
  }

  override extraRepr(): string {
    return this.items()
      .map(
        ([k, p]) =>
          `  (${k}): Parameter containing: [torch.${legacyTypeNames[p.dtype] ?? 'Tensor'} of size ${p.sizes.join('x')}]`,
      )
      .join('\n');
  }
}
