/** Batch, layer, group and instance normalization on kernels (PyTorch's CPU semantics). */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType, isFloatingDtype } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { Calc } from './nn-math.js';

type T = TensorLike;

export function requireNormDtype(input: T, kernel: string): DType {
  if (!isFloatingDtype(input.dtype)) {
    throw new OpError(`"${kernel}" not implemented for '${cppDtypeName(input.dtype)}'`);
  }
  return input.dtype;
}

/** PyTorch's CPU check that parameters have the input's dtype. */
export function checkParamDtypes(input: T, params: readonly (T | null)[], layerNorm = false): void {
  for (const p of params) {
    if (p != null && p.dtype !== input.dtype) {
      if (layerNorm) {
        throw new OpError(`expected scalar type ${cppDtypeName(input.dtype)} but found ${cppDtypeName(p.dtype)}`);
      }
      throw new OpError(`mixed dtype (CPU): expect parameter to have scalar type of ${cppDtypeName(input.dtype)}`);
    }
  }
}

/** A per-channel vector [C] as a view broadcasting over input dim 1: [1, C, 1, ...]. */
export function channelView(ctx: OpContext, v: T, ndim: number): T {
  const sizes = new Array<number>(ndim).fill(1);
  const strides = new Array<number>(ndim).fill(0);
  sizes[1] = v.sizes[0] ?? 1;
  strides[1] = v.strides[0] ?? 0;
  return ctx.view(v, sizes, strides, v.offset);
}

export function checkChannelParams(input: T, named: Readonly<Record<string, T | null>>): void {
  const channels = input.sizes[1];
  for (const [name, t] of Object.entries(named)) {
    if (t != null && numel(t.sizes) !== channels) {
      throw new OpError(`${name} should contain ${channels} elements not ${numel(t.sizes)}`);
    }
  }
}

/**
 * native_batch_norm: training normalises with the batch statistics (biased variance) and, when
 * running stats are given, updates them in place with momentum (unbiased variance); eval uses the
 * running stats. Returns (out, save_mean, save_invstd); eval returns empty save tensors.
 */
export function batchNormForward(
  ctx: OpContext,
  input: T,
  weight: T | null,
  bias: T | null,
  runningMean: T | null,
  runningVar: T | null,
  training: boolean,
  momentum: number,
  eps: number,
): [T, T, T] {
  const dtype = requireNormDtype(input, 'batch_norm');
  if (input.sizes.length < 2) {
    throw new OpError(
      `Dimension out of range (expected to be in range of [-${Math.max(input.sizes.length, 1)}, ${Math.max(input.sizes.length, 1) - 1}], but got 1)`,
      'IndexError',
    );
  }
  checkParamDtypes(input, [weight, bias, runningMean, runningVar]);
  const c = new Calc(ctx, dtype);
  const nd = input.sizes.length;
  const channels = input.sizes[1];
  const dims = input.sizes.map((_, d) => d).filter((d) => d !== 1);
  let mean: T;
  let invstd: T;
  let saveMean: T;
  let saveInvstd: T;
  if (training) {
    mean = c.mean(input, dims);
    const variance = c.variance(input, dims, 0);
    invstd = c.div(1, c.un('sqrt', c.add(variance, eps)));
    saveMean = mean;
    saveInvstd = invstd;
    const n = numel(input.sizes) / Math.max(channels, 1);
    if (runningMean != null) {
      const updated = c.add(c.mul(runningMean, 1 - momentum), c.mul(mean, momentum));
      K.copy(runningMean, updated);
      ctx.bumpVersion(runningMean);
    }
    if (runningVar != null) {
      const unbiased = c.mul(variance, n / (n - 1));
      const updated = c.add(c.mul(runningVar, 1 - momentum), c.mul(unbiased, momentum));
      K.copy(runningVar, updated);
      ctx.bumpVersion(runningVar);
    }
  } else {
    if (runningMean == null || runningVar == null) {
      throw new OpError('running_mean and running_var must be defined in evaluation mode');
    }
    mean = c.t(runningMean);
    invstd = c.div(1, c.un('sqrt', c.add(runningVar, eps)));
    saveMean = c.empty([0]);
    saveInvstd = c.empty([0]);
  }
  // PyTorch's CPU transform (batch_norm_cpu_transform_input): per channel alpha = invstd * weight
  // and beta = bias - mean * alpha, then one pass out = input * alpha + beta.
  const alpha = weight != null ? c.mul(invstd, weight) : invstd;
  const shifted = c.mul(mean, alpha);
  const beta = bias != null ? c.sub(bias, shifted) : c.mul(shifted, -1);
  // Two binary passes into one output: the broadcasting ternary kernel is far slower here.
  const out = ctx.uninitialized(input.sizes, dtype);
  K.binary('mul', out, input, channelView(ctx, alpha, nd));
  K.binary('add', out, out, channelView(ctx, beta, nd));
  return [out, saveMean, saveInvstd];
}

