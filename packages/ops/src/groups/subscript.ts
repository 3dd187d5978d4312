/**
 * Python subscripts on tensors (`x[i, 1:3, None, ..., mask]` and `x[...] = v`) expressed as aten
 * ops, the way PyTorch's `THPVariable_getitem` / `setitem` do and the way TorchScript's subscript
 * lowering will emit them:
 *
 *   - basic items become views, left to right, tracking the current dim of the result:
 *       int      → aten::select(dim, i)              (the dim disappears; bounds-checked here)
 *       slice    → aten::slice(dim, start, stop, step) then dim += 1   (step > 0)
 *       none     → aten::unsqueeze(dim)             then dim += 1
 *       ellipsis → dim += ndim - (dims the other items consume)   (PyTorch applies this for
 *                  every `...`, so a second one consumes nothing)
 *   - tensor items are recorded at the current dim, then dim += 1 (also for a k-dim bool mask, as
 *     PyTorch does: the mask's aten::index entry covers its k dims, while an ellipsis counts them),
 *     and applied at the end by one aten::index with `Tensor?[]` (None for the dims in between),
 *     which applies NumPy's rules (broadcasting, masks, transposition).
 *   - assignment: the same views, then aten::copy_ (tensor value) or aten::fill_ (scalar value)
 *     for basic subscripts, aten::index_put_ for advanced ones; the value loses its leading
 *     size-1 dims first (PyTorch's `slicePrefix1sSize`), so `x[0] = t[None]` works.
 *
 * A 0-d integer tensor item goes through aten::index (TorchScript's lowering, which cannot know
 * the rank) where Python eager would select; alone, both give the same values. A 0-d bool tensor
 * is Python's `x[True]` / `x[False]`: a new dim of size 1 or 0 (aten::index cannot take it).
 *
 * Example (TorchScript `y = x[0, 1:, None, idx]` and `x[mask] = 0`):
 *
 *   const y = applySubscript(ctx, x, [
 *     { kind: 'int', value: 0 },
 *     { kind: 'slice', start: 1 },
 *     { kind: 'none' },
 *     { kind: 'tensor', value: idx },
 *   ]);   // select(0, 0) → slice(0, 1) → unsqueeze(1) → index([None, None, idx])
 *   assignSubscript(ctx, x, [{ kind: 'tensor', value: mask }], 0);   // index_put_(x, [mask], tensor(0))
 *
 * The views are made by the views family's ops (`ctx.F.select`, `ctx.F.slice`, `ctx.F.unsqueeze`)
 * when the registry has them, so that eager autograd records them; otherwise by `ctx.view`.
 */
import * as K from '@tsjit/kernels';
import { type DType, isScalar } from '../core/dtypes.js';
import { expandTo, normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, Scalar, TensorLike } from '../core/tensor-like.js';

export type SubscriptItem =
  | { readonly kind: 'int'; readonly value: number }
  | {
      readonly kind: 'slice';
      readonly start?: number | null;
      readonly stop?: number | null;
      readonly step?: number | null;
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'tensor'; readonly value: TensorLike };

interface Sliced {
  /** The view after the basic items. */
  readonly view: TensorLike;
  /** One entry per dim of `view` up to the last tensor item (null: not indexed); empty if none. */
  readonly indices: (TensorLike | null)[];
}

function isMask(t: TensorLike): boolean {
  return t.dtype === 'bool' || t.dtype === 'uint8';
}

/** Dims of the tensor an item consumes. */
function consumed(item: SubscriptItem): number {
  switch (item.kind) {
    case 'int':
    case 'slice':
      return 1;
    case 'tensor':
      return isMask(item.value) ? item.value.sizes.length : 1;
    default:
      return 0;
  }
}

function selectView(ctx: OpContext, t: TensorLike, dim: number, index: number): TensorLike {
  const size = t.sizes[dim];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new OpError(`index ${index} is out of bounds for dimension ${dim} with size ${size}`, 'IndexError');
  }
  const i = index < 0 ? index + size : index;
  if (typeof ctx.F.select === 'function') return ctx.F.select(t, dim, i);
  const sizes = t.sizes.filter((_, d) => d !== dim);
  const strides = t.strides.filter((_, d) => d !== dim);
  return ctx.view(t, sizes, strides, t.offset + i * t.strides[dim]);
}

function sliceView(
  ctx: OpContext,
  t: TensorLike,
  dim: number,
  start: number | null,
  stop: number | null,
  step: number,
): TensorLike {
  if (step === 0) throw new OpError('slice step cannot be zero', 'ValueError');
  if (step < 0) throw new OpError('step must be greater than zero', 'ValueError');
  if (typeof ctx.F.slice === 'function') return ctx.F.slice(t, dim, start, stop, step);
  const size = t.sizes[dim];
  const clamp = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const s = clamp(start, 0);
  const e = Math.max(clamp(stop, size), s);
  const sizes = [...t.sizes];
  const strides = [...t.strides];
  sizes[dim] = Math.ceil((e - s) / step);
  strides[dim] = t.strides[dim] * step;
  return ctx.view(t, sizes, strides, t.offset + (sizes[dim] > 0 ? s * t.strides[dim] : 0));
}

