import type { DType } from '@tsjit/kernels';
import type { NpyArray } from '../src/npy.js';

/** Decodes an IEEE half (binary16) bit pattern. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The elements of `a` in C order, as JavaScript values (bigint for int64, boolean for bool). */
export function npyValues(a: NpyArray): (number | bigint | boolean)[] {
  const view = new DataView(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const read: Record<DType, (i: number) => number | bigint | boolean> = {
    float64: (i) => view.getFloat64(i * 8, true),
    float32: (i) => view.getFloat32(i * 4, true),
    float16: (i) => halfToNumber(view.getUint16(i * 2, true)),
    bfloat16: (i) => new Float32Array(new Uint32Array([view.getUint16(i * 2, true) << 16]).buffer)[0],
    int64: (i) => view.getBigInt64(i * 8, true),
    int32: (i) => view.getInt32(i * 4, true),
    int16: (i) => view.getInt16(i * 2, true),
    int8: (i) => view.getInt8(i),
    uint8: (i) => view.getUint8(i),
    bool: (i) => view.getUint8(i) !== 0,
  };
  const numel = a.sizes.reduce((x, y) => x * y, 1);
  return Array.from({ length: numel }, (_, i) => read[a.dtype](i));
}

/** Reads a value of gen_npy.py's expected.json ('nan', 'inf', '-inf', '-0' and int64 strings included). */
export function expectedValue(v: number | string | boolean, dtype: DType): number | bigint | boolean {
  if (typeof v === 'boolean' || typeof v === 'number') return v;
  if (dtype === 'int64') return BigInt(v);
  return { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, '-inf': Number.NEGATIVE_INFINITY, '-0': -0 }[v] as number;
}
