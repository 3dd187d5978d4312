import { type DType, itemSize } from '@tsjit/kernels';
import { floatToBfloat16 as toBfloat16, floatToHalf as toHalf } from '../core/half.js';
import { contiguous, numel, toDtype } from '../core/helpers.js';
import type { SampleTensor, SampleValue } from '../core/samples.js';
import { FloatScalar, type OpContext, type TensorLike } from '../core/tensor-like.js';

/** Writes `values` (row-major numbers or booleans) into a new contiguous tensor's storage. */
export function tensorFromValues(
  ctx: OpContext,
  values: readonly (number | boolean | bigint)[],
  sizes: readonly number[],
  dtype: DType,
): TensorLike {
  const t = ctx.empty(sizes, dtype);
  writeValues(t.data, dtype, t.offset, values);
  return t;
}

function writeValues(
  bytes: Uint8Array,
  dtype: DType,
  offset: number,
  values: readonly (number | boolean | bigint)[],
): void {
  const n = values.length;
  const at = bytes.byteOffset + offset * itemSize[dtype];
  const buf = bytes.buffer;
  const num = (v: number | boolean | bigint) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
  switch (dtype) {
    case 'float32': {
      const a = new Float32Array(buf, at, n);
      for (let i = 0; i < n; i++) a[i] = num(values[i]);
      return;
    }
    case 'float64': {
      const a = new Float64Array(buf, at, n);
      for (let i = 0; i < n; i++) a[i] = num(values[i]);
      return;
    }
    case 'int64': {
      const a = new BigInt64Array(buf, at, n);
      for (let i = 0; i < n; i++)
        a[i] = typeof values[i] === 'bigint' ? (values[i] as bigint) : BigInt(Math.trunc(num(values[i])));
      return;
    }
    case 'int32':
      new Int32Array(buf, at, n).set(values.map(num));
      return;
    case 'int16':
      new Int16Array(buf, at, n).set(values.map(num));
      return;
    case 'int8':
      new Int8Array(buf, at, n).set(values.map(num));
      return;
    case 'uint8':
    case 'bool':
      new Uint8Array(buf, at, n).set(values.map((v) => (dtype === 'bool' ? (num(v) !== 0 ? 1 : 0) : num(v))));
      return;
    case 'float16':
    case 'bfloat16': {
      const a = new Uint16Array(buf, at, n);
      for (let i = 0; i < n; i++) a[i] = dtype === 'float16' ? toHalf(num(values[i])) : toBfloat16(num(values[i]));
      return;
    }
  }
}

/** A sample value as an op argument: tensor specs become fresh tensors of the context. */
export function materialize(ctx: OpContext, v: SampleValue): unknown {
  if (v instanceof FloatScalar) return v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((e) => materialize(ctx, e));
  const spec = v as SampleTensor;
  if (spec.$tensor === true) {
    const storage = tensorFromValues(ctx, spec.storage, [spec.storage.length], spec.dtype);
    return ctx.view(storage, spec.sizes, spec.strides, spec.offset);
  }
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) out[k] = materialize(ctx, e as SampleValue);
  return out;
}

/** Row-major values of any tensor (numbers; booleans as 0/1; int64 as numbers). */
export function tensorValues(ctx: OpContext, t: TensorLike): number[] {
  const n = numel(t.sizes);
  if (n === 0) return [];
  const c = toDtype(ctx, contiguous(ctx, t), t.dtype === 'int64' ? 'int64' : 'float64');
  const out = new Array<number>(n);
  if (c.dtype === 'int64') {
    const a = new BigInt64Array(c.data.buffer, c.data.byteOffset + c.offset * 8, n);
    for (let i = 0; i < n; i++) out[i] = Number(a[i]);
  } else {
    const a = new Float64Array(c.data.buffer, c.data.byteOffset + c.offset * 8, n);
    for (let i = 0; i < n; i++) out[i] = a[i];
  }
  return out;
}