function unsqueezeView(ctx: OpContext, t: TensorLike, dim: number): TensorLike {
  if (typeof ctx.F.unsqueeze === 'function') return ctx.F.unsqueeze(t, dim);
  const inner = dim < t.sizes.length ? t.strides[dim] * t.sizes[dim] : 1;
  return ctx.view(
    t,
    [...t.sizes.slice(0, dim), 1, ...t.sizes.slice(dim)],
    [...t.strides.slice(0, dim), inner, ...t.strides.slice(dim)],
    t.offset,
  );
}

function tensorItemIsTrue(ctx: OpContext, t: TensorLike): boolean {
  const flag = ctx.empty([], 'uint8');
  K.copy(flag, t);
  return flag.data[flag.offset] !== 0;
}

/** The basic part of a subscript as views, and the recorded tensor indices. */
function applySlicing(ctx: OpContext, x: TensorLike, items: readonly SubscriptItem[]): Sliced {
  const ndim = x.sizes.length;
  const specified = items.reduce((n, item) => n + consumed(item), 0);
  if (specified > ndim) throw new OpError(`too many indices for tensor of dimension ${ndim}`, 'IndexError');
  let view = x;
  let dim = 0;
  const indices: (TensorLike | null)[] = [];
  const record = (t: TensorLike) => {
    while (indices.length < dim) indices.push(null);
    indices.push(t);
  };
  for (const item of items) {
    // Several ellipses can push dim past the view's dims: PyTorch's errors for that.
    const rank = view.sizes.length;
    if (item.kind === 'int' && dim >= rank) {
      throw new OpError(`index ${item.value} is out of bounds for dimension ${dim} with size 0`, 'IndexError');
    }
    if (item.kind === 'slice' && dim >= rank) normalizeDim(dim, rank);
    if (item.kind === 'none' && dim > rank) normalizeDim(dim, rank + 1);
    switch (item.kind) {
      case 'int':
        view = selectView(ctx, view, dim, item.value);
        break;
      case 'slice':
        view = sliceView(ctx, view, dim, item.start ?? null, item.stop ?? null, item.step ?? 1);
        dim++;
        break;
      case 'none':
        view = unsqueezeView(ctx, view, dim);
        dim++;
        break;
      case 'ellipsis':
        dim += ndim - specified;
        break;
      case 'tensor': {
        const t = item.value;
        if (!ctx.isTensor(t)) throw new OpError('a tensor subscript item needs a tensor', 'TypeError');
        if (isMask(t) && t.sizes.length === 0) {
          // A 0-d bool adds a dim of size 1, kept (True) or emptied (False), as in PyTorch.
          view = unsqueezeView(ctx, view, dim);
          const keep = tensorItemIsTrue(ctx, t);
          const index = ctx.empty([keep ? 1 : 0], 'int64');
          record(index);
          dim++;
          break;
        }
        record(t);
        // PyTorch moves on by one dim even for a k-dim mask (the ellipsis count above uses k):
        // aten::index lets the mask entry cover its k dims.
        dim++;
        break;
      }
      default:
        throw new OpError(`unknown subscript item ${JSON.stringify(item)}`, 'TypeError');
    }
  }
  return { view, indices };
}

/** `x[items]`: a view for basic subscripts, a new tensor (aten::index) when a tensor item is present. */
export function applySubscript(ctx: OpContext, x: TensorLike, items: readonly SubscriptItem[]): TensorLike {
  const { view, indices } = applySlicing(ctx, x, items);
  if (indices.length === 0) return view;
  return ctx.F.index(view, indices);
}

/** value without its leading size-1 dims (PyTorch's slicePrefix1sSize). */
function stripLeadingOnes(ctx: OpContext, v: TensorLike): TensorLike {
  let k = 0;
  while (k < v.sizes.length && v.sizes[k] === 1) k++;
  if (k === 0) return v;
  return ctx.view(v, v.sizes.slice(k), v.strides.slice(k), v.offset);
}

/** A Scalar as a 0-d tensor of `dtype` (the value of `x[idx] = 2.5`). */
function scalarValue(ctx: OpContext, value: Scalar, dtype: DType): TensorLike {
  const t = ctx.empty([], dtype);
  return ctx.F.fill_(t, value) ?? t;
}

/** `x[items] = value`, in place; returns x. */
export function assignSubscript(
  ctx: OpContext,
  x: TensorLike,
  items: readonly SubscriptItem[],
  value: TensorLike | Scalar,
): TensorLike {
  const { view, indices } = applySlicing(ctx, x, items);
  if (indices.length === 0) {
    if (isScalar(value)) ctx.F.fill_(view, value);
    else {
      const v = stripLeadingOnes(ctx, value);
      expandTo(ctx, v, view.sizes); // PyTorch expands first: its message for a value that does not fit
      ctx.F.copy_(view, v);
    }
    return x;
  }
  const v = isScalar(value) ? scalarValue(ctx, value, x.dtype) : stripLeadingOnes(ctx, value);
  ctx.F.indexPut_(view, indices, v);
  return x;
}
