/**
 * add/sub/mul/div of tiny contiguous float tensors in JS. A call into the addon costs about half a
 * microsecond however small the tensor, which would make a one-element op slower than PyTorch's;
 * for a handful of elements the arithmetic itself is nothing. Results are bit-identical to the
 * kernels': an IEEE double add/sub/mul/div of two float32 values rounded once to float32 equals
 * the float32 operation.
 */
import type { DType } from '@tsjit/kernels';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

/** The largest tensor the JS path takes. */
export const TINY_NUMEL = 16;

type Kernel = 'add' | 'sub' | 'mul' | 'div';

function view(t: TensorLike, n: number): Float32Array | Float64Array {
  const d = t.data;
  return t.dtype === 'float32'
    ? new Float32Array(d.buffer, d.byteOffset + t.offset * 4, n)
    : new Float64Array(d.buffer, d.byteOffset + t.offset * 8, n);
}

function contiguousOf(t: TensorLike): boolean {
  let expected = 1;
  for (let i = t.sizes.length - 1; i >= 0; i--) {
    const n = t.sizes[i];
    if (n !== 1 && t.strides[i] !== expected) return false;
    expected *= n;
  }
  return true;
}

/**
 * The result of `kernel(a, b)` when both are float32/float64 tensors of one dtype and the same
 * sizes, contiguous, with at most TINY_NUMEL elements; null otherwise (the caller uses the kernel).
 */
export function tinyBinary(
  ctx: OpContext,
  kernel: string,
  a: TensorLike,
  b: TensorLike,
  dtype: DType,
): TensorLike | null {
  if (kernel !== 'add' && kernel !== 'sub' && kernel !== 'mul' && kernel !== 'div') return null;
  if ((dtype !== 'float32' && dtype !== 'float64') || a.dtype !== dtype || b.dtype !== dtype) return null;
  const sizes = a.sizes;
  const nd = sizes.length;
  if (b.sizes.length !== nd) return null;
  let n = 1;
  for (let i = 0; i < nd; i++) {
    if (sizes[i] !== b.sizes[i]) return null;
    n *= sizes[i];
  }
  if (n > TINY_NUMEL || n === 0 || !contiguousOf(a) || !contiguousOf(b)) return null;
  const out = ctx.empty(sizes, dtype);
  const x = view(a, n);
  const y = view(b, n);
  const z = view(out, n);
  switch (kernel as Kernel) {
    case 'add':
      for (let i = 0; i < n; i++) z[i] = x[i] + y[i];
      break;
    case 'sub':
      for (let i = 0; i < n; i++) z[i] = x[i] - y[i];
      break;
    case 'mul':
      for (let i = 0; i < n; i++) z[i] = x[i] * y[i];
      break;
    case 'div':
      for (let i = 0; i < n; i++) z[i] = x[i] / y[i];
      break;
  }
  return out;
}
