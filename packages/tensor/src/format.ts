import { invariant } from '@tsjit/ir';
import type { DType } from '@tsjit/kernels';
import { formatPythonFloat } from './format-python-float.js';

/** What printing needs to know about a tensor: no storage, strides or device, just the values. */
export interface FormatTensorInput {
  dtype: DType;
  sizes: readonly number[];
  /** The numel elements in row-major order (bigint or number for int64, boolean or 0/1 for bool). */
  values: ArrayLike<number | bigint | boolean>;
  requiresGrad?: boolean;
  /** The grad_fn's name, e.g. 'AddBackward0'; printed instead of requires_grad when present. */
  gradFn?: string;
}

/** `torch.set_printoptions`, camelCased. */
export interface PrintOptions {
  /** Digits after the decimal point for floating point values. */
  precision: number;
  /** More elements than this and the tensor is summarised with '...'. */
  threshold: number;
  /** Items printed at each end of a summarised dimension. */
  edgeitems: number;
  /** Characters per line before elements wrap. */
  linewidth: number;
  /** true or false forces scientific notation on or off; null lets the values decide. */
  sciMode: boolean | null;
}

export const DEFAULT_PRINT_OPTIONS: Readonly<PrintOptions> = Object.freeze({
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
});

// float32 is the default dtype; int64 and bool are what Python ints and bools become.
const DTYPES_WITHOUT_SUFFIX: ReadonlySet<DType> = new Set<DType>(['float32', 'int64', 'bool']);
const FLOATING: ReadonlySet<DType> = new Set<DType>(['float32', 'float64', 'float16', 'bfloat16']);
const PREFIX = 'tensor(';

/**
 * PyTorch's `repr(t)` (and `str(t)`, the same text) for a plain CPU strided tensor, following
 * `torch/_tensor_str.py` of PyTorch 1.13: the element formatter chosen from the (summarised)
 * values, nested brackets, line wrapping at `linewidth`, '...' summaries above `threshold`, and the
 * size, dtype and autograd suffixes.
 */
