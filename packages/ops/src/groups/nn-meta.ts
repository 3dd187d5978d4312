/** Result sizes and dtypes of the nn ops without computing them (shape propagation), with the ops' own checks. */
import * as K from '@tsjit/kernels';
import type { MetaResult } from '../core/define-op.js';
import type { OpArgs } from '../core/tensor-like.js';
import { convParams } from './conv.js';
import { kernel } from './nn.js';
import { adaptiveOutputSize, avgOptions, maxOptions } from './pool.js';
import { plainSpec, vecSpec } from './upsample.js';

/** convolution / _convolution / conv{nd}d / conv_transpose{nd}d (unbatched inputs keep their rank). */
export function convMeta(a: OpArgs, transposed: boolean | null, allowUnbatched = true): MetaResult {
  const weight = a.weight;
  const nd = Math.max(weight.sizes.length - 2, 1);
  const unbatched = allowUnbatched && a.input.sizes.length === weight.sizes.length - 1;
  const input = unbatched ? { ...a.input, sizes: [1, ...a.input.sizes] } : a.input;
  const p = convParams(a, nd);
  const tr = transposed ?? p.transposed;
  const opts = {
    stride: p.stride,
    padding: p.padding,
    dilation: p.dilation,
    groups: p.groups,
    outputPadding: p.outputPadding,
  };
  const sizes = kernel(() =>
    tr ? K.convTransposeOutputSizes(input, weight, opts) : K.convOutputSizes(input, weight, opts),
  );
  return { sizes: unbatched ? sizes.slice(1) : sizes, dtype: a.input.dtype };
}

/** conv{nd}d.padding: 'same' keeps the spatial sizes, 'valid' pads nothing. */
export function convPaddingMeta(a: OpArgs): MetaResult {
  if (a.padding === 'same') {
    const s = [...a.input.sizes];
    s[s.length - a.weight.sizes.length + 1] = a.weight.sizes[0];
    return { sizes: s, dtype: a.input.dtype };
  }
  return convMeta({ ...a, padding: 0 }, false);
}

export function maxPoolMeta(nd: 1 | 2 | 3, a: OpArgs, withIndices: boolean): MetaResult | MetaResult[] {
  const sizes = kernel(() => K.maxPoolOutputSizes(nd, a.self.sizes, maxOptions(a)), true);
  const values = { sizes, dtype: a.self.dtype };
  return withIndices ? [values, { sizes, dtype: 'int64' }] : values;
}

export function avgPoolMeta(nd: 1 | 2 | 3, a: OpArgs): MetaResult {
  return { sizes: kernel(() => K.avgPoolOutputSizes(nd, a.self.sizes, avgOptions(a)), true), dtype: a.self.dtype };
}

export function adaptiveMeta(nd: 1 | 2 | 3, a: OpArgs, op: string, withIndices: boolean): MetaResult | MetaResult[] {
  const sizes = adaptiveOutputSize(op, a.self, nd, a.output_size);
  const values = { sizes, dtype: a.self.dtype };
  return withIndices ? [values, { sizes, dtype: 'int64' }] : values;
}

export function upsampleMeta(nd: number, a: OpArgs, vec: boolean): MetaResult {
  const x = vec ? a.input : a.self;
  const spec = vec ? vecSpec(nd, x.sizes, a.output_size, a.scale_factors) : plainSpec(nd, a.output_size, a);
  return { sizes: [...x.sizes.slice(0, 2), ...spec.outSpatial], dtype: x.dtype };
}

/** The padded sizes: pad pairs apply to the last dims, the last dim first. */
export function padMeta(x: { sizes: readonly number[]; dtype: string }, pad: readonly number[]): MetaResult {
  const sizes = [...x.sizes];
  for (let k = 0; 2 * k < pad.length; k++) {
    const d = sizes.length - 1 - k;
    sizes[d] += pad[2 * k] + pad[2 * k + 1];
  }
  return { sizes, dtype: x.dtype };
}

/** Backward ops return a gradient shaped like the forward input. */
export function gradInputMeta(self: { sizes: readonly number[] }, grad: { dtype: string }): MetaResult {
  return { sizes: [...self.sizes], dtype: grad.dtype };
}
