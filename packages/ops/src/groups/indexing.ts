/**
 * Shared pieces of the indexing ops: PyTorch's advanced indexing (`aten::index` / `index_put_`)
 * reduced to the kernels' "index the leading dims" form, mask handling, and the translation of
 * data-dependent kernel failures into PyTorch's messages.
 */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType, isScalar, scalarToNumber } from '../core/dtypes.js';
import { broadcastShapes, formatSizes, normalizeDim, numel, readNumbers, sameSizes } from '../core/helpers.js';
import { OpError, type PyErrorType } from '../core/op-error.js';
import type { Functions, OpContext, Scalar, TensorLike } from '../core/tensor-like.js';

/**
 * Runs a kernel call and turns its data-dependent failure (an index out of range) into an OpError
 * of PyTorch's exception type; `message` rewrites the kernel's text where PyTorch words it otherwise.
 */
export function withIndexErrors<T>(fn: () => T, pyType: PyErrorType, message?: (kernelMessage: string) => string): T {
  try {
    return fn();
  } catch (e) {
    if (K.KernelError.isInstance(e) && e.code === 'ERR_TSJIT_INDEX_OUT_OF_RANGE') {
      const text = e.message.replace(/^[^:]*: /, '');
      throw new OpError(message ? message(text) : text, pyType);
    }
    throw e;
  }
}

/** The value of a Scalar argument, or of a 0-d tensor `value` (PyTorch's "0-dimensional value tensor" rule). */
export function fillValue(ctx: OpContext, value: TensorLike | Scalar, op: string): number {
  if (isScalar(value)) return scalarToNumber(value);
  if (value.sizes.length !== 0) {
    throw new OpError(
      `${op} only supports a 0-dimensional value tensor, but got tensor with ${value.sizes.length} dimension(s).`,
    );
  }
  return readNumbers(ctx, value)[0];
}

/**
 * A mask as the kernels take it (bool or uint8). PyTorch still accepts other dtypes in masked_fill
 * when every value is 0 or 1.
 */
export function boolMask(ctx: OpContext, mask: TensorLike, op: string, legacyValues: boolean): TensorLike {
  if (mask.dtype === 'bool' || mask.dtype === 'uint8') return mask;
  if (!legacyValues) throw new OpError(`${op}: expected BoolTensor or ByteTensor for mask`);
  for (const v of readNumbers(ctx, mask)) {
    if (v !== 0 && v !== 1) throw new OpError('Mask tensor can take 0 and 1 values only');
  }
  const out = ctx.empty(mask.sizes, 'bool');
  K.copy(out, mask);
  return out;
}

/** A permuted view (dims in `order`). */
export function permuteView(ctx: OpContext, t: TensorLike, order: readonly number[]): TensorLike {
  return ctx.view(
    t,
    order.map((d) => t.sizes[d]),
    order.map((d) => t.strides[d]),
    t.offset,
  );
}

/** The plan for one advanced indexing: what the kernels see and where the indexed dims go. */
export interface AdvancedIndex {
  /** self with the indexed dims first (in order), the others after. */
  readonly permuted: TensorLike;
  /** One int64 tensor per indexed dim (masks expanded to their nonzero coordinates). */
  readonly indices: readonly TensorLike[];
  /** broadcast(indices) sizes. */
  readonly indexShape: readonly number[];
  /** Sizes of the non-indexed dims, in order. */
  readonly restSizes: readonly number[];
  /** Where the index dims go in the result (after `position` non-indexed dims). */
  readonly position: number;
  /** The result's sizes: restSizes[:position] + indexShape + restSizes[position:]. */
  readonly resultSizes: readonly number[];
}

/**
 * PyTorch's advanced indexing rules for `Tensor?[] indices`: bool/byte masks become the index
 * tensors of their nonzero coordinates (one per masked dim), None skips a dim, the index tensors
 * broadcast together, and the indexed dims replace themselves in place when they are adjacent or
 * go first when a None/slice separates them (NumPy's transposition rule).
 */
