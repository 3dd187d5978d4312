/**
 * Test helpers shared by the kernel families' tests (not exported from the package): seeded
 * random data in every dtype and layout, reading values back in logical order, and running a
 * block under another kernel path or thread count.
 */
import { type DType, itemSize } from './dtype.js';
import { getKernelPath, getNumThreads, type KernelPath, setKernelPath, setNumThreads } from './runtime.js';
import { numel, type Strided } from './strided.js';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

// ---- 16-bit floats in JS (round to nearest even, as the kernels do)

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

export function floatToHalf(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const abs = x & 0x7fffffff;
  if (abs >= 0x7f800000) return sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 | ((abs >>> 13) & 0x3ff) : 0);
  if (abs >= 0x477ff000) return sign | 0x7c00;
  if (abs < 0x38800000) {
    if (abs < 0x33000000) return sign;
    const e = abs >>> 23;
    const m = (abs & 0x7fffff) | 0x800000;
    const shift = 126 - e;
    let r = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && r & 1)) r++;
    return sign | r;
  }
  let r = (abs - 0x38000000) >>> 0;
  r = (r + 0xfff + ((r >>> 13) & 1)) >>> 13;
  return sign | r;
}

export function bf16ToFloat(h: number): number {
  u32[0] = h << 16;
  return f32[0];
}

