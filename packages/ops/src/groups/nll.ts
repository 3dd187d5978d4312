/** nll_loss and its 2-d / n-d forms on kernels: gather the target's log-probabilities, weight, reduce. */

import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType } from '../core/dtypes.js';
import { contiguous, formatSizes, numel, readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';
import { requireFloating } from './activation.js';
import { Calc } from './nn-math.js';

type T = TensorLike;

function checkTarget(ctx: OpContext, target: T, classes: number, ignoreIndex: number): void {
  if (target.dtype !== 'int64') throw new OpError(`expected scalar type Long but found ${cppDtypeName(target.dtype)}`);
  for (const v of readNumbers(ctx, target)) {
    if (v !== ignoreIndex && (v < 0 || v >= classes)) throw new OpError(`Target ${v} is out of bounds.`, 'IndexError');
  }
}

function checkWeight(weight: T | null, classes: number): void {
  if (weight != null && numel(weight.sizes) !== classes) {
    throw new OpError(
      `weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${formatSizes(weight.sizes)}`,
    );
  }
}

/**
 * Per-row losses -w[t] x[t] and weights w[t] (both 0 where t == ignore_index) of a [M, C] input
 * and an [M] target.
 */
function nllRows(c: Calc, input: T, target: T, weight: T | null, ignoreIndex: number): [T, T, T] {
  const ctx = c.ctx;
  const m = input.sizes[0];
  const ints = new Calc(ctx, 'int64');
  const keep = ints.cmp('ne', target, ignoreIndex);
  const safe = ints.where(keep, target, 0);
  const picked = c.empty([m, 1]);
  K.gather(picked, input, 1, ctx.view(safe, [m, 1], [1, 0], safe.offset));
  let w: T;
  if (weight != null) {
    w = c.empty([m]);
    K.indexSelect(w, c.t(weight), 0, safe);
    w = c.where(keep, w, 0);
  } else {
    w = c.where(keep, 1, 0);
  }
  const losses = c.mul(c.mul(c.reshape(picked, [m]), w), -1);
  return [losses, w, safe];
}

function reduceNll(c: Calc, losses: T, w: T, reduction: number): [T, T] {
  if (reduction === 0) return [losses, c.full([], 0)];
  const total = c.sum(w);
  const sum = c.sum(losses);
  return [reduction === 1 ? c.div(sum, total) : sum, total];
}

/** nll_loss_forward: input [N, C] or [C], target [N] or []. Returns (output, total_weight). */
export function nllLossForward(
  ctx: OpContext,
  input: T,
  target: T,
  weight: T | null,
  reduction: number,
  ignoreIndex: number,
): [T, T] {
  const dtype: DType = requireFloating(input.dtype, 'nll_loss_forward_out_frame');
  if (input.sizes.length < 1 || input.sizes.length > 2) throw new OpError('input tensor should be 1D or 2D');
  if (target.sizes.length > 1) throw new OpError('0D or 1D target tensor expected, multi-target not supported');
  const noBatch = input.sizes.length === 1 && target.sizes.length === 0;
  if (!noBatch && input.sizes[0] !== target.sizes[0]) {
    throw new OpError(`size mismatch (got input: ${formatSizes(input.sizes)}, target: ${formatSizes(target.sizes)})`);
  }
  const classes = input.sizes[input.sizes.length - 1];
  checkWeight(weight, classes);
  checkTarget(ctx, target, classes, ignoreIndex);
  const c = new Calc(ctx, dtype);
  const rows = input.sizes.length === 1 ? ctx.view(input, [1, classes], [0, input.strides[0]], input.offset) : input;
  const flat = c.reshape(contiguous(ctx, target), [rows.sizes[0]]);
  const [losses, w] = nllRows(c, rows, flat, weight, ignoreIndex);
  const [out, total] = reduceNll(c, losses, w, reduction);
  return [reduction === 0 ? c.reshape(out, target.sizes) : out, total];
}

/** nll_loss2d_forward: input [N, C, H, W], target [N, H, W]. */
export function nllLoss2dForward(
  ctx: OpContext,
  input: T,
  target: T,
  weight: T | null,
  reduction: number,
  ignoreIndex: number,
): [T, T] {
  const dtype = requireFloating(input.dtype, 'nll_loss2d_forward_out_frame');
  if (target.sizes.length !== 3) {
    throw new OpError(
      `only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.sizes.length}`,
    );
  }
  if (input.sizes.length !== 4) {
    throw new OpError(
      `only batches of spatial inputs supported (4D tensors), but got input of dimension: ${input.sizes.length}`,
    );
  }
  const [n, classes, h, w] = input.sizes;
  if (target.sizes[0] !== n || target.sizes[1] !== h || target.sizes[2] !== w) {
    throw new OpError(`size mismatch (got input: ${formatSizes(input.sizes)} , target: ${formatSizes(target.sizes)}`);
  }
  checkWeight(weight, classes);
  checkTarget(ctx, target, classes, ignoreIndex);
  const c = new Calc(ctx, dtype);
  // [N, C, H, W] -> [N, H, W, C] -> [M, C]
  const nhwc = ctx.view(
    input,
    [n, h, w, classes],
    [input.strides[0], input.strides[2], input.strides[3], input.strides[1]],
    input.offset,
  );
  const m = n * h * w;
  const rows = c.reshape(nhwc, [m, classes]);
  const flat = c.reshape(contiguous(ctx, target), [m]);
  const [losses, wts] = nllRows(c, rows, flat, weight, ignoreIndex);
  const [out, total] = reduceNll(c, losses, wts, reduction);
  return [reduction === 0 ? c.reshape(out, [n, h, w]) : out, total];
}

/**
 * The gradient of nll_loss(_2d) with respect to its input: -w[t] * grad at the target class
 * (grad / total_weight for the mean), 0 elsewhere and for ignored targets.
 */
export function nllLossBackward(
  ctx: OpContext,
  gradOutput: T,
  input: T,
  target: T,
  weight: T | null,
  reduction: number,
  ignoreIndex: number,
  totalWeight: T,
  spatial: boolean,
): T {
  const dtype = requireFloating(input.dtype, 'nll_loss_backward_out_frame');
  const c = new Calc(ctx, dtype);
  const classes = spatial ? input.sizes[1] : input.sizes[input.sizes.length - 1];
  const m = numel(target.sizes);
  const flat = c.reshape(contiguous(ctx, target), [m]);
  const ints = new Calc(ctx, 'int64');
  const keep = ints.cmp('ne', flat, ignoreIndex);
  const safe = ints.where(keep, flat, 0);
  let w: T;
  if (weight != null) {
    w = c.empty([m]);
    K.indexSelect(w, c.t(weight), 0, safe);
    w = c.where(keep, w, 0);
  } else {
    w = c.where(keep, 1, 0);
  }
  let g = c.t(gradOutput);
  if (reduction === 0) g = c.reshape(g, [m]);
  else if (reduction === 1) g = c.div(g, totalWeight);
  const coef = c.mul(c.mul(w, g), -1);
  const rows = c.full([m, classes], 0);
  K.scatter(rows, 1, ctx.view(safe, [m, 1], [1, 0], safe.offset), c.reshape(c.add(coef, c.full([m], 0)), [m, 1]));
  if (!spatial) return c.reshape(rows, input.sizes);
  const [n, , h, wd] = input.sizes;
  const nhwc = c.reshape(rows, [n, h, wd, classes]);
  // back to [N, C, H, W]
  return c.copy(
    ctx.view(
      nhwc,
      [n, classes, h, wd],
      [nhwc.strides[0], nhwc.strides[3], nhwc.strides[1], nhwc.strides[2]],
      nhwc.offset,
    ),
  );
}

/** nll_loss_nd: nll_loss for 1-d/2-d inputs, nll_loss2d for 4-d, and others seen as [N, C, 1, -1]. */
export function nllLossNd(
  ctx: OpContext,
  input: T,
  target: T,
  weight: T | null,
  reduction: number,
  ignoreIndex: number,
): T {
  const nd = input.sizes.length;
  if (nd < 1) throw new OpError(`Expected 1 or more dimensions (got ${nd})`, 'ValueError');
  if (nd !== 1 && input.sizes[0] !== target.sizes[0]) {
    throw new OpError(
      `Expected input batch_size (${input.sizes[0]}) to match target batch_size (${target.sizes[0]}).`,
      'ValueError',
    );
  }
  if (nd <= 2) return nllLossForward(ctx, input, target, weight, reduction, ignoreIndex)[0];
  if (nd === 4) return nllLoss2dForward(ctx, input, target, weight, reduction, ignoreIndex)[0];
  const [n, c] = input.sizes;
  const outSize = [n, ...input.sizes.slice(2)];
  const tail = target.sizes.slice(1);
  if (tail.length !== nd - 2 || tail.some((s, i) => s !== input.sizes[i + 2])) {
    throw new OpError(`Expected target size ${formatSizes(outSize)}, got ${formatSizes(target.sizes)}`, 'ValueError');
  }
  const calc = new Calc(ctx, input.dtype);
  const rest = numel(input.sizes.slice(2));
  const x = calc.reshape(input, numel(input.sizes) > 0 ? [n, c, 1, rest] : [n, c, 0, 0]);
  const t = new Calc(ctx, 'int64').reshape(target, numel(input.sizes) > 0 ? [n, 1, rest] : [n, 0, 0]);
  const out = nllLoss2dForward(ctx, x, t, weight, reduction, ignoreIndex)[0];
  return reduction === 0 ? calc.reshape(out, outSize) : out;
}

/**
 * The input gradient of nll_loss_nd written with ops (for derivative rules): nll_loss_backward
 * for 1-d/2-d inputs, nll_loss2d_backward on the [N, C, 1, -1] view otherwise.
 */
export function nllLossNdInputGrad(
  F: any,
  grad: any,
  input: any,
  target: any,
  weight: any,
  reduction: number,
  ignoreIndex: number,
): any {
  const nd = input.sizes.length;
  if (nd <= 2) {
    const [, total] = F.nllLossForward(input, target, weight, reduction, ignoreIndex);
    return F.nllLossBackward(grad, input, target, weight, reduction, ignoreIndex, total);
  }
  const [n, c] = input.sizes;
  const rest = input.sizes.slice(2).reduce((p: number, s: number) => p * s, 1);
  const x = nd === 4 ? input : F.reshape(input, [n, c, 1, rest]);
  const t = nd === 4 ? target : F.reshape(target, [n, 1, rest]);
  const g = reduction === 0 && nd !== 4 ? F.reshape(grad, [n, 1, rest]) : grad;
  const [, total] = F.nllLoss2dForward(x, t, weight, reduction, ignoreIndex);
  const gi = F.nllLoss2dBackward(g, x, t, weight, reduction, ignoreIndex, total);
  return nd === 4 ? gi : F.reshape(gi, input.sizes);
}
