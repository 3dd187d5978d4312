import type { DType, Strided } from '@tsjit/kernels';
import type { Quantizer } from '../quantized/quantizer.js';

/**
 * A tensor as operators see it: a strided view of a storage's bytes. The eager `Tensor` of
 * @tsjit/tensor implements it, and so does the plain tensor of the op tests; ops never construct
 * tensors themselves, they ask the context (`OpContext.empty`, `OpContext.view`).
 */
export interface TensorLike extends Strided {
  /**
   * Set on quantized tensors only (qint8 / quint8 / qint32 over int8 / uint8 / int32 storage):
   * see quantized/quantizer.ts. Absent or null on every other tensor.
   */
  quantizer?: Quantizer | null;
}

/** A Python float passed where PyTorch takes a `Scalar`: keeps `2.0` apart from `2` for type promotion. */
export class FloatScalar {
  constructor(readonly value: number) {}
}

/** PyTorch's `Scalar`: a JS number is an int when it is integral and a float otherwise. */
export type Scalar = number | boolean | bigint | FloatScalar;

/** What an op may take or return. */
export type OpValue =
  | TensorLike
  | Scalar
  | string
  | null
  | undefined
  | DType
  | readonly OpValue[]
  | { readonly [key: string]: OpValue };

/** An op's arguments by schema name (`self`, `other`, `alpha`, `rounding_mode`), defaults filled in. */
export type OpArgs = Record<string, any>;

/**
 * The callable form of every op (camelCase names: `F.mul`, `F.logSoftmax`, `F.add_`) plus helpers;
 * arguments are positional in PyTorch's order with keyword-only ones in a trailing options object.
 * Decompositions call other ops through it, derivative rules are written against it: in eager mode
 * it dispatches on tensors, in graph mode (autodiff over IR) it emits nodes.
 */
export interface Functions {
  [name: string]: (...args: any[]) => any;
}

/** What an implementation gets besides its arguments: tensor allocation and the other ops. */
export interface OpContext {
  /** A new contiguous tensor of zeros. */
  empty(sizes: readonly number[], dtype: DType): TensorLike;
  /**
   * A new contiguous tensor whose contents are unspecified (old bytes of the process): only for
   * outputs a kernel overwrites entirely. It saves zeroing large outputs (torch.empty).
   */
  uninitialized(sizes: readonly number[], dtype: DType): TensorLike;
  /** A view of `base`'s storage with other geometry (offset and strides in elements). */
  view(base: TensorLike, sizes: readonly number[], strides: readonly number[], offset: number): TensorLike;
  isTensor(value: unknown): value is TensorLike;
  /** Bump the version counter of `t`'s storage after an op wrote into it. */
  bumpVersion(t: TensorLike): void;
  /** Give `t` new contiguous sizes and a fresh storage (`out=` arguments of the wrong size). */
  resize(t: TensorLike, sizes: readonly number[]): void;
  readonly F: Functions;
  /**
   * Hooks of the runtime for the TorchScript builtins that reach outside the op library (all
   * optional: a context without them behaves like PyTorch with autograd never involved).
   * `print` and `warn` receive the text `print()` / `warnings.warn` would write.
   */
  print?(text: string): void;
  warn?(message: string): void;
  isGradEnabled?(): boolean;
  setGradEnabled?(enabled: boolean): void;
  requiresGrad?(t: TensorLike): boolean;
  grad?(t: TensorLike): TensorLike | null;
}