export function planAdvancedIndex(
  ctx: OpContext,
  self: TensorLike,
  raw: readonly (TensorLike | null)[],
): AdvancedIndex {
  const ndim = self.sizes.length;
  const expanded: (TensorLike | null)[] = [];
  for (const t of raw) {
    if (t === null || t === undefined) {
      expanded.push(null);
      continue;
    }
    if (t.dtype === 'bool' || t.dtype === 'uint8') {
      const start = expanded.length;
      for (let j = 0; j < t.sizes.length; j++) {
        const d = start + j;
        if (d >= ndim) {
          throw new OpError(`too many indices for tensor of dimension ${ndim} (got ${d + 1})`, 'IndexError');
        }
        if (t.sizes[j] !== self.sizes[d]) {
          throw new OpError(
            `The shape of the mask ${formatSizes(t.sizes)} at index ${j} does not match the shape of the indexed tensor ${formatSizes(self.sizes)} at index ${d}`,
            'IndexError',
          );
        }
      }
      const n = K.nonzeroCount(t);
      const k = t.sizes.length;
      const nz = ctx.empty([n, k], 'int64');
      K.nonzero(nz, t);
      for (let j = 0; j < k; j++) expanded.push(ctx.view(nz, [n], [k], j));
      continue;
    }
    if (t.dtype !== 'int64') {
      throw new OpError('tensors used as indices must be long, byte or bool tensors', 'IndexError');
    }
    expanded.push(t);
  }
  if (expanded.length > ndim) {
    throw new OpError(`too many indices for tensor of dimension ${ndim} (got ${expanded.length})`, 'IndexError');
  }
  const dims: number[] = [];
  const indices: TensorLike[] = [];
  expanded.forEach((t, d) => {
    if (t !== null) {
      dims.push(d);
      indices.push(t);
    }
  });
  let indexShape: number[];
  try {
    indexShape = broadcastShapes(...indices.map((t) => t.sizes));
  } catch {
    throw new OpError(
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${indices.map((t) => formatSizes(t.sizes)).join(', ')}`,
      'IndexError',
    );
  }
  const rest: number[] = [];
  for (let d = 0; d < ndim; d++) if (!dims.includes(d)) rest.push(d);
  const adjacent = dims.length > 0 && dims[dims.length - 1] - dims[0] === dims.length - 1;
  const position = adjacent ? dims[0] : 0;
  const restSizes = rest.map((d) => self.sizes[d]);
  return {
    permuted: permuteView(ctx, self, [...dims, ...rest]),
    indices,
    indexShape,
    restSizes,
    position,
    resultSizes: [...restSizes.slice(0, position), ...indexShape, ...restSizes.slice(position)],
  };
}

/**
 * A view of `t` (of the plan's result sizes) with the index dims first, as the kernels lay out
 * their geometry (indexShape + restSizes).
 */
export function kernelOrderView(ctx: OpContext, t: TensorLike, plan: AdvancedIndex): TensorLike {
  const p = plan.position;
  const s = plan.indexShape.length;
  const order: number[] = [];
  for (let i = 0; i < s; i++) order.push(p + i);
  for (let j = 0; j < plan.restSizes.length; j++) order.push(j < p ? j : j + s);
  return permuteView(ctx, t, order);
}

/** self[indices] (aten::index.Tensor). */
export function advancedIndexGet(ctx: OpContext, self: TensorLike, raw: readonly (TensorLike | null)[]): TensorLike {
  const plan = planAdvancedIndex(ctx, self, raw);
  const out = ctx.empty(plan.resultSizes, self.dtype);
  if (plan.indices.length === 0) {
    K.copy(out, self);
    return out;
  }
  withIndexErrors(() => K.indexGet(kernelOrderView(ctx, out, plan), plan.permuted, plan.indices), 'IndexError');
  return out;
}

/** self[indices] = values / += values (aten::index_put_), in place. */
export function advancedIndexPut(
  ctx: OpContext,
  self: TensorLike,
  raw: readonly (TensorLike | null)[],
  values: TensorLike,
  accumulate: boolean,
): TensorLike {
  if (values.dtype !== self.dtype) {
    throw new OpError(
      `Index put requires the source and destination dtypes match, got ${cppDtypeName(self.dtype)} for the destination and ${cppDtypeName(values.dtype)} for the source.`,
    );
  }
  const plan = planAdvancedIndex(ctx, self, raw);
  const target = plan.resultSizes;
  let ok = values.sizes.length <= target.length;
  for (let i = 1; ok && i <= values.sizes.length; i++) {
    const v = values.sizes[values.sizes.length - i];
    if (v !== 1 && v !== target[target.length - i]) ok = false;
  }
  if (!ok) {
    throw new OpError(
      `shape mismatch: value tensor of shape ${formatSizes(values.sizes)} cannot be broadcast to indexing result of shape ${formatSizes(target)}`,
    );
  }
  if (plan.indices.length === 0) {
    K.copy(self, values);
  } else {
    const expanded = broadcastView(ctx, values, target);
    withIndexErrors(
      () => K.indexPut(plan.permuted, plan.indices, kernelOrderView(ctx, expanded, plan), accumulate),
      'IndexError',
    );
  }
  ctx.bumpVersion(self);
  return self;
}

/** A stride-0 broadcast view of t at `sizes` (the shapes were checked). */
export function broadcastView(ctx: OpContext, t: TensorLike, sizes: readonly number[]): TensorLike {
  const off = sizes.length - t.sizes.length;
  const strides = sizes.map((n, d) => (d < off || t.sizes[d - off] !== n ? 0 : t.strides[d - off]));
  return ctx.view(t, sizes, strides, t.offset);
}

/** A contiguous int64 vector holding `values` (index bookkeeping for decompositions). */
export function int64Vector(ctx: OpContext, values: readonly number[]): TensorLike {
  const t = ctx.empty([values.length], 'int64');
  const a = new BigInt64Array(t.data.buffer, t.data.byteOffset + t.offset * 8, values.length);
  for (let i = 0; i < values.length; i++) a[i] = BigInt(values[i]);
  return t;
}

/** A fresh contiguous copy of `t` (the functional form of an in-place kernel). */
export function cloneOf(ctx: OpContext, t: TensorLike, sizes: readonly number[] = t.sizes, dtype: DType = t.dtype) {
  const out = ctx.empty(sizes, dtype);
  if (numel(sizes) > 0) K.copy(out, t);
  return out;
}

/** An in-place op cannot grow self: `other` must broadcast to self's sizes (PyTorch's message). */
export function checkInPlaceBroadcast(self: TensorLike, other: TensorLike): void {
  const sizes = broadcastShapes(self.sizes, other.sizes);
  if (!sameSizes(sizes, self.sizes)) {
    throw new OpError(
      `output with shape ${formatSizes(self.sizes)} doesn't match the broadcast shape ${formatSizes(sizes)}`,
    );
  }
}

