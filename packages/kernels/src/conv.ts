import { native } from './binding.js';
import { type DType, dtypeCode } from './dtype.js';
import { scalarTypeName } from './gemm.js';
import { rethrowNative } from './kernel-error.js';
import { argumentError, checkStrided, checkWritable, type Strided } from './strided.js';

/** Convolution parameters, as in torch.nn.functional.convNd: one value for every spatial dim or one per dim. */
export interface ConvOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  groups?: number;
}

export interface ConvTransposeOptions extends ConvOptions {
  outputPadding?: number | readonly number[];
}

const convDtypes: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

interface Geometry {
  nd: number;
  stride: number[];
  padding: number[];
  dilation: number[];
  outputPadding: number[];
  groups: number;
}

function expand(
  op: string,
  name: string,
  v: number | readonly number[] | undefined,
  nd: number,
  dflt: number,
): number[] {
  const vals = v === undefined ? [dflt] : typeof v === 'number' ? [v] : [...v];
  if (!Array.isArray(vals) || vals.some((x) => !Number.isSafeInteger(x))) {
    throw argumentError(op, `${name} must be an integer or a list of integers, got ${String(v)}`);
  }
  if (vals.length === 1) return new Array<number>(nd).fill(vals[0]);
  if (vals.length !== nd) {
    throw argumentError(
      op,
      `expected ${name} to be a single integer value or a list of ${nd} values to match the convolution dimensions, but got ${name}=[${vals.join(', ')}]`,
    );
  }
  return vals;
}

function sizesText(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

function geometry(
  op: string,
  input: Strided,
  weight: Strided,
  opts: ConvTransposeOptions,
  transposed: boolean,
): Geometry {
  const wd = weight.sizes.length;
  if (wd < 3) throw argumentError(op, 'weight should have at least three dimensions');
  if (wd > 5)
    throw argumentError(op, `only 1-d, 2-d and 3-d convolutions are supported, got a ${wd}-dimensional weight`);
  const nd = wd - 2;
  const stride = expand(op, 'stride', opts.stride, nd, 1);
  const padding = expand(op, 'padding', opts.padding, nd, 0);
  const dilation = expand(op, 'dilation', opts.dilation, nd, 1);
  const outputPadding = expand(op, 'output_padding', transposed ? opts.outputPadding : undefined, nd, 0);
  const groups = opts.groups ?? 1;
  if (!Number.isSafeInteger(groups)) throw argumentError(op, `groups must be an integer, got ${String(groups)}`);
  if (padding.some((p) => p < 0)) throw argumentError(op, 'negative padding is not supported');
  if (outputPadding.some((p) => p < 0)) throw argumentError(op, 'negative output_padding is not supported');
  if (stride.some((s) => s <= 0)) throw argumentError(op, 'non-positive stride is not supported');
  if (dilation.some((d) => d <= 0))
    throw argumentError(op, `dilation should be greater than zero, but got ${sizesText(dilation)}`);
  if (groups <= 0) throw argumentError(op, 'non-positive groups is not supported');
  if (input.sizes.length !== wd) {
    throw argumentError(
      op,
      `Expected ${wd}-dimensional input for ${wd}-dimensional weight ${sizesText(weight.sizes)}, but got ${input.sizes.length}-dimensional input of size ${sizesText(input.sizes)} instead`,
    );
  }
  if (weight.sizes[0] < groups) {
    throw argumentError(
      op,
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${sizesText(weight.sizes)} instead`,
    );
  }
  if (weight.sizes[0] % groups !== 0) {
    throw argumentError(
      op,
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${sizesText(weight.sizes)}] instead`,
    );
  }
  if (transposed) {
    const names = ['depth', 'height', 'width'].slice(3 - nd);
    for (let i = 0; i < nd; i++) {
      if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]) {
        const parts = [
          ...names.map((n, j) => `output_padding_${n}: ${outputPadding[j]}`),
          ...names.map((n, j) => `stride_${n}: ${stride[j]}`),
          ...names.map((n, j) => `dilation_${n}: ${dilation[j]}`),
        ];
        throw argumentError(
          op,
          `output padding must be smaller than either stride or dilation, but got ${parts.join(' ')}`,
        );
      }
    }
  }
  return { nd, stride, padding, dilation, outputPadding, groups };
}

