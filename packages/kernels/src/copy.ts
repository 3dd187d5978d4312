import { native } from './binding.js';
import { rethrowNative } from './kernel-error.js';
import { argumentError, broadcastStrides, checkStrided, checkWritable, type Strided, writeMeta } from './strided.js';

/**
 * out[...] = x[...], converting x's dtype to out's (PyTorch's cast rules) and broadcasting x to
 * out's sizes. Works for any layouts: this is `contiguous()`, `to(dtype)` and `copy_`.
 */
export function copy(out: Strided, x: Strided): void {
  checkWritable('copy', 'out', out);
  checkStrided('copy', 'x', x);
  const xs = broadcastStrides('copy', 'x', x, out.sizes);
  const meta = writeMeta(out.sizes, [out, x], [out.strides, xs]);
  try {
    native.copy(out.data, x.data, meta);
  } catch (e) {
    rethrowNative(e, 'copy');
  }
}

/** Sets every element of out to value (converted to out's dtype). */
export function fill(out: Strided, value: number): void {
  checkWritable('fill', 'out', out);
  if (typeof value !== 'number') throw argumentError('fill', `value must be a number, got ${typeof value}`);
  const meta = writeMeta(out.sizes, [out], [out.strides]);
  try {
    native.fill(out.data, meta, value);
  } catch (e) {
    rethrowNative(e, 'fill');
  }
}