/**
 * native_batch_norm_backward: the input gradient with the saved batch statistics (train) or the
 * running statistics (eval), plus grad_weight and grad_bias where output_mask asks for them.
 */
export function batchNormBackward(
  ctx: OpContext,
  gradOut: T,
  input: T,
  weight: T | null,
  runningMean: T | null,
  runningVar: T | null,
  saveMean: T | null,
  saveInvstd: T | null,
  train: boolean,
  eps: number,
  mask: readonly boolean[],
): [T | null, T | null, T | null] {
  const dtype = requireNormDtype(input, 'batch_norm_backward');
  const c = new Calc(ctx, dtype);
  const nd = input.sizes.length;
  const dims = input.sizes.map((_, d) => d).filter((d) => d !== 1);
  const n = numel(input.sizes) / Math.max(input.sizes[1], 1);
  let mean: T;
  let invstd: T;
  if (train) {
    if (saveMean == null || saveInvstd == null)
      throw new OpError('save_mean and save_invstd must be defined in training mode');
    mean = c.t(saveMean);
    invstd = c.t(saveInvstd);
  } else {
    if (runningMean == null || runningVar == null) {
      throw new OpError('running_mean and running_var must be defined in evaluation mode');
    }
    mean = c.t(runningMean);
    invstd = c.div(1, c.un('sqrt', c.add(runningVar, eps)));
  }
  const g = c.t(gradOut);
  const xhat = c.mul(c.sub(input, channelView(ctx, mean, nd)), channelView(ctx, invstd, nd));
  const sumG = c.sum(g, dims);
  const sumGX = c.sum(c.mul(g, xhat), dims);
  let gradInput: T | null = null;
  if (mask[0]) {
    const w = weight == null ? invstd : c.mul(invstd, weight);
    if (train) {
      // gI = w invstd (g - mean(g) - xhat mean(g xhat))
      const centered = c.sub(
        c.sub(g, channelView(ctx, c.div(sumG, n), nd)),
        c.mul(xhat, channelView(ctx, c.div(sumGX, n), nd)),
      );
      gradInput = c.mul(centered, channelView(ctx, w, nd));
    } else {
      gradInput = c.mul(g, channelView(ctx, w, nd));
    }
  }
  return [gradInput, mask[1] ? sumGX : null, mask[2] ? sumG : null];
}