function checkChannelsAndBias(
  op: string,
  input: Strided,
  weight: Strided,
  bias: Strided | null,
  g: Geometry,
  transposed: boolean,
): void {
  const ws = weight.sizes;
  if (!transposed) {
    if (input.sizes[1] !== ws[1] * g.groups) {
      throw argumentError(
        op,
        `Given groups=${g.groups}, weight of size ${sizesText(ws)}, expected input${sizesText(input.sizes)} to have ${ws[1] * g.groups} channels, but got ${input.sizes[1]} channels instead`,
      );
    }
    if (bias && (bias.sizes.length !== 1 || bias.sizes[0] !== ws[0])) {
      throw argumentError(
        op,
        `Given weight of size ${sizesText(ws)}, expected bias to be 1-dimensional with ${ws[0]} elements, but got bias of size ${sizesText(bias.sizes)} instead`,
      );
    }
  } else {
    if (input.sizes[1] !== ws[0]) {
      throw argumentError(
        op,
        `Given transposed=1, weight of size ${sizesText(ws)}, expected input${sizesText(input.sizes)} to have ${ws[0]} channels, but got ${input.sizes[1]} channels instead`,
      );
    }
    if (bias && (bias.sizes.length !== 1 || bias.sizes[0] !== ws[1] * g.groups)) {
      throw argumentError(
        op,
        `Given transposed=1, weight of size ${sizesText(ws)}, expected bias to be 1-dimensional with ${ws[1] * g.groups} elements, but got bias of size ${sizesText(bias.sizes)} instead`,
      );
    }
  }
}

function forwardSizes(op: string, input: Strided, weight: Strided, g: Geometry): number[] {
  const spatialIn = input.sizes.slice(2);
  const padded = spatialIn.map((s, i) => s + 2 * g.padding[i]);
  const kernel = weight.sizes.slice(2).map((k, i) => g.dilation[i] * (k - 1) + 1);
  if (padded.some((p, i) => p < kernel[i])) {
    throw argumentError(
      op,
      `Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${kernel.join(' x ')}). Kernel size can't be greater than actual input size`,
    );
  }
  const out = padded.map((p, i) => Math.floor((p - kernel[i]) / g.stride[i]) + 1);
  return [input.sizes[0], weight.sizes[0], ...out];
}

function transposedSizes(op: string, input: Strided, weight: Strided, g: Geometry): number[] {
  const spatialIn = input.sizes.slice(2);
  const out = spatialIn.map(
    (s, i) =>
      (s - 1) * g.stride[i] - 2 * g.padding[i] + g.dilation[i] * (weight.sizes[2 + i] - 1) + g.outputPadding[i] + 1,
  );
  if (out.some((o) => o <= 0)) {
    throw argumentError(
      op,
      `Given input size per channel: (${spatialIn.join(' x ')}). Calculated output size per channel: (${out.join(' x ')}). Output size is too small`,
    );
  }
  return [input.sizes[0], weight.sizes[1] * g.groups, ...out];
}

/** The output sizes of conv(input, weight, options), validating like PyTorch. */
export function convOutputSizes(input: Strided, weight: Strided, opts: ConvOptions = {}): number[] {
  const g = geometry('conv', input, weight, opts, false);
  checkChannelsAndBias('conv', input, weight, null, g, false);
  return forwardSizes('conv', input, weight, g);
}

/** The output sizes of convTranspose(input, weight, options), validating like PyTorch. */
export function convTransposeOutputSizes(input: Strided, weight: Strided, opts: ConvTransposeOptions = {}): number[] {
  const g = geometry('convTranspose', input, weight, opts, true);
  checkChannelsAndBias('convTranspose', input, weight, null, g, true);
  return transposedSizes('convTranspose', input, weight, g);
}

const PARAMS = new Float64Array(45);

