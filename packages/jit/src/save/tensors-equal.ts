import { Tensor } from '@tsjit/tensor';

const readers: Readonly<Record<string, (v: DataView, at: number) => number | bigint>> = {
  float32: (v, at) => v.getFloat32(at, true),
  float64: (v, at) => v.getFloat64(at, true),
  int8: (v, at) => v.getInt8(at),
  uint8: (v, at) => v.getUint8(at),
  bool: (v, at) => v.getUint8(at),
  int16: (v, at) => v.getInt16(at, true),
  int32: (v, at) => v.getInt32(at, true),
  int64: (v, at) => v.getBigInt64(at, true),
};

const itemSizes: Readonly<Record<string, number>> = {
  float32: 4,
  float64: 8,
  int8: 1,
  uint8: 1,
  bool: 1,
  int16: 2,
  int32: 4,
  int64: 8,
};

/**
 * Whether two tensor constants are one entry of an archive's constant table: PyTorch's
 * `getOrAddConstant` asks for the same options (dtype) and `t.equal(t2)` (same sizes and equal
 * values; NaN is never equal). Dtypes without a reader here compare by identity only.
 */
export function tensorsEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) return false;
  if (a.dtype !== b.dtype || (a.quantizer === null) !== (b.quantizer === null) || a.quantizer !== null) return false;
  if (a.sizes.length !== b.sizes.length || a.sizes.some((s, i) => s !== b.sizes[i])) return false;
  const read = readers[a.dtype];
  const size = itemSizes[a.dtype];
  if (read === undefined || size === undefined) return false;
  const va = new DataView(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const vb = new DataView(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  const n = a.sizes.reduce((x, y) => x * y, 1);
  const index = new Array<number>(a.sizes.length).fill(0);
  for (let k = 0; k < n; k++) {
    let pa = a.offset;
    let pb = b.offset;
    for (let d = 0; d < index.length; d++) {
      pa += (index[d] as number) * (a.strides[d] as number);
      pb += (index[d] as number) * (b.strides[d] as number);
    }
    // Comparison as numbers: -0 equals 0 and NaN equals nothing, as in PyTorch.
    if (read(va, pa * size) !== read(vb, pb * size)) return false;
    for (let d = index.length - 1; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (a.sizes[d] as number)) break;
      index[d] = 0;
    }
  }
  return true;
}
