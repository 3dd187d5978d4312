/**
 * Convolutions (forward and backward) on the conv / convTranspose kernels, with PyTorch's argument
 * checks. The backward pass is itself made of convolutions: the input gradient is the adjoint
 * convolution, the weight gradient a convolution of the input with the output gradient (batch as
 * the reduction channel, stride and dilation swapped).
 */
import * as K from '@tsjit/kernels';
import { formatSizes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import { isFloating, kernel, narrowView, permuteView, squeezeView, sumAllBut, unsqueezeView } from './nn.js';

export interface ConvParams {
  stride: number[];
  padding: number[];
  dilation: number[];
  transposed: boolean;
  outputPadding: number[];
  groups: number;
}

function list(v: number | readonly number[]): number[] {
  return Array.isArray(v) ? [...(v as number[])] : [v as number];
}

/** Per-dim parameter (a single value repeats), with PyTorch's message for a wrong length. */
function perDim(name: string, v: number | readonly number[], nd: number): number[] {
  const l = list(v);
  if (l.length === 1) return new Array<number>(nd).fill(l[0]);
  if (l.length !== nd) {
    throw new OpError(
      `expected ${name} to be a single integer value or a list of ${nd} values to match the convolution dimensions, but got ${name}=${formatSizes(l)}`,
    );
  }
  return l;
}

export function convParams(args: OpArgs, nd: number): ConvParams {
  return {
    stride: perDim('stride', args.stride, nd),
    padding: perDim('padding', args.padding, nd),
    dilation: perDim('dilation', args.dilation, nd),
    transposed: !!args.transposed,
    outputPadding: perDim('output_padding', args.output_padding ?? 0, nd),
    groups: args.groups,
  };
}

function checkDtypes(input: TensorLike, weight: TensorLike, bias: TensorLike | null): void {
  if (input.dtype !== weight.dtype) {
    throw new OpError(`expected scalar type ${scalarName(input.dtype)} but found ${scalarName(weight.dtype)}`);
  }
  if (bias && bias.dtype !== input.dtype) {
    throw new OpError(`expected scalar type ${scalarName(input.dtype)} but found ${scalarName(bias.dtype)}`);
  }
  if (input.dtype === 'bool') {
    throw new OpError(`"slow_conv2d_cpu" not implemented for '${scalarName(input.dtype)}'`);
  }
}

/** A copy of t in float64 (integer convolutions run exactly in float64 and convert back). */
function asFloat64(ctx: OpContext, t: TensorLike): TensorLike {
  const out = ctx.empty(t.sizes, 'float64');
  if (numel(t.sizes)) K.copy(out, t);
  return out;
}

const SCALAR: Record<string, string> = {
  float32: 'Float',
  float64: 'Double',
  float16: 'Half',
  bfloat16: 'BFloat16',
  int64: 'Long',
  int32: 'Int',
  int16: 'Short',
  int8: 'Char',
  uint8: 'Byte',
  bool: 'Bool',
};
function scalarName(d: string): string {
  return SCALAR[d] ?? d;
}

/** torch.convolution: batched input [N, C, *spatial] only. */
export function convolution(
  ctx: OpContext,
  input: TensorLike,
  weight: TensorLike,
  bias: TensorLike | null,
  p: ConvParams,
): TensorLike {
  const nd = weight.sizes.length - 2;
  if (weight.sizes.length < 3) {
    throw new OpError(`weight should have at least three dimensions`);
  }
  if (input.sizes.length !== weight.sizes.length) {
    throw new OpError(
      `Expected ${weight.sizes.length}-dimensional input for ${weight.sizes.length}-dimensional weight ${formatSizes(weight.sizes)}, but got ${input.sizes.length}-dimensional input of size ${formatSizes(input.sizes)} instead`,
    );
  }
  checkDtypes(input, weight, bias);
  const opts = {
    stride: p.stride,
    padding: p.padding,
    dilation: p.dilation,
    groups: p.groups,
    outputPadding: p.outputPadding,
  };
  void nd;
  const sizes = kernel(() =>
    p.transposed ? K.convTransposeOutputSizes(input, weight, opts) : K.convOutputSizes(input, weight, opts),
  );
  // Every conv path writes each output element (bias or zero first); with no input or weight
  // elements there is nothing to write, and the output stays zeros.
  const writesAll = numel(input.sizes) > 0 && numel(weight.sizes) > 0;
  const out = writesAll ? ctx.uninitialized(sizes, input.dtype) : ctx.empty(sizes, input.dtype);
  if (!isFloating(input.dtype)) {
    // PyTorch convolves integer tensors too; products of small ints are exact in float64.
    const o64 = ctx.empty(sizes, 'float64');
    const b64 = bias ? asFloat64(ctx, bias) : null;
    kernel(() =>
      (p.transposed ? K.convTranspose : K.conv)(o64, asFloat64(ctx, input), asFloat64(ctx, weight), b64, opts),
    );
    if (numel(sizes)) K.copy(out, o64);
    return out;
  }
  kernel(() => (p.transposed ? K.convTranspose : K.conv)(out, input, weight, bias, opts));
  return out;
}

/** conv1d/2d/3d and conv_transpose1d/2d/3d: unbatched [C, *spatial] inputs run as a batch of one. */
export function convNd(
  ctx: OpContext,
  name: string,
  nd: number,
  input: TensorLike,
  weight: TensorLike,
  bias: TensorLike | null,
  p: ConvParams,
): TensorLike {
  const r = input.sizes.length;
  if (r !== nd + 1 && r !== nd + 2) {
    throw new OpError(
      `Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${name}, but got input of size: ${formatSizes(input.sizes)}`,
    );
  }
  if (r === nd + 1) {
    const out = convolution(ctx, unsqueezeView(ctx, input, 0), weight, bias, p);
    return squeezeView(ctx, out, 0);
  }
  return convolution(ctx, input, weight, bias, p);
}

/** conv{nd}d with padding='same' | 'valid' (PyTorch pads the right side by one when the total is odd). */
export function convPaddingString(
  ctx: OpContext,
  name: string,
  nd: number,
  input: TensorLike,
  weight: TensorLike,
  bias: TensorLike | null,
  args: OpArgs,
): TensorLike {
  const stride = perDim('stride', args.stride, nd);
  const dilation = perDim('dilation', args.dilation, nd);
  const mode = args.padding as string;
  const base = { stride, dilation, transposed: false, outputPadding: new Array(nd).fill(0), groups: args.groups };
  if (mode === 'valid') return convNd(ctx, name, nd, input, weight, bias, { ...base, padding: new Array(nd).fill(0) });
  if (mode !== 'same') throw new OpError(`Invalid padding string: '${mode}'`);
  if (stride.some((s) => s !== 1)) throw new OpError("padding='same' is not supported for strided convolutions");
  const ks = weight.sizes.slice(2);
  const total = ks.map((k, i) => dilation[i] * (k - 1));
  const left = total.map((t) => Math.floor(t / 2));
  if (total.every((t) => t % 2 === 0) || input.sizes.length < nd) {
    return convNd(ctx, name, nd, input, weight, bias, { ...base, padding: left });
  }
  const padded = padRight(
    ctx,
    input,
    total.map((t) => t % 2),
  );
  return convNd(ctx, name, nd, padded, weight, bias, { ...base, padding: left });
}

/** x with `extra[i]` zeros appended to each of its last extra.length dims. */
function padRight(ctx: OpContext, x: TensorLike, extra: readonly number[]): TensorLike {
  const r = x.sizes.length;
  const nd = extra.length;
  const sizes = x.sizes.map((s, d) => (d >= r - nd ? s + extra[d - (r - nd)] : s));
  const out = ctx.empty(sizes, x.dtype);
  let v = out;
  for (let d = r - nd; d < r; d++) v = narrowView(ctx, v, d, 0, x.sizes[d]);
  if (numel(x.sizes)) K.copy(v, x);
  return out;
}

/**
 * aten::convolution_backward: (grad_input, grad_weight, grad_bias), each null unless asked for by
 * output_mask.
 */
export function convolutionBackward(
  ctx: OpContext,
  gradOut: TensorLike,
  input: TensorLike,
  weight: TensorLike,
  biasSizes: readonly number[] | null,
  p: ConvParams,
  mask: readonly boolean[],
): (TensorLike | null)[] {
  const nd = weight.sizes.length - 2;
  checkDtypes(input, weight, null);
  if (gradOut.dtype !== input.dtype) {
    throw new OpError(
      `expected grad_output to have dtype ${scalarName(input.dtype)}, got ${scalarName(gradOut.dtype)}`,
    );
  }
  const opts = {
    stride: p.stride,
    padding: p.padding,
    dilation: p.dilation,
    groups: p.groups,
    outputPadding: p.outputPadding,
  };
  const expected = kernel(() =>
    p.transposed ? K.convTransposeOutputSizes(input, weight, opts) : K.convOutputSizes(input, weight, opts),
  );
  if (gradOut.sizes.length !== expected.length || gradOut.sizes.some((s, i) => s !== expected[i])) {
    throw new OpError(
      `Expected grad_output of size ${formatSizes(expected)}, but got grad_output of size ${formatSizes(gradOut.sizes)}`,
    );
  }
  const spatialIn = input.sizes.slice(2);
  const ks = weight.sizes.slice(2);
  let gradInput: TensorLike | null = null;
  let gradWeight: TensorLike | null = null;
  let gradBias: TensorLike | null = null;
  if (mask[0]) {
    if (!p.transposed) {
      // The adjoint of a strided convolution is the transposed one; output_padding restores the
      // input rows the forward pass never reached.
      const op = spatialIn.map(
        (s, i) => s - ((gradOut.sizes[2 + i] - 1) * p.stride[i] - 2 * p.padding[i] + p.dilation[i] * (ks[i] - 1) + 1),
      );
      gradInput = convolution(ctx, gradOut, weight, null, { ...p, transposed: true, outputPadding: op });
    } else {
      const g = convolution(ctx, gradOut, weight, null, { ...p, transposed: false });
      let v = g;
      for (let i = 0; i < nd; i++) v = narrowView(ctx, v, 2 + i, 0, spatialIn[i]);
      gradInput = v === g ? g : clone(ctx, v);
    }
  }
  if (mask[1]) gradWeight = weightGrad(ctx, gradOut, input, weight, p);
  if (mask[2]) {
    gradBias = sumAllBut(ctx, gradOut, 1);
    if (biasSizes && numel(biasSizes) !== gradBias.sizes[0]) {
      throw new OpError(`bias_sizes ${formatSizes(biasSizes)} do not match the output channels ${gradBias.sizes[0]}`);
    }
  }
  return [gradInput, gradWeight, gradBias];
}

function clone(ctx: OpContext, t: TensorLike): TensorLike {
  const out = ctx.empty(t.sizes, t.dtype);
  K.copy(out, t);
  return out;
}

/**
 * The weight gradient as one matrix product per group: unfold the tensor whose channels index
 * weight dim 1 ("data": x, or go for transposed convolutions) into [C * kk, positions] columns
 * (a convolution with a one-hot kernel), then gw[filt channel, data channel * kk + tap] =
 * filt[filt channel, positions] @ columns^T, summed over the batch by folding it into the positions.
 */
function weightGrad(
  ctx: OpContext,
  gradOut: TensorLike,
  input: TensorLike,
  weight: TensorLike,
  p: ConvParams,
): TensorLike {
  const nd = weight.sizes.length - 2;
  const G = p.groups;
  const ks = weight.sizes.slice(2);
  const kk = numel(ks);
  const gw = ctx.empty(weight.sizes, weight.dtype);
  if (numel(weight.sizes) === 0 || input.sizes[0] === 0) return gw;
  const data = p.transposed ? gradOut : input;
  const filt = p.transposed ? input : gradOut;
  const N = data.sizes[0];
  const cData = data.sizes[1] / G;
  const cFilt = filt.sizes[1] / G;
  const filtSpatial = filt.sizes.slice(2);
  const L = numel(filtSpatial);
  // Unfolded data: [N, C * kk, *positions] with as many positions as filt has (a transposed
  // convolution's unfold can run past them: those taps fall outside).
  let cols = unfold(ctx, data, ks, p);
  for (let i = 0; i < nd; i++) cols = narrowView(ctx, cols, 2 + i, 0, filtSpatial[i]);
  for (let g = 0; g < G; g++) {
    // [c, N, *positions] copies, viewed as [c, N * L] matrices.
    const a = batchInner(ctx, narrowView(ctx, filt, 1, g * cFilt, cFilt), cFilt, N * L);
    const b = batchInner(ctx, narrowView(ctx, cols, 1, g * cData * kk, cData * kk), cData * kk, N * L);
    const target = ctx.view(gw, [cFilt, cData * kk], [cData * kk, 1], gw.offset + g * cFilt * cData * kk);
    kernel(() => K.gemm(target, a, ctx.view(b, [N * L, cData * kk], [1, N * L], b.offset)));
  }
  return gw;
}

/** t [N, c, *s] as a contiguous [c, N * prod(s)] matrix. */
function batchInner(ctx: OpContext, t: TensorLike, c: number, cols: number): TensorLike {
  const perm = [1, 0, ...t.sizes.slice(2).map((_, i) => 2 + i)];
  const v = permuteView(ctx, t, perm);
  const out = ctx.empty(v.sizes, t.dtype);
  if (numel(v.sizes)) K.copy(out, v);
  return ctx.view(out, [c, cols], [cols, 1], out.offset);
}

/** [N, C, *s] -> [N, C * kk, *positions]: every kernel tap of every channel (a grouped one-hot convolution). */
function unfold(ctx: OpContext, x: TensorLike, ks: readonly number[], p: ConvParams): TensorLike {
  const C = x.sizes[1];
  const kk = numel(ks);
  const w = ctx.empty([C * kk, 1, ...ks], x.dtype);
  if (C * kk) K.fill(ctx.view(w, [C, kk], [kk * kk, kk + 1], w.offset), 1);
  return convolution(ctx, x, w, null, {
    stride: p.stride,
    padding: p.padding,
    dilation: p.dilation,
    transposed: false,
    outputPadding: new Array(ks.length).fill(0),
    groups: C,
  });
}

/**
 * The derivative of every convolution op: convolution_backward on the batched form (unbatched
 * inputs get a batch dim of one around it).
 */
export function convRule(
  F: import('../core/tensor-like.js').Functions,
  c: Record<string, any>,
  transposed: boolean,
  paddingOverride?: number[],
): Record<string, any> {
  const { grad, input, weight, bias } = c;
  const wd = F.sizes(weight).length;
  const nd = wd - 2;
  const unbatched = F.sizes(input).length === wd - 1;
  const x = unbatched ? F.unsqueeze(input, 0) : input;
  const g = unbatched ? F.unsqueeze(grad, 0) : grad;
  const zeros = new Array<number>(nd).fill(0);
  const [gi, gw, gb] = F.convolutionBackward(
    g,
    x,
    weight,
    bias != null ? F.sizes(bias) : null,
    c.stride,
    paddingOverride ?? c.padding,
    c.dilation,
    transposed,
    transposed ? c.output_padding : zeros,
    c.groups,
    [true, true, bias != null],
  );
  return { input: unbatched ? F.squeeze(gi, 0) : gi, weight: gw, bias: bias != null ? gb : null };
}

/** The derivative of conv{nd}d.padding: 'same' with an odd total pads the input's right side first. */
export function convPaddingRule(
  F: import('../core/tensor-like.js').Functions,
  c: Record<string, any>,
): Record<string, any> {
  const { input, weight } = c;
  const ks: number[] = F.sizes(weight).slice(2);
  const nd = ks.length;
  const dil = perDim('dilation', c.dilation, nd);
  if (c.padding === 'valid') return convRule(F, c, false, new Array<number>(nd).fill(0));
  const total = ks.map((k, i) => dil[i] * (k - 1));
  const left = total.map((t) => Math.floor(t / 2));
  if (total.every((t) => t % 2 === 0)) return convRule(F, c, false, left);
  const pads: number[] = [];
  for (let i = nd - 1; i >= 0; i--) pads.push(0, total[i] % 2);
  const padded = F.constantPadNd(input, pads, 0);
  const r = convRule(F, { ...c, input: padded }, false, left);
  return {
    ...r,
    input: F.constantPadNd(
      r.input,
      pads.map((v) => -v),
      0,
    ),
  };
}

/**
 * The derivative of convolution_backward (double backward). Its results are bilinear in
 * (grad_output, input, weight): grad_input = J_x^T go (depends on weight), grad_weight = J_w^T go
 * (depends on input), grad_bias = sum(go). With ggI / ggW / ggb the gradients of those results:
 * d/d grad_output = conv(ggI, weight) + conv(input, ggW) + ggb; d/d input = the input gradient of
 * conv(input, ggW) at go; d/d weight = the weight gradient of conv(ggI, weight) at go.
 */
export function convBackwardRule(
  F: import('../core/tensor-like.js').Functions,
  c: Record<string, any>,
): Record<string, any> {
  const [ggI, ggW, ggb] = c.grads;
  const { grad_output: go, input, weight } = c;
  const params = [c.stride, c.padding, c.dilation, c.transposed, c.output_padding, c.groups];
  let gGo = null;
  if (ggI != null) gGo = F.convolution(ggI, weight, null, ...params);
  if (ggW != null || ggb != null) {
    const t = F.convolution(input, ggW ?? F.mul(weight, 0), ggb ?? null, ...params);
    gGo = gGo == null ? t : F.add(gGo, t);
  }
  const gInput = ggW != null ? F.convolutionBackward(go, input, ggW, null, ...params, [true, false, false])[0] : null;
  const gWeight = ggI != null ? F.convolutionBackward(go, ggI, weight, null, ...params, [false, true, false])[1] : null;
  return { grad_output: gGo, input: gInput, weight: gWeight };
}
