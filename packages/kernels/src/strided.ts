/**
 * Strided buffers, their validation, and the meta record the addon reads. Every kernel call goes
 * through `checkStrided` (and friends) before any byte reaches C++: a malformed call throws a
 * KernelError, it never crashes the process.
 */
import { type DType, dtypeCode, itemSize } from './dtype.js';
import { KernelError } from './kernel-error.js';

/** A tensor as the kernels see it: raw bytes, a dtype, and a strided view into them. */
export interface Strided {
  /** The storage's bytes (over an ArrayBuffer or a SharedArrayBuffer). */
  readonly data: Uint8Array;
  readonly dtype: DType;
  readonly sizes: readonly number[];
  /** In elements; non-negative. A zero stride repeats an element (broadcasting, expand). */
  readonly strides: readonly number[];
  /** In elements, from the start of `data`. */
  readonly offset: number;
}

export const MAX_DIMS = 16;

export function argumentError(op: string, message: string): KernelError {
  return new KernelError('ERR_TSJIT_KERNEL_ARGUMENT', `${op}: ${message}`);
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Checks that `t` is a well-formed strided view that stays inside its bytes. */
export function checkStrided(op: string, name: string, t: Strided): void {
  if (t === null || typeof t !== 'object') throw argumentError(op, `${name} must be a strided buffer`);
  if (!(t.data instanceof Uint8Array)) throw argumentError(op, `${name}.data must be a Uint8Array`);
  const size = itemSize[t.dtype];
  if (size === undefined || !Object.hasOwn(itemSize, t.dtype)) {
    throw argumentError(op, `${name} has unknown dtype ${String(t.dtype)}`);
  }
  if (t.data.byteOffset % size !== 0) {
    throw argumentError(
      op,
      `${name}.data starts at byte ${t.data.byteOffset} of its buffer, which is not aligned to its ${size}-byte ${t.dtype} elements`,
    );
  }
  const { sizes, strides } = t;
  if (!Array.isArray(sizes) || !Array.isArray(strides)) {
    throw argumentError(op, `${name}.sizes and ${name}.strides must be arrays`);
  }
  if (sizes.length > MAX_DIMS)
    throw argumentError(op, `${name} has ${sizes.length} dimensions; at most ${MAX_DIMS} are supported`);
  if (strides.length !== sizes.length) {
    throw argumentError(op, `${name} has ${sizes.length} sizes but ${strides.length} strides`);
  }
  if (!isIndex(t.offset)) throw argumentError(op, `${name}.offset must be a non-negative integer, got ${t.offset}`);
  let numel = 1;
  let last = t.offset;
  for (let d = 0; d < sizes.length; d++) {
    const n = sizes[d];
    const s = strides[d];
    if (!isIndex(n)) throw argumentError(op, `${name}.sizes[${d}] must be a non-negative integer, got ${n}`);
    if (!isIndex(s)) throw argumentError(op, `${name}.strides[${d}] must be a non-negative integer, got ${s}`);
    numel *= n;
    if (n > 0) last += (n - 1) * s;
  }
  if (numel === 0) return;
  if (!Number.isSafeInteger(last) || !Number.isSafeInteger(numel)) throw argumentError(op, `${name} is too large`);
  const end = (last + 1) * size;
  if (end > t.data.byteLength) {
    throw argumentError(
      op,
      `${name} reaches byte ${end} of its storage, which has only ${t.data.byteLength} bytes (sizes [${sizes.join(', ')}], strides [${strides.join(', ')}], offset ${t.offset}, ${t.dtype})`,
    );
  }
}

/**
 * Checks that an operand the kernel writes is well-formed and has no more elements than its bytes
 * hold (a written tensor may not have several elements in one memory location, as in PyTorch).
 * This also bounds a kernel's work by memory the caller really allocated.
 */
export function checkWritable(op: string, name: string, t: Strided): void {
  checkStrided(op, name, t);
  const n = numel(t.sizes);
  if (n * itemSize[t.dtype] > t.data.byteLength) {
    throw argumentError(
      op,
      `${name} has ${n} elements but its storage holds only ${Math.floor(t.data.byteLength / itemSize[t.dtype])}: more than one element of the written-to tensor refers to a single memory location`,
    );
  }
}

export function numel(sizes: readonly number[]): number {
  let n = 1;
  for (const s of sizes) n *= s;
  return n;
}

export function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Strides that view `t` with `sizes` by broadcasting (NumPy rules: align right, size-1 or missing
 * dimensions repeat with stride 0). Throws when `t` cannot broadcast to `sizes`.
 */
export function broadcastStrides(op: string, name: string, t: Strided, sizes: readonly number[]): number[] {
  const nd = sizes.length;
  const td = t.sizes.length;
  if (td > nd) {
    throw argumentError(op, `${name} with sizes [${t.sizes.join(', ')}] cannot broadcast to [${sizes.join(', ')}]`);
  }
  const out = new Array<number>(nd).fill(0);
  for (let i = 0; i < td; i++) {
    const d = nd - td + i;
    const n = t.sizes[i];
    if (n === sizes[d]) out[d] = n === 1 ? 0 : t.strides[i];
    else if (n === 1) out[d] = 0;
    else {
      throw argumentError(
        op,
        `The size of ${name} (${n}) must match the size of the output (${sizes[d]}) at non-singleton dimension ${d}`,
      );
    }
  }
  return out;
}

/** The broadcast of several shapes, or a KernelError naming the first mismatch. */
export function broadcastShapes(op: string, ...shapes: (readonly number[])[]): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const d = nd - s.length + i;
      const n = s[i];
      if (out[d] === 1) out[d] = n;
      else if (n !== 1 && n !== out[d]) {
        throw argumentError(
          op,
          `The size of tensor a (${out[d]}) must match the size of tensor b (${n}) at non-singleton dimension ${d}`,
        );
      }
    }
  }
  return out;
}

// One meta record per JS thread, reused by every call: calls are synchronous and never reenter.
const META = new Float64Array(1 + MAX_DIMS + 8 * (2 + MAX_DIMS) + 64);

/**
 * Writes the meta record for operands that share `sizes`; `strides[k]` are operand k's strides
 * (already broadcast to `sizes`). Returns the record.
 */
export function writeMeta(
  sizes: readonly number[],
  operands: readonly Strided[],
  strides: readonly (readonly number[])[],
): Float64Array {
  const m = META;
  const nd = sizes.length;
  m[0] = nd;
  for (let d = 0; d < nd; d++) m[1 + d] = sizes[d];
  let at = 1 + nd;
  for (let k = 0; k < operands.length; k++) {
    const t = operands[k];
    const s = strides[k];
    m[at] = dtypeCode[t.dtype];
    m[at + 1] = t.offset;
    for (let d = 0; d < nd; d++) m[at + 2 + d] = s[d];
    at += 2 + nd;
  }
  return m;
}

/**
 * `t` with some geometry replaced. Fields are copied by name: a Tensor's `data` is a getter on its
 * class, which object spread (`{ ...t }`) would drop.
 */
export function restride(t: Strided, patch: Partial<Strided>): Strided {
  return { data: t.data, dtype: t.dtype, offset: t.offset, sizes: t.sizes, strides: t.strides, ...patch };
}
