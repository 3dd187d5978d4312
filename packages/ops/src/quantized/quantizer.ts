import type { DType } from '@tsjit/kernels';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';

/**
 * Quantized tensors, additively: a quantized tensor is an ordinary strided tensor over its integer
 * storage (`int8` for qint8, `uint8` for quint8, `int32` for qint32: what the kernels and views
 * see) that also carries a `quantizer`, PyTorch's affine map `real = (q - zero_point) * scale`,
 * per tensor or per channel along `axis`. Where PyTorch shows the dtype (`x.dtype`, printing,
 * `aten::prim::dtype`, the ScalarType codes 12/13/14) it reads as the quantizer's `dtype`
 * (`quantizedDtypeOf`). Only the quantized ops (`dequantize`, `int_repr`, `q_scale`,
 * `quantized::linear_dynamic`, ...) interpret the quantizer; other ops see the integer storage.
 */
export type QuantizedDtype = 'qint8' | 'quint8' | 'qint32';

/** PyTorch's QScheme names, in the order of their codes (c10/core/QScheme.h). */
export const QSCHEMES = [
  'per_tensor_affine',
  'per_channel_affine',
  'per_tensor_symmetric',
  'per_channel_symmetric',
  'per_channel_affine_float_qparams',
] as const;
export type QSchemeName = (typeof QSCHEMES)[number];

export interface PerTensorAffineQuantizer {
  readonly qscheme: 'per_tensor_affine';
  readonly dtype: QuantizedDtype;
  /** A double, as PyTorch keeps it; kernels use it as a float. */
  readonly scale: number;
  readonly zeroPoint: number;
}

export interface PerChannelAffineQuantizer {
  readonly qscheme: 'per_channel_affine';
  readonly dtype: QuantizedDtype;
  /** One scale (double) and one zero point per index along `axis`. */
  readonly scales: readonly number[];
  readonly zeroPoints: readonly number[];
  readonly axis: number;
}

export type Quantizer = PerTensorAffineQuantizer | PerChannelAffineQuantizer;

/** A tensor that may carry a quantizer (the optional field of TensorLike). */
type MaybeQuantized = TensorLike & { quantizer?: Quantizer | null };

const STORAGE: Readonly<Record<QuantizedDtype, DType>> = { qint8: 'int8', quint8: 'uint8', qint32: 'int32' };
const RANGE: Readonly<Record<QuantizedDtype, readonly [number, number]>> = {
  qint8: [-128, 127],
  quint8: [0, 255],
  qint32: [-2147483648, 2147483647],
};
/** PyTorch's ScalarType codes of the quantized dtypes. */
const CODES: Readonly<Record<QuantizedDtype, number>> = { qint8: 12, quint8: 13, qint32: 14 };

export function storageDtypeOf(dtype: QuantizedDtype): DType {
  return STORAGE[dtype];
}
export function quantizedRange(dtype: QuantizedDtype): readonly [number, number] {
  return RANGE[dtype];
}
export function quantizedDtypeCode(dtype: QuantizedDtype): number {
  return CODES[dtype];
}
export function isQuantizedDtypeName(v: unknown): v is QuantizedDtype {
  return v === 'qint8' || v === 'quint8' || v === 'qint32';
}

/** A `ScalarType` argument naming a quantized dtype: `'qint8'`, `'torch.qint8'` or code 12/13/14; else null. */
export function toQuantizedDtype(value: unknown): QuantizedDtype | null {
  if (typeof value === 'number') {
    for (const [name, code] of Object.entries(CODES)) if (code === value) return name as QuantizedDtype;
    return null;
  }
  if (typeof value === 'string') {
    const name = value.startsWith('torch.') ? value.slice(6) : value;
    return isQuantizedDtypeName(name) ? name : null;
  }
  return null;
}

export function quantizerOf(t: TensorLike): Quantizer | null {
  return (t as MaybeQuantized).quantizer ?? null;
}
export function isQuantized(t: TensorLike): boolean {
  return quantizerOf(t) !== null;
}

/** The dtype as PyTorch shows it: `qint8` for a quantized tensor over int8, else the storage dtype. */
export function quantizedDtypeOf(t: TensorLike): QuantizedDtype | DType {
  return quantizerOf(t)?.dtype ?? t.dtype;
}

/** Marks `t` (a tensor over the quantizer's storage dtype) as quantized; returns it. */
export function attachQuantizer<T extends TensorLike>(t: T, q: Quantizer): T {
  if (t.dtype !== STORAGE[q.dtype]) {
    throw new OpError(`a ${q.dtype} tensor needs ${STORAGE[q.dtype]} storage, got ${t.dtype}`, 'RuntimeError');
  }
  (t as MaybeQuantized).quantizer = q;
  return t;
}

/** The quantizer of `t`, or PyTorch's error for a tensor that is not quantized. */
export function requireQuantized(t: TensorLike, what: string): Quantizer {
  const q = quantizerOf(t);
  if (q === null) {
    throw new OpError(
      `Could not run '${what}' with arguments from the 'CPU' backend: it runs on quantized tensors only ` +
        `(got a ${t.dtype} tensor)`,
      'NotImplementedError',
    );
  }
  return q;
}
