/** Embedding lookups and their gradients, one_hot, max_unpool2d, im2col/col2im. */
import * as K from '@tsjit/kernels';
import { formatSizes, numel, readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';
import { convolution } from './conv.js';
import { contiguousStrides, kernel, narrowView, reshape } from './nn.js';
import { scalarName } from './pool.js';

/** Index errors of the indexing kernels as PyTorch's IndexError. */
function indexing<T>(fn: () => T): T {
  try {
    return kernel(fn);
  } catch (e) {
    if (e instanceof K.KernelError && e.code === 'ERR_TSJIT_INDEX_OUT_OF_RANGE') {
      throw new OpError('index out of range in self', 'IndexError');
    }
    throw e;
  }
}

function checkIndices(t: TensorLike, fn: string): void {
  if (t.dtype !== 'int64' && t.dtype !== 'int32') {
    throw new OpError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${scalarName(t.dtype)}Tensor instead (while checking arguments for ${fn})`,
    );
  }
}

export function embedding(ctx: OpContext, weight: TensorLike, indices: TensorLike): TensorLike {
  if (weight.sizes.length !== 2) throw new OpError("'weight' must be 2-D");
  checkIndices(indices, 'embedding');
  const out = ctx.empty([...indices.sizes, weight.sizes[1]], weight.dtype);
  if (numel(indices.sizes) === 0) return out;
  indexing(() => K.embedding(out, weight, indices));
  return out;
}

/**
 * The dense embedding gradient: rows of grad summed into their index (scaled by 1 / frequency with
 * scale_grad_by_freq); the padding_idx row gets nothing.
 */
export function embeddingDenseBackward(
  ctx: OpContext,
  grad: TensorLike,
  indices: TensorLike,
  numWeights: number,
  paddingIdx: number,
  scaleByFreq: boolean,
): TensorLike {
  checkIndices(indices, 'embedding_backward');
  const n = numel(indices.sizes);
  const D = grad.sizes[grad.sizes.length - 1];
  const out = ctx.empty([numWeights, D], grad.dtype);
  if (n === 0 || D === 0) return out;
  const idx = reshape(ctx, indices, [n]);
  let rows = reshape(ctx, grad, [n, D]);
  if (scaleByFreq) {
    const counts = ctx.empty([numWeights], grad.dtype);
    const ones = ctx.empty([n], grad.dtype);
    K.fill(ones, 1);
    indexing(() => K.indexAdd(counts, 0, idx, ones));
    const per = ctx.empty([n], grad.dtype);
    K.indexSelect(per, counts, 0, idx);
    const scaled = ctx.empty([n, D], grad.dtype);
    K.binary('div', scaled, rows, ctx.view(per, [n, D], [1, 0], per.offset));
    rows = scaled;
  }
  indexing(() => K.indexAdd(out, 0, idx, rows));
  if (paddingIdx >= 0 && paddingIdx < numWeights) K.fill(narrowView(ctx, out, 0, paddingIdx, 1), 0);
  return out;
}

export function oneHot(ctx: OpContext, x: TensorLike, numClasses: number): TensorLike {
  if (x.dtype !== 'int64') throw new OpError('one_hot is only applicable to index tensor.');
  const n = numel(x.sizes);
  let C = numClasses;
  if (n === 0) {
    if (C <= 0) throw new OpError('Can not infer total number of classes from empty tensor.');
    return ctx.empty([...x.sizes, C], 'int64');
  }
  const lo = ctx.empty([], 'int64');
  const hi = ctx.empty([], 'int64');
  K.amin(lo, x);
  K.amax(hi, x);
  const [min] = readNumbers(ctx, lo);
  const [max] = readNumbers(ctx, hi);
  if (min < 0) throw new OpError('Class values must be non-negative.');
  if (C === -1) C = max + 1;
  else if (max >= C) throw new OpError('Class values must be smaller than num_classes.');
  const out = ctx.empty([...x.sizes, C], 'int64');
  kernel(() => K.oneHot(out, x));
  return out;
}

/** max_unpool2d / max_unpool3d: values written (not summed) at their flat indices within each output plane. */
export function maxUnpool(
  ctx: OpContext,
  nd: 2 | 3,
  x: TensorLike,
  indices: TensorLike,
  outputSize: readonly number[],
): TensorLike {
  if (indices.dtype !== 'int64') {
    throw new OpError(`elements in indices should be type int64 but got: ${scalarName(indices.dtype)}`);
  }
  if (outputSize.length !== nd) {
    throw new OpError(
      nd === 2
        ? `There should be exactly two elements (height, width) in output_size, but got ${outputSize.length} elements.`
        : `There should be exactly three elements (depth, height, width) in output_size, but got ${outputSize.length} elements.`,
    );
  }
  const r = x.sizes.length;
  if (r !== nd + 1 && r !== nd + 2) {
    throw new OpError(
      nd === 2
        ? `Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with ${r} dimensions.`
        : `Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with ${r} dimensions.`,
    );
  }
  if (indices.sizes.length !== r || indices.sizes.some((s, i) => s !== x.sizes[i])) {
    throw new OpError(
      `Expected shape of indices to be same as that of the input tensor (${formatSizes(x.sizes)}) but got indices tensor with shape: ${formatSizes(indices.sizes)}`,
    );
  }
  const lead = x.sizes.slice(0, r - nd);
  const out = ctx.empty([...lead, ...outputSize], x.dtype);
  const planes = numel(lead);
  const inPlane = numel(x.sizes.slice(r - nd));
  const outPlane = numel(outputSize);
  if (planes === 0 || inPlane === 0) return out;
  const ov = ctx.view(out, [planes, outPlane], [outPlane, 1], out.offset);
  try {
    kernel(() => K.scatter(ov, 1, reshape(ctx, indices, [planes, inPlane]), reshape(ctx, x, [planes, inPlane])));
  } catch (e) {
    if (e instanceof K.KernelError && e.code === 'ERR_TSJIT_INDEX_OUT_OF_RANGE') {
      const bad = readNumbers(ctx, indices).find((v) => v < 0 || v >= outPlane);
      throw new OpError(`Found an invalid max index: ${bad} (output volumes are of size ${outputSize.join('x')}`);
    }
    throw e;
  }
  return out;
}

function pair(v: number | readonly number[], name: string, op: string): number[] {
  const l = Array.isArray(v) ? [...(v as number[])] : [v as number, v as number];
  if (l.length === 1) return [l[0], l[0]];
  if (l.length !== 2) throw new OpError(`It is expected ${name} equals to 2, but got size ${l.length}`);
  void op;
  return l;
}

/** The [C * kh * kw, 1, kh, kw] selection weight: output channel c*kh*kw + i*kw + j picks tap (i, j) of channel c. */
function selectionWeight(ctx: OpContext, c: number, kh: number, kw: number, dtype: TensorLike['dtype']): TensorLike {
  const kk = kh * kw;
  const w = ctx.empty([c * kk, 1, kh, kw], dtype);
  const eye = ctx.view(w, [c, kk], [kk * kk, kk + 1], w.offset);
  if (c * kk) K.fill(eye, 1);
  return w;
}

export function im2col(
  ctx: OpContext,
  x: TensorLike,
  kernelSize: number[],
  dilation: number[],
  padding: number[],
  stride: number[],
): TensorLike {
  const [kh, kw] = pair(kernelSize, 'kernel_size', 'im2col');
  const d = pair(dilation, 'dilation', 'im2col');
  const p = pair(padding, 'padding', 'im2col');
  const s = pair(stride, 'stride', 'im2col');
  const r = x.sizes.length;
  if (r !== 3 && r !== 4) {
    throw new OpError(
      `Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${formatSizes(x.sizes)}`,
    );
  }
  const batched = r === 4 ? x : ctx.view(x, [1, ...x.sizes], [0, ...x.strides], x.offset);
  const c = batched.sizes[1];
  const y = convolution(ctx, batched, selectionWeight(ctx, c, kh, kw, x.dtype), null, {
    stride: s,
    padding: p,
    dilation: d,
    transposed: false,
    outputPadding: [0, 0],
    groups: c,
  });
  const L = y.sizes[2] * y.sizes[3];
  const sizes = r === 4 ? [y.sizes[0], c * kh * kw, L] : [c * kh * kw, L];
  return ctx.view(y, sizes, contiguousStrides(sizes), y.offset);
}

export function col2im(
  ctx: OpContext,
  x: TensorLike,
  outputSize: number[],
  kernelSize: number[],
  dilation: number[],
  padding: number[],
  stride: number[],
): TensorLike {
  const [H, W] = pair(outputSize, 'output_size', 'col2im');
  const [kh, kw] = pair(kernelSize, 'kernel_size', 'col2im');
  const d = pair(dilation, 'dilation', 'col2im');
  const p = pair(padding, 'padding', 'col2im');
  const s = pair(stride, 'stride', 'col2im');
  const r = x.sizes.length;
  if (r !== 2 && r !== 3) {
    throw new OpError(
      `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: ${formatSizes(x.sizes)}`,
    );
  }
  const kk = kh * kw;
  const [N, ckk, L] = r === 3 ? x.sizes : [1, ...x.sizes];
  if (ckk % kk !== 0) {
    throw new OpError(
      `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${ckk} and kernel_size=(${kh}, ${kw})`,
    );
  }
  const oh = Math.floor((H + 2 * p[0] - (d[0] * (kh - 1) + 1)) / s[0]) + 1;
  const ow = Math.floor((W + 2 * p[1] - (d[1] * (kw - 1) + 1)) / s[1]) + 1;
  if (oh * ow !== L) {
    throw new OpError(
      `Given output_size=(${H}, ${W}), kernel_size=(${kh}, ${kw}), dilation=(${d[0]}, ${d[1]}), padding=(${p[0]}, ${p[1]}), stride=(${s[0]}, ${s[1]}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${oh} * ${ow} = ${oh * ow}, but got input.size(2)=${L}.`,
    );
  }
  const c = ckk / kk;
  const cols = reshape(ctx, x, [N, ckk, oh, ow]);
  const natural = [(oh - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + 1, (ow - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + 1];
  const extra = [H - natural[0], W - natural[1]];
  // output_padding must stay below stride or dilation; larger gaps are rows no block touches (zeros).
  const op = extra.map((e, i) => Math.max(Math.min(e, Math.max(s[i], d[i]) - 1), 0));
  const y = convolution(ctx, cols, selectionWeight(ctx, c, kh, kw, x.dtype), null, {
    stride: s,
    padding: p,
    dilation: d,
    transposed: true,
    outputPadding: op,
    groups: c,
  });
  const out = ctx.empty(r === 3 ? [N, c, H, W] : [c, H, W], x.dtype);
  const hh = Math.min(H, y.sizes[2]);
  const ww = Math.min(W, y.sizes[3]);
  const src = narrowView(ctx, narrowView(ctx, y, 2, 0, hh), 3, 0, ww);
  const dst4 = r === 3 ? out : ctx.view(out, [1, c, H, W], [0, ...out.strides], out.offset);
  if (numel(src.sizes)) K.copy(narrowView(ctx, narrowView(ctx, dst4, 2, 0, hh), 3, 0, ww), src);
  return out;
}

/**
 * embedding_renorm: rows of `self` named by `indices` whose norm_type-norm exceeds max_norm are
 * scaled to max_norm / (norm + 1e-7) (on a copy; the in-place overload writes it back).
 */
export function embeddingRenorm(
  ctx: OpContext,
  self: TensorLike,
  indices: TensorLike,
  maxNorm: number,
  normType: number,
): TensorLike {
  if (self.sizes.length !== 2) throw new OpError(`embedding_renorm: self must be 2-D, got ${self.sizes.length}-D`);
  checkIndices(indices, 'embedding_renorm_');
  const out = ctx.empty(self.sizes, self.dtype);
  if (numel(self.sizes)) K.copy(out, self);
  const [V, D] = self.sizes;
  const uniq = [...new Set(readNumbers(ctx, indices))].sort((a, b) => a - b);
  if (uniq.some((i) => i < 0 || i >= V)) throw new OpError('index out of range in self', 'IndexError');
  if (!uniq.length || D === 0) return out;
  const u = uniq.length;
  const idx = ctx.empty([u], 'int64');
  const view = new BigInt64Array(idx.data.buffer, idx.data.byteOffset, u);
  uniq.forEach((v, i) => {
    view[i] = BigInt(v);
  });
  const rows = ctx.empty([u, D], self.dtype);
  K.indexSelect(rows, out, 0, idx);
  const norms = ctx.empty([u], self.dtype);
  kernel(() => K.norm(norms, rows, normType, [1], false));
  const scale = readNumbers(ctx, norms).map((n) => (n > maxNorm ? maxNorm / (n + 1e-7) : 1));
  const s64 = ctx.empty([u], 'float64');
  new Float64Array(s64.data.buffer, s64.data.byteOffset, u).set(scale);
  const s = ctx.empty([u], self.dtype);
  K.copy(s, s64);
  K.binary('mul', rows, rows, ctx.view(s, [u, D], [1, 0], s.offset));
  K.indexCopy(out, 0, idx, rows);
  return out;
}

/**
 * The derivative of embedding_dense_backward with respect to its incoming gradient, as PyTorch defines
 * it: rows of padding_idx get nothing, and (deliberately) no scale_grad_by_freq factor is applied.
 */
export function embeddingDoubleBackward(F: Functions, grad: any, indices: any, paddingIdx: number): any {
  const rows = F.embedding(grad, indices);
  if (paddingIdx < 0) return rows;
  return F.maskedFill(rows, F.unsqueeze(F.eq(indices, paddingIdx), -1), 0);
}