/** gather/scatter argument checks with PyTorch's messages; returns the normalized dim. */
export function checkGatherScatter(
  op: 'gather' | 'scatter' | 'scatter_add',
  self: TensorLike,
  dim: number,
  index: TensorLike,
  src?: TensorLike,
): number {
  const d = normalizeDim(dim, self.sizes.length);
  const label = op === 'scatter_add' ? 'scatter' : op;
  if (index.dtype !== 'int64') throw new OpError(`${label}(): Expected dtype int64 for index`);
  if (src !== undefined && src.dtype !== self.dtype) {
    throw new OpError('scatter(): Expected self.dtype to be equal to src.dtype');
  }
  const nd = Math.max(self.sizes.length, 1);
  if (Math.max(index.sizes.length, 1) !== nd) {
    throw new OpError(
      `Index tensor must have the same number of dimensions as ${op === 'gather' ? 'input' : 'self'} tensor`,
    );
  }
  if (src !== undefined) normalizeDim(d, src.sizes.length);
  if (numel(index.sizes) === 0) return d;
  const is = index.sizes.length ? index.sizes : [1];
  const ss = self.sizes.length ? self.sizes : [1];
  const rs = src === undefined ? null : src.sizes.length ? src.sizes : [1];
  for (let k = 0; k < nd; k++) {
    const bad = (k !== d && is[k] > ss[k]) || (rs !== null && is[k] > rs[k]);
    if (!bad) continue;
    if (op === 'gather') {
      throw new OpError(
        `Size does not match at dimension ${k} expected index ${formatSizes(index.sizes)} to be smaller than self ${formatSizes(self.sizes)} apart from dimension ${d}`,
      );
    }
    throw new OpError(
      `Expected index ${formatSizes(index.sizes)} to be smaller than self ${formatSizes(self.sizes)} apart from dimension ${d}${rs === null ? '' : ` and to be smaller size than src ${formatSizes(src!.sizes)}`}`,
    );
  }
  return d;
}

/**
 * A gradient for `src` of a scatter: gather(grad, dim, index) has index's sizes; src may be larger
 * (only its leading part is read), and its other elements get zeros (PyTorch's own rule stops at
 * index's sizes, which its autograd then rejects).
 */
export function padToSizes(F: Functions, g: unknown, sizes: readonly number[]): unknown {
  const have = F.sizes(g) as number[];
  if (have.length !== sizes.length || have.every((n, i) => n === sizes[i])) return g;
  const pad: number[] = [];
  for (let d = sizes.length - 1; d >= 0; d--) pad.push(0, sizes[d] - have[d]);
  return F.constantPadNd(g, pad);
}