/** native_layer_norm on the kernel: (out, mean, rstd), stats of shape [*lead, 1, ...]. */
export function layerNormForward(
  ctx: OpContext,
  input: T,
  normalizedShape: readonly number[],
  weight: T | null,
  bias: T | null,
  eps: number,
  withStats = true,
): [T, T, T] {
  const dtype = requireNormDtype(input, 'LayerNormKernelImpl');
  const shape = Array.isArray(normalizedShape) ? normalizedShape : [normalizedShape as unknown as number];
  if (shape.length === 0) {
    throw new OpError(
      'Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []',
    );
  }
  for (const [name, t] of [
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t != null && (t.sizes.length !== shape.length || t.sizes.some((n, i) => n !== shape[i]))) {
      throw new OpError(
        `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape [${t.sizes.join(', ')}] and normalized_shape = [${shape.join(', ')}]`,
      );
    }
  }
  const nd = input.sizes.length;
  const k = shape.length;
  if (k > nd || input.sizes.slice(nd - k).some((n, i) => n !== shape[i])) {
    throw new OpError(
      `Given normalized_shape=[${shape.join(', ')}], expected input with shape [*, ${shape.join(', ')}], but got input of size[${input.sizes.join(', ')}]`,
    );
  }
  checkParamDtypes(input, [weight, bias], true);
  const statSizes = [...input.sizes.slice(0, nd - k), ...new Array<number>(k).fill(1)];
  // aten::layer_norm needs no statistics (withStats false): the kernel skips them when given
  // none, and the result's statistics are then empty tensors nobody reads.
  const out = ctx.uninitialized(input.sizes, dtype);
  const mean = withStats ? ctx.uninitialized(statSizes, dtype) : ctx.empty([0], dtype);
  const rstd = withStats ? ctx.uninitialized(statSizes, dtype) : ctx.empty([0], dtype);
  if (numel(input.sizes) > 0) {
    K.layerNorm(out, withStats ? mean : null, withStats ? rstd : null, input, shape, weight, bias, eps);
  } else if (withStats && numel(statSizes) > 0) {
    // No normalized elements: PyTorch gives each empty row mean 0 and rstd NaN.
    K.fill(mean, 0);
    K.fill(rstd, Number.NaN);
  }
  return [out, mean, rstd];
}

/**
 * The input gradient of a normalisation over `dims` given xhat and rstd (broadcastable):
 * rstd (h - mean(h) - xhat mean(h xhat)) with h = grad * weight.
 */
export function normInputGrad(c: Calc, h: T, xhat: T, rstd: T, dims: number[]): T {
  const mh = c.mean(h, dims, true);
  const mhx = c.mean(c.mul(h, xhat), dims, true);
  return c.mul(c.sub(c.sub(h, mh), c.mul(xhat, mhx)), rstd);
}

/**
 * native_group_norm: input [N, C, *] seen as [N, group, C / group * HxW], normalised per (n, g);
 * weight and bias per channel. Returns (out, mean [N, group], rstd [N, group]).
 */
export function groupNormForward(
  ctx: OpContext,
  input: T,
  weight: T | null,
  bias: T | null,
  N: number,
  C: number,
  HxW: number,
  group: number,
  eps: number,
): [T, T, T] {
  const dtype = requireNormDtype(input, 'GroupNormKernelImpl');
  checkParamDtypes(input, [weight, bias]);
  if (C % group !== 0) {
    throw new OpError(
      `Expected number of channels in input to be divisible by num_groups, but got input of shape [${input.sizes.join(', ')}] and num_groups=${group}`,
    );
  }
  for (const [name, t] of [
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t != null && (t.sizes.length !== 1 || t.sizes[0] !== C)) {
      throw new OpError(
        `Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape [${t.sizes.join(', ')}] and input of shape [${input.sizes.join(', ')}]`,
      );
    }
  }
  const c = new Calc(ctx, dtype);
  const rows = c.reshape(input, [N, group, (C / group) * HxW]);
  const [normed, mean, rstd] = layerNormForward(ctx, rows, [(C / group) * HxW], null, null, eps);
  let out = c.reshape(normed, input.sizes);
  const nd = input.sizes.length;
  if (weight != null) out = c.mul(out, channelView(ctx, weight, nd));
  if (bias != null) out = c.add(out, channelView(ctx, bias, nd));
  return [out, c.reshape(mean, [N, group]), c.reshape(rstd, [N, group])];
}
