/**
 * Shared pieces of the factory ops (zeros, full, arange, rand, ...): the `dtype/layout/device/
 * pin_memory` keyword arguments, size lists, writing computed values into tensors, and the
 * `out=` overloads (which take their dtype from `out`, so they cannot be derived from the
 * functional overload automatically).
 */
import * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import { type DType, toDtype } from '../core/dtypes.js';
import { copyInto, formatSizes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';

/**
 * The dtype of a factory op's result: `dtype=` when given, else `fallback`. Only the CPU device and
 * the strided layout exist here; `pin_memory` has no meaning without an accelerator and is ignored.
 */
export function factoryDtype(args: OpArgs, fallback: DType): DType {
  checkDeviceAndLayout(args);
  return args.dtype == null ? fallback : toDtype(args.dtype);
}

export function checkDeviceAndLayout(args: OpArgs): void {
  const device = args.device;
  if (device != null) {
    const name = typeof device === 'string' ? device : String((device as { type?: unknown }).type ?? device);
    if (!/^cpu(:0)?$/.test(name)) {
      throw new OpError(`Could not run this op on device '${name}': tsjit only has the 'cpu' device`);
    }
  }
  const layout = args.layout;
  if (layout != null && layout !== 'strided' && layout !== 'torch.strided' && layout !== 0) {
    throw new OpError(`layout ${String(layout)} is not supported: tsjit only has torch.strided tensors`);
  }
}

/** An `int[]` size argument (a single int accepted) checked like PyTorch's factories. */
export function sizeList(size: unknown): number[] {
  const sizes = (Array.isArray(size) ? size : [size]).map((s) => Number(s));
  for (const s of sizes) {
    if (!Number.isInteger(s)) throw new OpError(`size must contain integers, got ${formatSizes(sizes)}`, 'TypeError');
    if (s < 0) throw new OpError(`Trying to create tensor with negative dimension ${s}: ${formatSizes(sizes)}`);
  }
  return sizes;
}

/** A new tensor holding `values` (row-major), converted to `dtype`. */
export function tensorOfValues(
  ctx: OpContext,
  sizes: readonly number[],
  dtype: DType,
  values: Float64Array | BigInt64Array,
): TensorLike {
  const wide = values instanceof BigInt64Array ? 'int64' : 'float64';
  const tmp = ctx.empty(sizes, wide);
  const n = values.length;
  const view =
    wide === 'int64'
      ? new BigInt64Array(tmp.data.buffer, tmp.data.byteOffset + tmp.offset * 8, n)
      : new Float64Array(tmp.data.buffer, tmp.data.byteOffset + tmp.offset * 8, n);
  view.set(values as never);
  if (dtype === wide) return tmp;
  const out = ctx.empty(sizes, dtype);
  K.copy(out, tmp);
  return out;
}

/** Writes row-major `values` into `dst` (any layout and dtype). */
export function writeValues(ctx: OpContext, dst: TensorLike, values: Float64Array | BigInt64Array): void {
  const tmp = tensorOfValues(ctx, dst.sizes, values instanceof BigInt64Array ? 'int64' : 'float64', values);
  K.copy(dst, tmp);
  ctx.bumpVersion(dst);
}

/**
 * An `out=` overload: computes with `out`'s dtype (PyTorch's factories fill `out` in its own
 * dtype), then resizes `out` if needed and copies.
 */
export function outImpl(compute: (args: OpArgs, ctx: OpContext, dtype: DType) => TensorLike, name: string): ImplFn {
  return (args, ctx) => {
    const out = args.out as TensorLike;
    const result = compute(args, ctx, out.dtype);
    copyInto(ctx, out, result, name, true);
    return out;
  };
}

/** Meta for factories whose sizes are an argument. */
export function sizedMeta(sizeArg: string, dtypeOf: (args: OpArgs) => DType): MetaFn {
  return (args) => ({ sizes: sizeList(args[sizeArg]), dtype: dtypeOf(args) });
}
