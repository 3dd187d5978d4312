import type { DType } from '@tsjit/kernels';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { tensorValues } from '../testing/materialize.js';
import { typeName } from './linear-packed-params.js';
import { attachQuantizer, QSCHEMES, type QuantizedDtype, type Quantizer, quantizedRange } from './quantizer.js';

/** The storage classes of quantized tensors in PyTorch's pickles (`torch QInt8Storage`) and their element dtype. */
const STORAGE_CLASSES: Readonly<Record<string, { dtype: DType; qdtype: QuantizedDtype }>> = {
  QInt8Storage: { dtype: 'int8', qdtype: 'qint8' },
  QUInt8Storage: { dtype: 'uint8', qdtype: 'quint8' },
  QInt32Storage: { dtype: 'int32', qdtype: 'qint32' },
};

/** The element dtype of a quantized storage class (`QInt8Storage` → int8), or null for other classes. */
export function quantizedStorageDtype(storageClass: string): DType | null {
  return STORAGE_CLASSES[storageClass.replace(/^torch\./, '')]?.dtype ?? null;
}

const BY_STORAGE: Readonly<Record<string, QuantizedDtype>> = { int8: 'qint8', uint8: 'quint8', int32: 'qint32' };

function fail(why: string): never {
  throw new OpError(`_rebuild_qtensor: ${why}`, 'RuntimeError');
}

/** A QScheme as the unpickler may hand it over: `torch.per_tensor_affine` by name, or its code. */
function qschemeName(v: unknown): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < QSCHEMES.length) return QSCHEMES[v];
  if (typeof v === 'string') return v.replace(/^torch\./, '');
  return fail(`the quantizer's qscheme must be a torch QScheme, got ${typeName(v)}`);
}

function finiteNumber(v: unknown, what: string): number {
  const x = typeof v === 'bigint' ? Number(v) : ((v as { value?: unknown })?.value ?? v);
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${what} must be a finite number, got ${typeName(v)}`);
  return x as number;
}

function integer(v: unknown, what: string): number {
  const x = typeof v === 'bigint' ? Number(v) : v;
  if (typeof x !== 'number' || !Number.isSafeInteger(x)) fail(`${what} must be an int, got ${typeName(v)}`);
  return x as number;
}

/**
 * `torch._utils._rebuild_qtensor(storage, storage_offset, size, stride, quantizer_params,
 * requires_grad, backward_hooks)` for the archive loader: a quantized view of `storage` (a 1-d
 * tensor over the storage's elements, int8 / uint8 / int32 for QInt8Storage / QUInt8Storage /
 * QInt32Storage; see quantizedStorageDtype). quantizer_params is PyTorch's tuple:
 *   (torch.per_tensor_affine, scale: float, zero_point: int)
 *   (torch.per_channel_affine, scales: Tensor (float64), zero_points: Tensor (int64), axis: int)
 * with the qscheme as the unpickler gives the global `torch.per_tensor_affine`: its name (with or
 * without `torch.`) or its code. Everything is checked (the archive is untrusted input): the
 * geometry against the storage, the zero points against the dtype's range, the per-channel
 * lengths against the size along axis. requires_grad and backward_hooks are the caller's (PyTorch
 * keeps quantized tensors out of autograd); they are accepted and not used here.
 */
export function rebuildQuantizedTensor(
  ctx: OpContext,
  storage: TensorLike,
  storageOffset: number,
  size: readonly number[],
  stride: readonly number[],
  quantizerParams: readonly unknown[],
  _requiresGrad = false,
  _backwardHooks: unknown = null,
): TensorLike {
  const qdtype = BY_STORAGE[storage.dtype];
  if (qdtype === undefined) fail(`a quantized tensor needs int8, uint8 or int32 storage, got ${storage.dtype}`);
  if (storage.quantizer) fail('the storage must not itself be a quantized tensor');
  if (!Array.isArray(size) || !Array.isArray(stride) || size.length !== stride.length) {
    fail('size and stride must be lists of the same length');
  }
  const offset = integer(storageOffset, 'storage_offset');
  const sizes = size.map((s, i) => integer(s, `size[${i}]`));
  const strides = stride.map((s, i) => integer(s, `stride[${i}]`));
  if (offset < 0 || sizes.some((s) => s < 0) || strides.some((s) => s < 0)) {
    fail('storage_offset, sizes and strides must not be negative');
  }
  const available = numel(storage.sizes);
  if (numel(sizes) > 0) {
    const last = offset + sizes.reduce((acc, s, i) => acc + (s - 1) * strides[i], 0);
    if (last >= available) {
      fail(
        `size [${sizes}] and stride [${strides}] at offset ${offset} reach element ${last} of a storage of ${available}`,
      );
    }
  } else if (offset > available) {
    fail(`storage_offset ${offset} is past the end of a storage of ${available}`);
  }
  if (!Array.isArray(quantizerParams) || quantizerParams.length === 0) fail('quantizer_params must be a tuple');
  const scheme = qschemeName(quantizerParams[0]);
  const [qmin, qmax] = quantizedRange(qdtype);
  let q: Quantizer;
  if (scheme === 'per_tensor_affine') {
    if (quantizerParams.length !== 3) fail('per_tensor_affine takes (qscheme, scale, zero_point)');
    const zeroPoint = integer(quantizerParams[2], 'zero_point');
    if (zeroPoint < qmin || zeroPoint > qmax) fail(`zero_point ${zeroPoint} is outside the range of ${qdtype}`);
    q = { qscheme: 'per_tensor_affine', dtype: qdtype, scale: finiteNumber(quantizerParams[1], 'scale'), zeroPoint };
  } else if (scheme === 'per_channel_affine') {
    if (quantizerParams.length !== 4) fail('per_channel_affine takes (qscheme, scales, zero_points, axis)');
    const [, scalesT, zerosT, axisV] = quantizerParams;
    if (!ctx.isTensor(scalesT) || !ctx.isTensor(zerosT))
      fail('per_channel_affine scales and zero_points must be tensors');
    const axis = integer(axisV, 'axis');
    if (axis < 0 || axis >= sizes.length) fail(`axis ${axis} is out of range for a ${sizes.length}-d tensor`);
    const scales = tensorValues(ctx, scalesT as TensorLike);
    const zeroPoints = tensorValues(ctx, zerosT as TensorLike);
    if (
      (scalesT as TensorLike).sizes.length !== 1 ||
      scales.length !== sizes[axis] ||
      zeroPoints.length !== sizes[axis]
    ) {
      fail(`per-channel scales and zero_points need ${sizes[axis]} elements (the size along axis ${axis})`);
    }
    if (scales.some((s) => !Number.isFinite(s))) fail('per-channel scales must be finite');
    if (zeroPoints.some((z) => !Number.isInteger(z) || z < qmin || z > qmax)) {
      fail(`per-channel zero_points must be integers in the range of ${qdtype}`);
    }
    q = { qscheme: 'per_channel_affine', dtype: qdtype, scales, zeroPoints, axis };
  } else {
    fail(`quantization scheme ${scheme} is not supported (only per_tensor_affine and per_channel_affine)`);
  }
  return attachQuantizer(ctx.view(storage, sizes, strides, offset), q);
}