function run(
  op: string,
  out: Strided,
  input: Strided,
  weight: Strided,
  bias: Strided | null,
  opts: ConvTransposeOptions,
  transposed: boolean,
): void {
  checkStrided(op, 'input', input);
  checkStrided(op, 'weight', weight);
  if (bias !== null && bias !== undefined) checkStrided(op, 'bias', bias);
  checkWritable(op, 'out', out);
  if (weight.dtype !== input.dtype) {
    throw argumentError(
      op,
      `expected scalar type ${scalarTypeName[input.dtype]} but found ${scalarTypeName[weight.dtype]}`,
    );
  }
  if (bias && bias.dtype !== input.dtype) {
    throw argumentError(
      op,
      `expected scalar type ${scalarTypeName[input.dtype]} but found ${scalarTypeName[bias.dtype]}`,
    );
  }
  if (out.dtype !== input.dtype) {
    throw argumentError(
      op,
      `expected out to have scalar type ${scalarTypeName[input.dtype]} but found ${scalarTypeName[out.dtype]}`,
    );
  }
  if (!convDtypes.includes(input.dtype)) {
    throw argumentError(
      op,
      `"${op}" not implemented for '${scalarTypeName[input.dtype]}' (float32, float64, float16, bfloat16 are)`,
    );
  }
  const g = geometry(op, input, weight, opts, transposed);
  checkChannelsAndBias(op, input, weight, bias ?? null, g, transposed);
  const sizes = transposed ? transposedSizes(op, input, weight, g) : forwardSizes(op, input, weight, g);
  if (out.sizes.length !== sizes.length || out.sizes.some((s, i) => s !== sizes[i])) {
    throw argumentError(op, `out has sizes ${sizesText(out.sizes)} but the result has sizes ${sizesText(sizes)}`);
  }
  if (sizes.some((s) => s === 0)) return;
  // Everything as 3-d: leading spatial dims of size 1.
  const pad3 = (v: readonly number[], fill: number) => [...new Array<number>(3 - g.nd).fill(fill), ...v];
  const strides5 = (t: Strided) => [t.strides[0], t.strides[1], ...pad3(t.strides.slice(2), 0)];
  const p = PARAMS;
  let at = 0;
  const put = (...vals: number[]) => {
    for (const v of vals) p[at++] = v;
  };
  put(dtypeCode[input.dtype], transposed ? 1 : 0, bias ? 1 : 0, input.sizes[0], input.sizes[1], sizes[1], g.groups);
  put(...pad3(input.sizes.slice(2), 1), ...pad3(sizes.slice(2), 1), ...pad3(weight.sizes.slice(2), 1));
  put(...pad3(g.stride, 1), ...pad3(g.padding, 0), ...pad3(g.dilation, 1));
  put(input.offset, ...strides5(input));
  put(weight.offset, ...strides5(weight));
  put(bias ? bias.offset : 0, bias ? bias.strides[0] : 0);
  put(out.offset, ...strides5(out));
  try {
    native.conv(out.data, input.data, weight.data, bias ? bias.data : out.data, p);
  } catch (e) {
    rethrowNative(e, op);
  }
}

/**
 * N-d convolution (1-d, 2-d, 3-d by the weight's rank): input [N, Cin, *spatial], weight
 * [Cout, Cin / groups, *kernel], optional bias [Cout], into out [N, Cout, *outSpatial] (see
 * convOutputSizes). PyTorch's semantics (torch.convolution with transposed = false).
 */
export function conv(
  out: Strided,
  input: Strided,
  weight: Strided,
  bias: Strided | null,
  opts: ConvOptions = {},
): void {
  run('conv', out, input, weight, bias, opts, false);
}

/**
 * Transposed convolution: input [N, Cin, *spatial], weight [Cin, Cout / groups, *kernel], optional
 * bias [Cout], into out [N, Cout, *outSpatial] (see convTransposeOutputSizes).
 */
export function convTranspose(
  out: Strided,
  input: Strided,
  weight: Strided,
  bias: Strided | null,
  opts: ConvTransposeOptions = {},
): void {
  run('convTranspose', out, input, weight, bias, opts, true);
}
