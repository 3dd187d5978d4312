/**
 * Geometry of the view ops: PyTorch's rules for the sizes, strides and storage offset of a view
 * (computeStride for view/reshape, inferExpandGeometry for expand, ...), computed on plain arrays so
 * that impls (which make views with ctx.view) and metas share them.
 */

import type { DType } from '@tsjit/kernels';
import * as K from '@tsjit/kernels';
import { cppDtypeName } from '../core/dtypes.js';
import { broadcastShapes, contiguousStrides, formatSizes, numel, torchTensorName } from '../core/helpers.js';
import { check, OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';

/** Sizes, strides and storage offset (in elements) of a view. */
export interface Geometry {
  readonly sizes: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** A tensor's geometry; metas may see tensors without strides (graph values): they count as contiguous. */
export function geometryOf(t: TensorLike): Geometry {
  const strides = (t.strides as readonly number[] | undefined) ?? contiguousStrides(t.sizes);
  return { sizes: t.sizes, strides, offset: t.offset ?? 0 };
}

/** A view of t's storage with geometry g. */
export function viewOf(ctx: OpContext, t: TensorLike, g: Geometry): TensorLike {
  return ctx.view(t, g.sizes, g.strides, g.offset);
}

/**
 * Gives `t` a new geometry in place (transpose_, squeeze_, as_strided_...). The op contract has no
 * context method for it; both tensor implementations keep their geometry in plain mutable fields.
 */
export function setGeometry(ctx: OpContext, t: TensorLike, g: Geometry): TensorLike {
  const m = t as { sizes: readonly number[]; strides: readonly number[]; offset: number };
  m.sizes = [...g.sizes];
  m.strides = [...g.strides];
  m.offset = g.offset;
  void ctx;
  return t;
}

/** An int argument that TorchScript may pass as a bigint (INT64_MAX slice ends) as a number. */
export function intArg(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** An `int[]` argument (a single int is accepted too), as numbers. */
export function intList(v: unknown): number[] {
  return Array.isArray(v) ? v.map((e) => intArg(e)) : [intArg(v)];
}

/**
 * PyTorch's infer_size: the sizes of a view/reshape with at most one -1 inferred from numel.
 */
export function inferSize(shape: readonly number[], n: number): number[] {
  let newSize = 1;
  let inferDim = -1;
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === -1) {
      check(inferDim < 0, () => 'only one dimension can be inferred');
      inferDim = d;
    } else if (shape[d] >= 0) {
      newSize *= shape[d];
    } else {
      throw new OpError(`invalid shape dimension ${shape[d]}`);
    }
  }
  const out = [...shape];
  if (n === newSize || (inferDim >= 0 && newSize > 0 && n % newSize === 0)) {
    if (inferDim >= 0) {
      check(
        newSize !== 0,
        () =>
          `cannot reshape tensor of 0 elements into shape ${formatSizes(shape)} because the unspecified dimension size -1 can be any value and is ambiguous`,
      );
      out[inferDim] = n / newSize;
    }
    return out;
  }
  if (inferDim >= 0 && newSize === 0) {
    throw new OpError(
      `cannot reshape tensor of 0 elements into shape ${formatSizes(shape)} because the unspecified dimension size -1 can be any value and is ambiguous`,
    );
  }
  throw new OpError(`shape '${formatSizes(shape)}' is invalid for input of size ${n}`);
}

/**
 * PyTorch's computeStride: the strides that let `newShape` view memory laid out as
 * (oldShape, oldStrides), or null when a new dim would span two non-contiguous chunks.
 */
export function computeStride(
  oldShape: readonly number[],
  oldStrides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  if (oldShape.length === 0) return newShape.map(() => 1);
  const n = numel(oldShape);
  if (n === 0 && oldShape.length === newShape.length && oldShape.every((s, i) => s === newShape[i])) {
    return [...oldStrides];
  }
  const newStrides = new Array<number>(newShape.length);
  if (n === 0) {
    for (let d = newShape.length - 1; d >= 0; d--) {
      newStrides[d] = d === newShape.length - 1 ? 1 : Math.max(newShape[d + 1], 1) * newStrides[d + 1];
    }
    return newStrides;
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD];
    // A chunk ends where the next outer dim is not laid out right after this one.
    if (tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

export const VIEW_STRIDE_ERROR =
  "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.";

/** `view(size)`: PyTorch's error when the strides do not allow it. */
export function viewGeometry(t: Geometry, shape: readonly number[]): Geometry {
  const sizes = inferSize(shape, numel(t.sizes));
  const strides = computeStride(t.sizes, t.strides, sizes);
  if (strides === null) throw new OpError(VIEW_STRIDE_ERROR);
  return { sizes, strides, offset: t.offset };
}

/** `reshape(shape)`: a view when computeStride allows one, else a contiguous copy viewed as `shape`. */
export function reshapeTensor(ctx: OpContext, t: TensorLike, shape: readonly number[]): TensorLike {
  const g = geometryOf(t);
  const sizes = inferSize(shape, numel(g.sizes));
  const strides = computeStride(g.sizes, g.strides, sizes);
  if (strides !== null) return ctx.view(t, sizes, strides, g.offset);
  const copy = ctx.empty(t.sizes, t.dtype);
  copyValues(ctx, copy, t);
  return ctx.view(copy, sizes, contiguousStrides(sizes), copy.offset);
}

/** PyTorch's inferExpandGeometry (new leading dims of size 1 get the stride they would have if dense). */
export function expandGeometry(t: Geometry, target: readonly number[], name?: string): Geometry {
  const nd = target.length;
  const td = t.sizes.length;
  check(
    nd >= td,
    () =>
      `expand(${name ?? 'torch.Tensor'}{${formatSizes(t.sizes)}}, size=${formatSizes(target)}): the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${td})`,
  );
  const sizes = new Array<number>(nd);
  const strides = new Array<number>(nd);
  for (let i = nd - 1; i >= 0; i--) {
    const dim = i - nd + td;
    let size = dim >= 0 ? t.sizes[dim] : 1;
    let stride = dim >= 0 ? t.strides[dim] : i + 1 < nd ? sizes[i + 1] * strides[i + 1] : 0;
    let want = target[i];
    if (want === -1) {
      check(
        dim >= 0,
        () => `The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`,
      );
      want = size;
    }
    if (size !== want) {
      check(
        size === 1,
        () =>
          `The expanded size of the tensor (${want}) must match the existing size (${size}) at non-singleton dimension ${i}.  Target sizes: ${formatSizes(target)}.  Tensor sizes: ${formatSizes(t.sizes)}`,
      );
      check(want >= 0, () => `Trying to create tensor with negative dimension ${want}: ${formatSizes(target)}`);
      size = want;
      stride = 0;
    }
    sizes[i] = size;
    strides[i] = stride;
  }
  return { sizes, strides, offset: t.offset };
}

export function expandTensor(ctx: OpContext, t: TensorLike, target: readonly number[]): TensorLike {
  return viewOf(ctx, t, expandGeometry(geometryOf(t), target, torchTensorName(t)));
}

/** A dim for a tensor of `ndim` dims, with PyTorch's IndexError (0-d tensors take -1 and 0). */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  check(
    dim >= -n && dim < n,
    () => `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`,
    'IndexError',
  );
  return dim < 0 ? dim + n : dim;
}

export function transposeGeometry(t: Geometry, dim0: number, dim1: number): Geometry {
  const nd = t.sizes.length;
  const a = wrapDim(dim0, nd);
  const b = wrapDim(dim1, nd);
  if (nd === 0 || a === b) return { sizes: [...t.sizes], strides: [...t.strides], offset: t.offset };
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  [sizes[a], sizes[b]] = [sizes[b], sizes[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  return { sizes, strides, offset: t.offset };
}

export function permuteGeometry(t: Geometry, dims: readonly number[]): Geometry {
  const nd = t.sizes.length;
  check(
    dims.length === nd,
    () =>
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${nd} is not equal to len(dims) = ${dims.length}`,
  );
  const seen = new Array<boolean>(nd).fill(false);
  const sizes: number[] = [];
  const strides: number[] = [];
  for (const d of dims) {
    const w = wrapDim(d, nd);
    check(!seen[w], () => 'permute(): duplicate dims are not allowed.');
    seen[w] = true;
    sizes.push(t.sizes[w]);
    strides.push(t.strides[w]);
  }
  return { sizes, strides, offset: t.offset };
}

export function tGeometry(t: Geometry, name = 't'): Geometry {
  const nd = t.sizes.length;
  check(nd <= 2, () => `${name}() expects a tensor with <= 2 dimensions, but self is ${nd}D`);
  return nd < 2 ? { ...t } : transposeGeometry(t, 0, 1);
}

/** movedim's permutation: `source` dims go to `destination`, the others keep their order. */
export function movedimOrder(ndim: number, source: readonly number[], destination: readonly number[]): number[] {
  check(
    source.length === destination.length,
    () =>
      `movedim: Invalid source or destination dims: source (${formatSizes(source)} dims) should contain the same number of dims as destination (${formatSizes(destination)} dims)`,
  );
  const src = source.map((d) => wrapDim(d, ndim));
  const dst = destination.map((d) => wrapDim(d, ndim));
  check(new Set(src).size === src.length, () => `movedim: repeated dim in \`source\` (${formatSizes(source)})`);
  check(
    new Set(dst).size === dst.length,
    () => `movedim: repeated dim in \`destination\` (${formatSizes(destination)})`,
  );
  if (ndim === 0) return [];
  const order = new Array<number>(ndim).fill(-1);
  for (let i = 0; i < src.length; i++) order[dst[i]] = src[i];
  const rest = [...Array(ndim).keys()].filter((d) => !src.includes(d));
  let k = 0;
  for (let i = 0; i < ndim; i++) if (order[i] === -1) order[i] = rest[k++];
  return order;
}

export function squeezeGeometry(t: Geometry, dim?: number): Geometry {
  const nd = t.sizes.length;
  if (dim === undefined) {
    const keep = [...t.sizes.keys()].filter((d) => t.sizes[d] !== 1);
    return { sizes: keep.map((d) => t.sizes[d]), strides: keep.map((d) => t.strides[d]), offset: t.offset };
  }
  const w = wrapDim(dim, nd);
  if (nd === 0 || t.sizes[w] !== 1) return { sizes: [...t.sizes], strides: [...t.strides], offset: t.offset };
  return {
    sizes: t.sizes.filter((_, d) => d !== w),
    strides: t.strides.filter((_, d) => d !== w),
    offset: t.offset,
  };
}

export function unsqueezeGeometry(t: Geometry, dim: number): Geometry {
  const nd = t.sizes.length;
  const w = wrapDim(dim, nd + 1);
  const stride = w >= nd ? 1 : t.sizes[w] * t.strides[w];
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  sizes.splice(w, 0, 1);
  strides.splice(w, 0, stride);
  return { sizes, strides, offset: t.offset };
}

export function selectGeometry(t: Geometry, dim: number, index: number): Geometry {
  const nd = t.sizes.length;
  check(nd > 0, () => 'select() cannot be applied to a 0-dim tensor.', 'IndexError');
  const d = wrapDim(dim, nd);
  const size = t.sizes[d];
  check(
    index >= -size && index < size,
    () => `select(): index ${index} out of range for tensor of size ${formatSizes(t.sizes)} at dimension ${d}`,
    'IndexError',
  );
  const i = index < 0 ? index + size : index;
  return {
    sizes: t.sizes.filter((_, k) => k !== d),
    strides: t.strides.filter((_, k) => k !== d),
    offset: t.offset + i * t.strides[d],
  };
}

/** slice.Tensor's bounds: None ends, negative indices wrapped, then clamped to [0, size] (end ≥ start). */
export function sliceBounds(size: number, start: number | null, end: number | null): [number, number] {
  let s = start ?? 0;
  let e = end ?? Number.MAX_SAFE_INTEGER;
  if (s < 0) s += size;
  if (e < 0) e += size;
  if (s < 0) s = 0;
  else if (s >= size) s = size;
  if (e < s) e = s;
  else if (e >= size) e = size;
  return [s, e];
}

export function sliceGeometry(
  t: Geometry,
  dim: number,
  start: number | null,
  end: number | null,
  step: number,
): Geometry {
  const nd = t.sizes.length;
  check(nd > 0, () => 'slice() cannot be applied to a 0-dim tensor.', 'IndexError');
  const d = wrapDim(dim, nd);
  check(step > 0, () => 'slice step must be positive');
  const [s, e] = sliceBounds(t.sizes[d], start, end);
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  sizes[d] = Math.floor((e - s + step - 1) / step);
  strides[d] *= step;
  return { sizes, strides, offset: t.offset + s * t.strides[d] };
}

export function narrowGeometry(t: Geometry, dim: number, start: number, length: number): Geometry {
  const nd = t.sizes.length;
  check(nd > 0, () => 'narrow() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, nd);
  const size = t.sizes[d];
  // PyTorch wraps start like a dim index, except that start == size (an empty slice at the end) is fine.
  const s = start === size ? start : wrapDim(start, size);
  check(s <= size - length && length >= 0, () => `start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  return sliceGeometry(t, d, s, s + length, 1);
}

export function diagonalGeometry(t: Geometry, offset: number, dim1: number, dim2: number): Geometry {
  const nd = t.sizes.length;
  const d1 = wrapDim(dim1, nd);
  const d2 = wrapDim(dim2, nd);
  check(d1 !== d2, () => `diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  let diagSize: number;
  let storageOffset = t.offset;
  if (offset >= 0) diagSize = Math.max(Math.min(t.sizes[d1], t.sizes[d2] - offset), 0);
  else diagSize = Math.max(Math.min(t.sizes[d1] + offset, t.sizes[d2]), 0);
  // PyTorch leaves the offset alone for an empty diagonal (it could point past the storage).
  if (diagSize > 0) {
    if (offset >= 0) storageOffset += offset * t.strides[d2];
    else storageOffset -= offset * t.strides[d1];
  }
  const keep = [...t.sizes.keys()].filter((d) => d !== d1 && d !== d2);
  return {
    sizes: [...keep.map((d) => t.sizes[d]), diagSize],
    strides: [...keep.map((d) => t.strides[d]), t.strides[d1] + t.strides[d2]],
    offset: storageOffset,
  };
}

/** as_strided's checks against the storage (in elements of `dtype`). */
export function asStridedGeometry(
  t: TensorLike,
  size: readonly number[],
  stride: readonly number[],
  storageOffset: number | null,
): Geometry {
  const offset = storageOffset ?? t.offset;
  check(size.length === stride.length, () => 'mismatch in length of strides and shape');
  for (const s of stride) {
    check(
      s >= 0,
      () => `as_strided: Negative strides are not supported at the moment, got strides: ${formatSizes(stride)}`,
    );
  }
  check(offset >= 0, () => `Tensor: invalid storage offset ${offset}`);
  for (const s of size) {
    check(
      s >= 0,
      () => `Storage size calculation overflowed with sizes=${formatSizes(size)} and strides=${formatSizes(stride)}`,
    );
  }
  const item = itemBytes(t.dtype);
  let needed = 0;
  if (size.every((s) => s > 0)) {
    needed = 1;
    for (let d = 0; d < size.length; d++) needed += (size[d] - 1) * stride[d];
    needed = (needed + offset) * item;
  }
  const have = t.data.byteLength;
  check(
    needed <= have,
    () =>
      `setStorage: sizes ${formatSizes(size)}, strides ${formatSizes(stride)}, storage offset ${offset}, and itemsize ${item} requiring a storage size of ${needed} are out of bounds for storage of size ${have}`,
  );
  return { sizes: [...size], strides: [...stride], offset };
}

const ITEM_BYTES: Readonly<Record<DType, number>> = {
  float64: 8,
  float32: 4,
  float16: 2,
  bfloat16: 2,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};
export function itemBytes(dtype: DType): number {
  return ITEM_BYTES[dtype];
}

/** view.dtype: the same bytes as another dtype (the last dim grows or shrinks for other item sizes). */
export function viewDtypeGeometry(t: Geometry, from: DType, to: DType): Geometry {
  const a = itemBytes(from);
  const b = itemBytes(to);
  if (a === b) return { sizes: [...t.sizes], strides: [...t.strides], offset: t.offset };
  const what = `to view ${cppDtypeName(from)} as ${cppDtypeName(to)} (different element sizes)`;
  const nd = t.sizes.length;
  check(nd > 0, () => `self.dim() cannot be 0 ${what}`);
  const last = nd - 1;
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  const checkLastStride = () =>
    check(t.strides[last] === 1, () => `self.stride(-1) must be 1 ${what}, but got ${t.strides[last]}`);
  if (a > b) {
    checkLastStride();
    const r = a / b;
    for (let d = 0; d < nd; d++) {
      if (d === last) sizes[d] *= r;
      else strides[d] *= r;
    }
    return { sizes, strides, offset: t.offset * r };
  }
  const r = b / a;
  check(sizes[last] % r === 0, () => `self.size(-1) must be divisible by ${r} ${what}, but got ${sizes[last]}`);
  checkLastStride();
  check(t.offset % r === 0, () => `self.storage_offset() must be divisible by ${r} ${what}, but got ${t.offset}`);
  for (let d = 0; d < nd; d++) {
    if (d === last) sizes[d] /= r;
    else {
      check(strides[d] % r === 0, () => `self.stride(${d}) must be divisible by ${r} ${what}, but got ${strides[d]}`);
      strides[d] /= r;
    }
  }
  return { sizes, strides, offset: t.offset / r };
}

/** PyTorch's is_non_overlapping_and_dense: the elements exactly fill a block of memory. */
export function isNonOverlappingAndDense(g: Geometry): boolean {
  // PyTorch counts an empty tensor as contiguous, hence dense.
  if (numel(g.sizes) === 0) return true;
  const nd = g.sizes.length;
  if (nd === 1) return g.sizes[0] < 2 || g.strides[0] === 1;
  const perm = [...Array(nd).keys()].sort((x, y) => {
    if (g.sizes[x] < 2) return g.sizes[y] < 2 ? 0 : 1;
    if (g.sizes[y] < 2) return -1;
    return g.strides[x] - g.strides[y];
  });
  let expected = 1;
  for (const d of perm) {
    const n = g.sizes[d];
    if (n < 2) return true;
    if (g.strides[d] !== expected) return false;
    expected *= n;
  }
  return true;
}

/** dst[...] = src[...] for same-sized tensors (any layouts), with the copy kernel. */
function copyValues(ctx: OpContext, dst: TensorLike, src: TensorLike): void {
  void ctx;
  K.copy(dst, src);
}

/**
 * view.dtype: gives a fresh view (made by ctx.view, which keeps the base's dtype) another dtype.
 * The op contract has no dtype-changing view; the view was just created, so nothing else sees it.
 */
export function retype(t: TensorLike, dtype: DType): TensorLike {
  (t as { dtype: DType }).dtype = dtype;
  return t;
}

/** The (start, length) pieces of split(split_size, dim), with PyTorch's checks. */
export function splitPieces(sizes: readonly number[], splitSize: number, dim: number): [number, number][] {
  check(sizes.length !== 0, () => 'split expects at least a 1-dimensional tensor');
  check(splitSize >= 0, () => `split expects split_size be non-negative, but got split_size=${splitSize}`);
  const dimSize = sizes[wrapDim(dim, sizes.length)];
  check(
    splitSize > 0 || dimSize === 0,
    () => `split_size can only be 0 if dimension size is 0, but got dimension size of ${dimSize}`,
  );
  const count = splitSize === 0 ? 1 : Math.max(Math.ceil(dimSize / splitSize), 1);
  const last = splitSize - (splitSize * count - dimSize);
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) out.push([i * splitSize, i < count - 1 ? splitSize : last]);
  return out;
}

/** The (start, length) pieces of split_with_sizes(split_sizes, dim), with PyTorch's checks. */
export function splitWithSizesPieces(
  sizes: readonly number[],
  lengths: readonly number[],
  dim: number,
): [number, number][] {
  check(sizes.length !== 0, () => 'split expects at least a 1-dimensional tensor');
  const d = wrapDim(dim, sizes.length);
  const dimSize = sizes[d];
  check(
    lengths.every((n) => n >= 0),
    () =>
      `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${formatSizes(lengths)}`,
  );
  const total = lengths.reduce((a, b) => a + b, 0);
  check(
    total === dimSize,
    () =>
      `split_with_sizes expects split_sizes to sum exactly to ${dimSize} (input tensor's size at dimension ${dim}), but got split_sizes=${formatSizes(lengths)}`,
  );
  const out: [number, number][] = [];
  let start = 0;
  for (const n of lengths) {
    out.push([start, n]);
    start += n;
  }
  return out;
}

/** Views of t for (start, length) pieces along dim. */
export function pieceViews(
  ctx: OpContext,
  t: TensorLike,
  pieces: readonly [number, number][],
  dim: number,
): TensorLike[] {
  const g = geometryOf(t);
  const d = wrapDim(dim, t.sizes.length);
  return pieces.map(([s, n]) => viewOf(ctx, t, sliceGeometry(g, d, s, s + n, 1)));
}

/** Metas of the pieces. */
export function pieceMetas(t: TensorLike, pieces: readonly [number, number][], dim: number) {
  const d = wrapDim(dim, t.sizes.length);
  return pieces.map(([, n]) => {
    const sizes = [...t.sizes];
    sizes[d] = n;
    return { sizes, dtype: t.dtype };
  });
}

/**
 * The gradient of a split into pieces (start, length) along dim: each output's gradient placed
 * back with slice_backward, summed; outputs without a gradient contribute nothing.
 */
export function piecesBackward(
  F: Functions,
  grads: readonly unknown[],
  sizes: readonly number[],
  dim: number,
  pieces: readonly [number, number][],
): unknown {
  const d = dim < 0 ? dim + sizes.length : dim;
  let total: unknown = null;
  pieces.forEach(([s, n], i) => {
    const g = grads[i];
    if (g === null || g === undefined) return;
    const placed = F.sliceBackward(g, sizes, d, s, s + n, 1);
    total = total === null ? placed : F.add(total, placed);
  });
  return total;
}

/** A MemoryFormat argument: PyTorch's code (0 contiguous, 1 preserve, 2 channels_last, 3 channels_last_3d) or name. */
export function memoryFormat(v: unknown): 'contiguous' | 'preserve' | 'channels_last' | 'channels_last_3d' {
  if (v === null || v === undefined) return 'preserve';
  const names = ['contiguous', 'preserve', 'channels_last', 'channels_last_3d'] as const;
  if (typeof v === 'number' && names[v] !== undefined) return names[v];
  if (typeof v === 'string') {
    const s = v.replace(/^torch\./, '').replace(/_format$/, '');
    const found = names.find((n) => n === s);
    if (found) return found;
  }
  throw new OpError(`invalid memory format ${String(v)}`, 'TypeError');
}

/** Strides of `sizes` in a memory format (channels_last: the channel dim innermost). */
export function formatStrides(
  sizes: readonly number[],
  format: 'contiguous' | 'channels_last' | 'channels_last_3d',
): number[] {
  if (format === 'contiguous') return contiguousStrides(sizes);
  const rank = format === 'channels_last' ? 4 : 5;
  check(sizes.length === rank, () => `required rank ${rank} tensor to use ${format} format`);
  // Dims from innermost: C, then W, H (, D), then N.
  const order = [1, ...[...Array(rank - 2).keys()].map((i) => rank - 1 - i), 0];
  const strides = new Array<number>(rank);
  let s = 1;
  for (const d of order) {
    strides[d] = s;
    s *= Math.max(sizes[d], 1);
  }
  return strides;
}

/** A new tensor with t's values laid out with `strides` (a dense layout of t's sizes). */
export function copyWithStrides(ctx: OpContext, t: TensorLike, strides: readonly number[]): TensorLike {
  const n = numel(t.sizes);
  const storage = ctx.empty([n], t.dtype);
  const out = ctx.view(storage, t.sizes, strides, 0);
  if (n > 0) K.copy(out, t);
  return out;
}

/** clone's layout: preserve keeps a dense tensor's strides, else contiguous (or the requested format). */
export function cloneTensor(ctx: OpContext, t: TensorLike, format: unknown): TensorLike {
  const f = memoryFormat(format);
  const g = geometryOf(t);
  if (f === 'preserve') {
    return copyWithStrides(ctx, t, isNonOverlappingAndDense(g) ? g.strides : inferDenseStrides(g.sizes, g.strides));
  }
  return copyWithStrides(ctx, t, formatStrides(g.sizes, f));
}

/** mT / mH / adjoint: the last two dims swapped, for matrices and batches of matrices. */
export function matrixTransposeGeometry(t: Geometry, what: string): Geometry {
  const nd = t.sizes.length;
  // PyTorch lets a 0-d tensor through unchanged.
  if (nd === 0) return { ...t };
  check(nd >= 2, () => `${what} is only supported on matrices or batches of matrices. Got ${nd}-D tensor.`);
  return transposeGeometry(t, -2, -1);
}

/** hsplit / vsplit / dsplit: tensor_split along a fixed dim, with an exact division for a section count. */
export function directionalSplitPieces(
  name: 'hsplit' | 'vsplit' | 'dsplit',
  sizes: readonly number[],
  sectionsOrIndices: number | readonly number[],
): { dim: number; pieces: [number, number][] } {
  const nd = sizes.length;
  const minDims = name === 'hsplit' ? 1 : name === 'vsplit' ? 2 : 3;
  check(
    nd >= minDims,
    () => `torch.${name} requires a tensor with at least ${minDims} dimension, but got a tensor with ${nd} dimensions!`,
  );
  const dim = name === 'hsplit' ? (nd === 1 ? 0 : 1) : name === 'vsplit' ? 0 : 2;
  const size = sizes[dim];
  if (typeof sectionsOrIndices === 'number') {
    const sections = sectionsOrIndices;
    check(sections >= 0, () => `number of sections must be larger than 0, got ${sections}`);
    check(
      sections !== 0 && size % sections === 0,
      () =>
        `torch.${name} attempted to split along dimension ${dim}, but the size of the dimension ${size} is not divisible by the split_size ${sections}!`,
    );
    const n = size / sections;
    return { dim, pieces: [...Array(sections).keys()].map((i): [number, number] => [i * n, n]) };
  }
  const pieces: [number, number][] = [];
  let prev = 0;
  for (const next of [...sectionsOrIndices, size]) {
    const [s, e] = sliceBounds(size, prev, next);
    pieces.push([s, e - s]);
    prev = next;
  }
  return { dim, pieces };
}

/** chunk as PyTorch computes it: split(ceil(size / chunks)), except an empty dim gets `chunks` empty pieces. */
export function chunkPieces(sizes: readonly number[], chunks: number, dim: number): [number, number][] {
  check(sizes.length > 0, () => 'chunk expects at least a 1-dimensional tensor');
  check(chunks > 0, () => `chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const dimSize = sizes[wrapDim(dim, sizes.length)];
  const splitSize = Math.ceil(dimSize / chunks);
  if (splitSize === 0 && dimSize === 0) {
    return splitWithSizesPieces(sizes, new Array<number>(chunks).fill(0), dim);
  }
  return splitPieces(sizes, splitSize, dim);
}

/** How many storage elements a strided layout spans from its first element (0 when empty). */
export function stridedExtent(sizes: readonly number[], strides: readonly number[]): number {
  if (sizes.some((n) => n === 0)) return 0;
  let extent = 1;
  for (let d = 0; d < sizes.length; d++) extent += (sizes[d] - 1) * strides[d];
  return extent;
}

/** A new zero tensor of sizes given as an argument (the *_backward ops), with PyTorch's check. */
export function zerosOfSizes(ctx: OpContext, sizes: readonly number[], dtype: DType): TensorLike {
  for (const n of sizes) {
    check(n >= 0, () => `Trying to create tensor with negative dimension ${n}: ${formatSizes(sizes)}`);
  }
  return ctx.empty(sizes, dtype);
}

/** slot[...] = src[...] (src broadcast to the slot, as copy_ does), with PyTorch's message. */
export function copyIntoSlot(slot: TensorLike, src: TensorLike): void {
  const shape = broadcastShapes(slot.sizes, src.sizes);
  check(
    shape.length === slot.sizes.length && shape.every((n, d) => n === slot.sizes[d]),
    () => `output with shape ${formatSizes(slot.sizes)} doesn't match the broadcast shape ${formatSizes(shape)}`,
  );
  if (numel(slot.sizes) > 0) K.copy(slot, src);
}

/**
 * PyTorch's infer_dense_strides: dense strides whose dim order follows `strides` (what
 * preserve_format gives a tensor that is not dense). Dims are ordered innermost first by stride,
 * a smaller size first on equal strides, and a zero stride keeps the order it has.
 */
export function inferDenseStrides(sizes: readonly number[], strides: readonly number[]): number[] {
  const nd = sizes.length;
  const perm = [...Array(nd).keys()].reverse();
  const compare = (a: number, b: number): number => {
    if (strides[a] === 0 || strides[b] === 0) return 0;
    if (strides[a] !== strides[b]) return strides[a] < strides[b] ? -1 : 1;
    return sizes[a] > sizes[b] ? 1 : 0;
  };
  // PyTorch's insertion sort, whose "equal" answers do not stop the scan.
  for (let i = 1; i < nd; i++) {
    let j = i;
    for (let k = i - 1; k >= 0; k--) {
      const c = compare(perm[k], perm[j]);
      if (c > 0) {
        [perm[k], perm[j]] = [perm[j], perm[k]];
        j = k;
      } else if (c < 0) break;
    }
  }
  const out = new Array<number>(nd);
  let stride = 1;
  for (const d of perm) {
    out[d] = stride;
    if (sizes[d] > 1) stride *= sizes[d];
  }
  return out;
}