export function formatTensor(tensor: FormatTensorInput, options: Partial<PrintOptions> = {}): string {
  const opts = resolveOptions(options);
  const { dtype, sizes } = tensor;
  let numel = 1;
  for (const s of sizes) {
    invariant(Number.isSafeInteger(s) && s >= 0, `formatTensor: sizes must be non-negative integers, got [${sizes}]`);
    numel *= s;
  }
  invariant(
    tensor.values.length === numel,
    `formatTensor: ${tensor.values.length} values for sizes [${sizes}] (numel ${numel})`,
  );

  const suffixes: string[] = [];
  let body: string;
  if (numel === 0) {
    // NumPy-style: the shape is shown unless it is (0,), and the dtype always unless it is the default.
    if (sizes.length !== 1) suffixes.push(`size=${pythonTuple(sizes)}`);
    if (dtype !== 'float32') suffixes.push(`dtype=torch.${dtype}`);
    body = '[]';
  } else {
    if (!DTYPES_WITHOUT_SUFFIX.has(dtype)) suffixes.push(`dtype=torch.${dtype}`);
    body = new TensorPrinter(tensor, numel, opts).print(PREFIX.length);
  }
  if (tensor.gradFn !== undefined) suffixes.push(`grad_fn=<${tensor.gradFn}>`);
  else if (tensor.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(PREFIX + body, suffixes, PREFIX.length, opts.linewidth);
}

function resolveOptions(options: Partial<PrintOptions>): PrintOptions {
  const opts = { ...DEFAULT_PRINT_OPTIONS, ...options };
  for (const [key, value] of Object.entries(opts)) {
    // `undefined` means "not given" (like Python's None in set_printoptions).
    if (value === undefined) (opts as Record<string, unknown>)[key] = DEFAULT_PRINT_OPTIONS[key as keyof PrintOptions];
  }
  if (!Number.isInteger(opts.precision) || opts.precision < 0 || opts.precision > 100) {
    throw new RangeError(`print option precision must be an integer in [0, 100], got ${opts.precision}`);
  }
  if (!Number.isInteger(opts.edgeitems) || opts.edgeitems < 0) {
    throw new RangeError(`print option edgeitems must be a non-negative integer, got ${opts.edgeitems}`);
  }
  if (Number.isNaN(opts.threshold)) throw new RangeError('print option threshold must be a number, got NaN');
  if (!Number.isFinite(opts.linewidth)) {
    throw new RangeError(`print option linewidth must be a finite number, got ${opts.linewidth}`);
  }
  if (opts.sciMode !== null && typeof opts.sciMode !== 'boolean') {
    throw new RangeError(`print option sciMode must be true, false or null, got ${String(opts.sciMode)}`);
  }
  return opts;
}

/** `_add_suffixes`: each suffix goes on the current line if it fits, else on a new, indented one. */
function addSuffixes(text: string, suffixes: string[], indent: number, linewidth: number): string {
  const parts = [text];
  // PyTorch's arithmetic, off by a few characters on purpose-or-not; kept so that breaks match.
  let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > linewidth) {
      parts.push(`,\n${' '.repeat(indent)}${suffix}`);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(`, ${suffix}`);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

function pythonTuple(sizes: readonly number[]): string {
  return sizes.length === 1 ? `(${sizes[0]},)` : `(${sizes.join(', ')})`;
}

/** The indices kept along a dimension of `size` items: all, or `edgeitems` at each end. */
function keptIndices(size: number, summarize: boolean, edgeitems: number, innermost: boolean): number[][] {
  const all = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  if (!summarize || size <= 2 * edgeitems) return [all(0, size)];
  // A vector's tail is self[-edgeitems:], which is the whole vector when edgeitems is 0.
  const tailStart = innermost && edgeitems === 0 ? 0 : size - edgeitems;
  return [all(0, edgeitems), all(tailStart, size)];
}

class TensorPrinter {
  private readonly strides: number[];
  private readonly summarize: boolean;
  private readonly formatter: ElementFormatter;

  constructor(
    private readonly tensor: FormatTensorInput,
    numel: number,
    private readonly opts: PrintOptions,
  ) {
    const { sizes } = tensor;
    this.strides = new Array<number>(sizes.length);
    let stride = 1;
    for (let d = sizes.length - 1; d >= 0; d--) {
      this.strides[d] = stride;
      stride *= sizes[d];
    }
    this.summarize = numel > opts.threshold;
    // Like get_summarized_data: the formatter sees only the elements that will be printed.
    const shown: (number | bigint | boolean)[] = [];
    this.collect(0, 0, shown);
    this.formatter = new ElementFormatter(tensor.dtype, shown, opts);
  }

  print(indent: number): string {
    return this.format(0, 0, indent);
  }

  private value(offset: number): number | bigint | boolean {
    return this.tensor.values[offset];
  }

  private collect(dim: number, offset: number, out: (number | bigint | boolean)[]): void {
    const { sizes } = this.tensor;
    if (dim === sizes.length) {
      out.push(this.value(offset));
      return;
    }
    const innermost = dim === sizes.length - 1;
    for (const part of keptIndices(sizes[dim], this.summarize, this.opts.edgeitems, innermost)) {
      for (const i of part) this.collect(dim + 1, offset + i * this.strides[dim], out);
    }
  }

  private format(dim: number, offset: number, indent: number): string {
    const { sizes } = this.tensor;
    const remaining = sizes.length - dim;
    if (remaining === 0) return this.formatter.format(this.value(offset));
    const parts = keptIndices(sizes[dim], this.summarize, this.opts.edgeitems, remaining === 1);
    if (remaining === 1) {
      const stride = this.strides[dim];
      const elements = parts.map((part) => part.map((i) => this.formatter.format(this.value(offset + i * stride))));
      const items = elements.length === 2 ? [...elements[0], ' ...', ...elements[1]] : elements[0];
      const elementLength = this.formatter.width + 2;
      const perLine = Math.max(1, Math.floor((this.opts.linewidth - indent) / elementLength));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
    }
    const slices = parts.map((part) =>
      part.map((i) => this.format(dim + 1, offset + i * this.strides[dim], indent + 1)),
    );
    const items = slices.length === 2 ? [...slices[0], '...', ...slices[1]] : slices[0];
    return `[${items.join(`,${'\n'.repeat(remaining - 1)}${' '.repeat(indent + 1)}`)}]`;
  }
}

/** `_Formatter`: one width and one notation for all elements of a tensor. */
class ElementFormatter {
  width = 1;
  private readonly floating: boolean;
  private readonly dtype: DType;
  private readonly precision: number;
  private intMode = true;
  private sciMode = false;

  constructor(dtype: DType, shown: readonly (number | bigint | boolean)[], opts: PrintOptions) {
    this.dtype = dtype;
    this.floating = FLOATING.has(dtype);
    this.precision = opts.precision;
    if (!this.floating) {
      for (const v of shown) this.width = Math.max(this.width, this.plain(v).length);
      return;
    }
    const finite: number[] = [];
    for (const v of shown) {
      const x = this.toFloat(v);
      if (Number.isFinite(x) && x !== 0) finite.push(x);
    }
    // Without a finite non-zero value there is nothing to choose from, not even sciMode's override.
    if (finite.length === 0) return;
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for (const x of finite) {
      const a = Math.abs(x);
      if (a < min) min = a;
      if (a > max) max = a;
      if (x !== Math.ceil(x)) this.intMode = false;
    }
    const p = this.precision;
    if (this.intMode) {
      if (max / min > 1000 || max > 1e8) {
        this.sciMode = true;
        for (const x of finite) this.width = Math.max(this.width, formatPythonFloat(x, p, 'e').length);
      } else {
        // The '.' that marks a float is part of the width.
        for (const x of finite) this.width = Math.max(this.width, formatPythonFloat(x, 0, 'f').length + 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      this.sciMode = true;
      for (const x of finite) this.width = Math.max(this.width, formatPythonFloat(x, p, 'e').length);
    } else {
      for (const x of finite) this.width = Math.max(this.width, formatPythonFloat(x, p, 'f').length);
    }
    if (opts.sciMode !== null) this.sciMode = opts.sciMode;
  }

  format(v: number | bigint | boolean): string {
    let text: string;
    if (!this.floating) {
      text = this.plain(v);
    } else {
      const x = this.toFloat(v);
      if (this.sciMode) text = formatPythonFloat(x, this.precision, 'e');
      else if (this.intMode) text = formatPythonFloat(x, 0, 'f') + (Number.isFinite(x) ? '.' : '');
      else text = formatPythonFloat(x, this.precision, 'f');
    }
    return text.length < this.width ? ' '.repeat(this.width - text.length) + text : text;
  }

  /** Python's str() of an int or bool element. */
  private plain(v: number | bigint | boolean): string {
    if (this.dtype === 'bool') return v ? 'True' : 'False';
    if (typeof v === 'bigint') return v.toString();
    const n = Number(v);
    return Number.isSafeInteger(n) || !Number.isFinite(n) ? String(n) : BigInt(Math.trunc(n)).toString();
  }

  /** The element as the float32 (or float64) value PyTorch formats; half types print via float32. */
  private toFloat(v: number | bigint | boolean): number {
    const x = Number(v);
    return this.dtype === 'float64' ? x : Math.fround(x);
  }
}
