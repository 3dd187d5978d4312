/**
 * softmax / log_softmax along a dimension and layer_norm forward (PyTorch's native_layer_norm),
 * for the floating dtypes. Outputs are caller-provided strided buffers of x's dtype.
 */
import { native } from './binding.js';
import { isFloating } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import { torchTypeName, wrapDim } from './reduce.js';
import { argumentError, checkStrided, checkWritable, numel, type Strided, sameSizes, writeMeta } from './strided.js';

function softmaxLike(op: 'softmax' | 'log_softmax', out: Strided, x: Strided, dim: number): void {
  checkStrided(op, 'x', x);
  checkWritable(op, 'out', out);
  if (!isFloating(x.dtype)) throw argumentError(op, `"${op}" not implemented for '${torchTypeName(x.dtype)}'`);
  if (out.dtype !== x.dtype) throw argumentError(op, `out has dtype ${out.dtype} but x has ${x.dtype}`);
  if (!sameSizes(out.sizes, x.sizes)) {
    throw argumentError(op, `out has sizes [${out.sizes.join(', ')}] but x has [${x.sizes.join(', ')}]`);
  }
  if (typeof dim !== 'number') throw argumentError(op, `dim must be a number, got ${typeof dim}`);
  const d = wrapDim(op, dim, x.sizes.length);
  const meta = writeMeta(x.sizes, [out, x], [out.strides, x.strides]);
  try {
    native.softmax(out.data, x.data, meta, d, op === 'log_softmax');
  } catch (e) {
    rethrowNative(e, op);
  }
}

/** out = softmax(x, dim): exp(x - max) / sum(exp(x - max)) along dim. */
export function softmax(out: Strided, x: Strided, dim: number): void {
  softmaxLike('softmax', out, x, dim);
}

/** out = log_softmax(x, dim): (x - max) - log(sum(exp(x - max))) along dim. */
export function logSoftmax(out: Strided, x: Strided, dim: number): void {
  softmaxLike('log_softmax', out, x, dim);
}

/**
 * PyTorch's native_layer_norm: out = (x - mean) * rstd * weight + bias over the last
 * normalizedShape.length dimensions, rstd = 1 / sqrt(var + eps) (biased variance). mean and rstd
 * (floating, shape x.sizes with the normalized dims set to 1) receive the row statistics; pass
 * null when they are not needed.
 */
export function layerNorm(
  out: Strided,
  mean: Strided | null,
  rstd: Strided | null,
  x: Strided,
  normalizedShape: readonly number[],
  weight: Strided | null = null,
  bias: Strided | null = null,
  eps = 1e-5,
): void {
  const op = 'layer_norm';
  checkStrided(op, 'x', x);
  checkWritable(op, 'out', out);
  if (!isFloating(x.dtype))
    throw argumentError(op, `"LayerNormKernelImpl" not implemented for '${torchTypeName(x.dtype)}'`);
  if (out.dtype !== x.dtype) throw argumentError(op, `out has dtype ${out.dtype} but x has ${x.dtype}`);
  if (!sameSizes(out.sizes, x.sizes))
    throw argumentError(op, `out has sizes [${out.sizes.join(', ')}] but x has [${x.sizes.join(', ')}]`);
  if (!Array.isArray(normalizedShape) || normalizedShape.length === 0) {
    throw argumentError(
      op,
      'Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element',
    );
  }
  const k = normalizedShape.length;
  const nd = x.sizes.length;
  const tail = x.sizes.slice(nd - k);
  if (k > nd || !sameSizes(tail, normalizedShape)) {
    throw argumentError(
      op,
      `Given normalized_shape=[${normalizedShape.join(', ')}], expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size[${x.sizes.join(', ')}]`,
    );
  }
  if (typeof eps !== 'number' || Number.isNaN(eps)) throw argumentError(op, `eps must be a number, got ${eps}`);
  const lead = nd - k;
  const paramStrides = (name: string, t: Strided | null): number[] => {
    if (t === null) return [...x.strides];
    checkStrided(op, name, t);
    if (!sameSizes(t.sizes, normalizedShape)) {
      throw argumentError(
        op,
        `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape [${t.sizes.join(', ')}] and normalized_shape = [${normalizedShape.join(', ')}]`,
      );
    }
    if (t.dtype !== x.dtype) throw argumentError(op, `${name} has dtype ${t.dtype} but x has ${x.dtype}`);
    return [...new Array<number>(lead).fill(0), ...t.strides];
  };
  const ws = paramStrides('weight', weight);
  const bs = paramStrides('bias', bias);
  const statSizes = [...x.sizes.slice(0, lead), ...new Array<number>(k).fill(1)];
  const rows = numel(x.sizes.slice(0, lead));
  const statStrides = (name: string, t: Strided | null): [Strided, number[]] => {
    if (t === null) {
      // Scratch for statistics the caller does not want.
      const dtype = (mean ?? rstd)?.dtype ?? 'float32';
      const scratch: Strided = {
        data: new Uint8Array(Math.max(rows, 1) * 8),
        dtype,
        sizes: statSizes,
        strides: [],
        offset: 0,
      };
      let acc = 1;
      const s = new Array<number>(nd).fill(0);
      for (let d = lead - 1; d >= 0; d--) {
        s[d] = acc;
        acc *= Math.max(x.sizes[d], 1);
      }
      return [scratch, s];
    }
    checkWritable(op, name, t);
    if (!isFloating(t.dtype)) throw argumentError(op, `${name} must have a floating dtype, got ${t.dtype}`);
    if (!sameSizes(t.sizes, statSizes))
      throw argumentError(op, `${name} has sizes [${t.sizes.join(', ')}], expected [${statSizes.join(', ')}]`);
    return [t, t.strides.map((s, d) => (d < lead ? s : 0))];
  };
  const [m, ms] = statStrides('mean', mean);
  const [r, rs] = statStrides('rstd', rstd);
  const operands = [out, x, weight ?? x, bias ?? x, m, r];
  // mean and rstd share one dtype in the kernel (it reads mean's); convert when they differ.
  if (m.dtype !== r.dtype)
    throw argumentError(op, `mean and rstd must have the same dtype, got ${m.dtype} and ${r.dtype}`);
  const meta = writeMeta(x.sizes, operands, [out.strides, x.strides, ws, bs, ms, rs]);
  try {
    native.layerNorm(
      out.data,
      x.data,
      (weight ?? x).data,
      (bias ?? x).data,
      m.data,
      r.data,
      meta,
      k,
      eps,
      weight !== null,
      bias !== null,
    );
  } catch (e) {
    rethrowNative(e, op);
  }
}