export function floatToBf16(v: number): number {
  f32[0] = v;
  const x = u32[0];
  if ((x & 0x7fffffff) > 0x7f800000) return ((x >>> 16) | 0x40) & 0xffff;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/** The value a dtype stores for v (rounded or wrapped like the kernels' conversions). */
export function roundTo(dtype: DType, v: number): number {
  const t = makeContiguous(dtype, [1], [v]);
  return readAt(t, 0);
}

// ---- element access

function view(t: Strided): DataView {
  return new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

export function readAt(t: Strided, elementIndex: number): number {
  const dv = view(t);
  const b = elementIndex * itemSize[t.dtype];
  switch (t.dtype) {
    case 'float32':
      return dv.getFloat32(b, true);
    case 'float64':
      return dv.getFloat64(b, true);
    case 'float16':
      return halfToFloat(dv.getUint16(b, true));
    case 'bfloat16':
      return bf16ToFloat(dv.getUint16(b, true));
    case 'int64':
      return Number(dv.getBigInt64(b, true));
    case 'int32':
      return dv.getInt32(b, true);
    case 'int16':
      return dv.getInt16(b, true);
    case 'int8':
      return dv.getInt8(b);
    case 'uint8':
      return dv.getUint8(b);
    case 'bool':
      return dv.getUint8(b) !== 0 ? 1 : 0;
  }
}

export function writeAt(t: Strided, elementIndex: number, v: number): void {
  const dv = view(t);
  const b = elementIndex * itemSize[t.dtype];
  switch (t.dtype) {
    case 'float32':
      dv.setFloat32(b, v, true);
      break;
    case 'float64':
      dv.setFloat64(b, v, true);
      break;
    case 'float16':
      dv.setUint16(b, floatToHalf(v), true);
      break;
    case 'bfloat16':
      dv.setUint16(b, floatToBf16(v), true);
      break;
    case 'int64':
      dv.setBigInt64(b, BigInt(Math.trunc(v)), true);
      break;
    case 'int32':
      dv.setInt32(b, v, true);
      break;
    case 'int16':
      dv.setInt16(b, v, true);
      break;
    case 'int8':
      dv.setInt8(b, v);
      break;
    case 'uint8':
      dv.setUint8(b, v);
      break;
    case 'bool':
      dv.setUint8(b, v ? 1 : 0);
      break;
  }
}

/** Values of t in logical (row-major) order. */
export function toNumbers(t: Strided): number[] {
  const n = numel(t.sizes);
  const out = new Array<number>(n);
  const nd = t.sizes.length;
  const idx = new Array<number>(nd).fill(0);
  for (let i = 0; i < n; i++) {
    let e = t.offset;
    for (let d = 0; d < nd; d++) e += idx[d] * t.strides[d];
    out[i] = readAt(t, e);
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < t.sizes[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

export function contiguousStrides(sizes: readonly number[]): number[] {
  const s = new Array<number>(sizes.length);
  let acc = 1;
  for (let d = sizes.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= Math.max(sizes[d], 1);
  }
  return s;
}

export function makeContiguous(
  dtype: DType,
  sizes: readonly number[],
  values?: readonly number[],
  shared = false,
): Strided {
  const n = numel(sizes);
  const bytes = Math.max(n, 0) * itemSize[dtype];
  const buf = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const t: Strided = {
    data: new Uint8Array(buf),
    dtype,
    sizes: [...sizes],
    strides: contiguousStrides(sizes),
    offset: 0,
  };
  if (values) for (let i = 0; i < n; i++) writeAt(t, i, values[i]);
  return t;
}

/** A random value of the dtype's usual range (small integers, floats in [-4, 4)). */
export function randomValue(dtype: DType, r: () => number): number {
  switch (dtype) {
    case 'bool':
      return r() < 0.5 ? 0 : 1;
    case 'uint8':
      return randInt(r, 0, 255);
    case 'int8':
      return randInt(r, -128, 127);
    case 'int16':
    case 'int32':
    case 'int64':
      return randInt(r, -1000, 1000);
    default:
      return (r() - 0.5) * 8;
  }
}

export type Layout = 'contiguous' | 'transposed' | 'stepped' | 'offset';

/**
 * A tensor with the given logical sizes and values in the given layout: 'transposed' stores the
 * dimensions in reverse order, 'stepped' leaves gaps between elements of the last dimension,
 * 'offset' starts a few elements into a larger buffer.
 */
export function makeStrided(
  dtype: DType,
  sizes: readonly number[],
  values: readonly number[],
  layout: Layout,
): Strided {
  const nd = sizes.length;
  const n = numel(sizes);
  let strides: number[];
  let offset = 0;
  let span: number;
  if (layout === 'transposed') {
    strides = new Array<number>(nd);
    let acc = 1;
    for (let d = 0; d < nd; d++) {
      strides[d] = acc;
      acc *= Math.max(sizes[d], 1);
    }
    span = acc;
  } else if (layout === 'stepped') {
    strides = contiguousStrides(sizes).map((s) => s * 2);
    span = n * 2;
  } else {
    strides = contiguousStrides(sizes);
    offset = layout === 'offset' ? 3 : 0;
    span = n + offset + 2;
  }
  const raw = makeContiguous(dtype, [Math.max(span, 1)]);
  const t: Strided = { data: raw.data, dtype, sizes: [...sizes], strides, offset };
  const idx = new Array<number>(nd).fill(0);
  for (let i = 0; i < n; i++) {
    let e = offset;
    for (let d = 0; d < nd; d++) e += idx[d] * strides[d];
    writeAt(t, e, values[i]);
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
  return t;
}

export function randomShape(r: () => number, maxDims = 4, maxSize = 7): number[] {
  const nd = randInt(r, 0, maxDims);
  const s: number[] = [];
  for (let d = 0; d < nd; d++) s.push(r() < 0.08 ? 0 : randInt(r, 1, maxSize));
  return s;
}

/** Runs fn with a kernel path (and optionally a thread count) selected, then restores both. */
export function withPath<T>(path: KernelPath, fn: () => T, threads?: number): T {
  const prevPath = getKernelPath();
  const prevThreads = getNumThreads();
  setKernelPath(path);
  if (threads !== undefined) setNumThreads(threads);
  try {
    return fn();
  } finally {
    setKernelPath(prevPath);
    if (threads !== undefined) setNumThreads(prevThreads);
  }
}

/** Compares two value lists: exact for integers, NaN-aware with tolerance for floats. */
export function closeTo(
  actual: readonly number[],
  expected: readonly number[],
  rtol = 1e-5,
  atol = 1e-6,
): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a)) return `[${i}]: ${a} != NaN`;
      continue;
    }
    if (!Number.isFinite(e)) {
      if (a !== e) return `[${i}]: ${a} != ${e}`;
      continue;
    }
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) return `[${i}]: ${a} != ${e}`;
  }
  return null;
}
