/**
 * Tensor conversion (`to`, `_to_copy`, `type_as`): dtype and memory-format changes on the one
 * device tsjit has, with PyTorch's aliasing rule (no copy when nothing changes and copy=False).
 */
import * as K from '@tsjit/kernels';
import { type DType, dtypeFromCode, toDtype } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

/** Checks a Device argument: tsjit runs on the CPU only (PyTorch's message for a missing backend). */
export function checkDevice(device: unknown): void {
  if (device === null || device === undefined) return;
  const text = String(device);
  const type = text.split(':')[0];
  if (type === 'cpu') return;
  throw new OpError(`PyTorch is not linked with support for ${type} devices`);
}

/** A `ScalarType?` argument (dtype name or ScalarType code) or null. */
export function optionalDtype(v: unknown): DType | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? dtypeFromCode(v) : toDtype(v);
}

const MEMORY_FORMATS: Record<string, string> = {
  0: 'contiguous_format',
  1: 'preserve_format',
  2: 'channels_last',
  3: 'channels_last_3d',
};

function memoryFormat(v: unknown): string {
  if (v === null || v === undefined) return 'preserve_format';
  const name = typeof v === 'number' ? MEMORY_FORMATS[v] : String(v).replace(/^torch\./, '');
  if (!name || !Object.values(MEMORY_FORMATS).includes(name)) {
    throw new OpError(`unknown memory format ${String(v)}`, 'TypeError');
  }
  return name;
}

function isContiguousIn(t: TensorLike, order: readonly number[]): boolean {
  let expected = 1;
  for (let i = order.length - 1; i >= 0; i--) {
    const d = order[i];
    if (t.sizes[d] === 1) continue;
    if (t.strides[d] !== expected) return false;
    expected *= t.sizes[d];
  }
  return true;
}

/** The dims from outermost to innermost for a memory format (channels_last: N, H, W, C). */
function dimOrder(t: TensorLike, format: string): number[] {
  const nd = t.sizes.length;
  const plain = Array.from({ length: nd }, (_, i) => i);
  if (format === 'channels_last') {
    if (nd !== 4) throw new OpError('required rank 4 tensor to use channels_last format');
    return [0, 2, 3, 1];
  }
  if (format === 'channels_last_3d') {
    if (nd !== 5) throw new OpError('required rank 5 tensor to use channels_last_3d format');
    return [0, 2, 3, 4, 1];
  }
  if (format === 'preserve_format') {
    // Keep a dense non-overlapping layout's dim order (e.g. a transposed tensor stays transposed).
    const order = [...plain].sort((a, b) => t.strides[b] - t.strides[a] || a - b);
    return isContiguousIn(t, order) ? order : plain;
  }
  return plain;
}

/** A new tensor with t's values in `dtype`, laid out in `format`. */
export function convertCopy(ctx: OpContext, t: TensorLike, dtype: DType, format: unknown): TensorLike {
  const order = dimOrder(t, memoryFormat(format));
  const physical = ctx.empty(
    order.map((d) => t.sizes[d]),
    dtype,
  );
  const strides = new Array<number>(order.length);
  order.forEach((d, i) => {
    strides[d] = physical.strides[i];
  });
  const out = ctx.view(physical, t.sizes, strides, physical.offset);
  K.copy(out, t);
  return out;
}

/** self.to(dtype, copy=..., memory_format=...): self itself when nothing changes and copy is false. */
export function convert(
  ctx: OpContext,
  self: TensorLike,
  dtype: DType | null,
  copy: boolean,
  format: unknown,
): TensorLike {
  const target = dtype ?? self.dtype;
  const name = memoryFormat(format);
  const order = dimOrder(self, name);
  const layoutOk = name === 'preserve_format' || isContiguousIn(self, order);
  if (!copy && target === self.dtype && layoutOk) return self;
  return convertCopy(ctx, self, target, format);
}
