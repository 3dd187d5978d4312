/**
 * pixel_shuffle / pixel_unshuffle / channel_shuffle: a reshape (split dims), a permutation and one
 * copy into a contiguous result. Splitting a dim is always a view, so any strided input works.
 */
import * as K from '@tsjit/kernels';
import { formatSizes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { contiguousStrides, permuteView } from './nn.js';

/** A view of t with dim d split into `parts` (sizes multiplying to t.sizes[d]). */
function splitView(ctx: OpContext, t: TensorLike, d: number, parts: readonly number[]): TensorLike {
  const sizes = [...t.sizes.slice(0, d), ...parts, ...t.sizes.slice(d + 1)];
  const inner = contiguousStrides(parts).map((s) => s * t.strides[d]);
  const strides = [...t.strides.slice(0, d), ...inner, ...t.strides.slice(d + 1)];
  return ctx.view(t, sizes, strides, t.offset);
}

function copyPermuted(ctx: OpContext, src: TensorLike, order: readonly number[], outSizes: number[]): TensorLike {
  const out = ctx.empty(outSizes, src.dtype);
  const p = permuteView(ctx, src, order);
  if (numel(outSizes)) K.copy(ctx.view(out, p.sizes, contiguousStrides(p.sizes), out.offset), p);
  return out;
}

export function pixelShuffle(ctx: OpContext, x: TensorLike, r: number): TensorLike {
  const nd = x.sizes.length;
  if (nd < 3) {
    throw new OpError(
      `pixel_shuffle expects input to have at least 3 dimensions, but got input with ${nd} dimension(s)`,
    );
  }
  if (r <= 0) throw new OpError(`pixel_shuffle expects a positive upscale_factor, but got ${r}`);
  const [c, h, w] = x.sizes.slice(-3);
  if (c % (r * r) !== 0) {
    throw new OpError(
      `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
    );
  }
  const b = nd - 3;
  const oc = c / (r * r);
  const v = splitView(ctx, x, b, [oc, r, r]); // [..., oc, r, r, h, w]
  const lead = Array.from({ length: b }, (_, i) => i);
  const order = [...lead, b, b + 3, b + 1, b + 4, b + 2]; // [..., oc, h, r, w, r]
  const out = copyPermuted(ctx, v, order, [...x.sizes.slice(0, b), oc, h, r, w, r]);
  return ctx.view(
    out,
    [...x.sizes.slice(0, b), oc, h * r, w * r],
    contiguousStrides([...x.sizes.slice(0, b), oc, h * r, w * r]),
    out.offset,
  );
}

export function pixelUnshuffle(ctx: OpContext, x: TensorLike, r: number): TensorLike {
  const nd = x.sizes.length;
  if (nd < 3) {
    throw new OpError(
      `pixel_unshuffle expects input to have at least 3 dimensions, but got input with ${nd} dimension(s)`,
    );
  }
  if (r <= 0) throw new OpError(`pixel_unshuffle expects a positive downscale_factor, but got ${r}`);
  const [c, h, w] = x.sizes.slice(-3);
  if (h % r !== 0) {
    throw new OpError(
      `pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`,
    );
  }
  if (w % r !== 0) {
    throw new OpError(
      `pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`,
    );
  }
  const b = nd - 3;
  const oh = h / r;
  const ow = w / r;
  const v = splitView(ctx, splitView(ctx, x, b + 2, [ow, r]), b + 1, [oh, r]); // [..., c, oh, r, ow, r]
  const lead = Array.from({ length: b }, (_, i) => i);
  const order = [...lead, b, b + 2, b + 4, b + 1, b + 3]; // [..., c, r, r, oh, ow]
  const out = copyPermuted(ctx, v, order, [...x.sizes.slice(0, b), c, r, r, oh, ow]);
  const sizes = [...x.sizes.slice(0, b), c * r * r, oh, ow];
  return ctx.view(out, sizes, contiguousStrides(sizes), out.offset);
}

export function channelShuffle(ctx: OpContext, x: TensorLike, groups: number): TensorLike {
  if (x.sizes.length <= 2) {
    throw new OpError(`channel_shuffle expects input with > 2 dims, but got input with sizes ${formatSizes(x.sizes)}`);
  }
  if (groups <= 0)
    throw new OpError(`Number of groups to divide channels in must be positive. Value of groups:${groups}`);
  const c = x.sizes[1];
  if (c % groups !== 0) {
    throw new OpError(`Number of channels must be divisible by groups. Got ${c} channels and ${groups} groups.`);
  }
  const v = splitView(ctx, x, 1, [groups, c / groups]);
  const rest = Array.from({ length: x.sizes.length - 2 }, (_, i) => 3 + i);
  const out = copyPermuted(ctx, v, [0, 2, 1, ...rest], [x.sizes[0], c / groups, groups, ...x.sizes.slice(2)]);
  return ctx.view(out, x.sizes, contiguousStrides(x.sizes), out.offset);
}
