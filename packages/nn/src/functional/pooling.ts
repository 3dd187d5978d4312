import { torchOps as T, type Tensor } from '@tsjit/tensor';

type IntOrList = number | number[];

export interface MaxPoolOptions {
  stride?: IntOrList | null;
  padding?: IntOrList;
  dilation?: IntOrList;
  ceilMode?: boolean;
}

// PyTorch passes stride=None on as [] (the op then uses kernel_size).
const strideOf = (stride: IntOrList | null | undefined): IntOrList => stride ?? [];

export function maxPool1d(input: Tensor, kernelSize: IntOrList, options: MaxPoolOptions = {}): Tensor {
  return T.maxPool1d(
    input,
    kernelSize,
    strideOf(options.stride),
    options.padding ?? 0,
    options.dilation ?? 1,
    options.ceilMode ?? false,
  );
}

export function maxPool1dWithIndices(
  input: Tensor,
  kernelSize: IntOrList,
  options: MaxPoolOptions = {},
): [Tensor, Tensor] {
  return T.maxPool1dWithIndices(
    input,
    kernelSize,
    strideOf(options.stride),
    options.padding ?? 0,
    options.dilation ?? 1,
    options.ceilMode ?? false,
  );
}

export function maxPool2d(input: Tensor, kernelSize: IntOrList, options: MaxPoolOptions = {}): Tensor {
  return T.maxPool2d(
    input,
    kernelSize,
    strideOf(options.stride),
    options.padding ?? 0,
    options.dilation ?? 1,
    options.ceilMode ?? false,
  );
}

export function maxPool2dWithIndices(
  input: Tensor,
  kernelSize: IntOrList,
  options: MaxPoolOptions = {},
): [Tensor, Tensor] {
  return T.maxPool2dWithIndices(
    input,
    kernelSize,
    strideOf(options.stride),
    options.padding ?? 0,
    options.dilation ?? 1,
    options.ceilMode ?? false,
  );
}

export interface AvgPoolOptions {
  stride?: IntOrList | null;
  padding?: IntOrList;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

export function avgPool1d(input: Tensor, kernelSize: IntOrList, options: AvgPoolOptions = {}): Tensor {
  return T.avgPool1d(
    input,
    kernelSize,
    strideOf(options.stride),
    options.padding ?? 0,
    options.ceilMode ?? false,
    options.countIncludePad ?? true,
  );
}

export function avgPool2d(input: Tensor, kernelSize: IntOrList, options: AvgPoolOptions = {}): Tensor {
  return T.avgPool2d(
    input,
    kernelSize,
    strideOf(options.stride),
    options.padding ?? 0,
    options.ceilMode ?? false,
    options.countIncludePad ?? true,
    options.divisorOverride ?? null,
  );
}

/** Output sizes with None entries (keep the input's size), as PyTorch's _list_with_default. */
function listWithDefault(outputSize: number | readonly (number | null)[], input: Tensor, k: number): number[] {
  if (typeof outputSize === 'number') return new Array(k).fill(outputSize);
  if (input.dim() <= outputSize.length) throw new Error(`Input dimension should be at least ${k + 1}`);
  return outputSize.map((v, i) => v ?? input.size(input.dim() - outputSize.length + i));
}

export function adaptiveAvgPool1d(input: Tensor, outputSize: number | [number]): Tensor {
  return T.adaptiveAvgPool1d(input, outputSize);
}

export function adaptiveAvgPool2d(input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  const sizes = listWithDefault(outputSize, input, 2);
  if (typeof outputSize !== 'number' && (input.dim() === 3 || input.dim() === 4)) {
    // One size kept (None): a 1-d adaptive pool over the other dim has the same windows (one element
    // wide, summed in the same order), and a trace of it follows the kept size instead of holding it
    // as a number (PyTorch's trace reads it with aten::size).
    const [h, w] = outputSize;
    if (h === null && w !== null) return poolLastDim(input, w);
    if (w === null && h !== null) return T.contiguous(T.transpose(poolLastDim(T.transpose(input, -1, -2), h), -1, -2));
  }
  return T.adaptiveAvgPool2d(input, sizes);
}

// (C, K, L) or (N, C, K, L) -> (..., K, n): the last dim adaptively pooled to n, K kept.
function poolLastDim(x: Tensor, n: number): Tensor {
  if (x.dim() === 3) return T.adaptiveAvgPool1d(x, [n]);
  return T.unflatten(T.adaptiveAvgPool1d(T.flatten(x, 1, 2), [n]), 1, [x.size(1), -1]);
}

export function adaptiveMaxPool1dWithIndices(input: Tensor, outputSize: number | [number]): [Tensor, Tensor] {
  return T.adaptiveMaxPool1d(input, outputSize);
}

export function adaptiveMaxPool2dWithIndices(
  input: Tensor,
  outputSize: number | readonly (number | null)[],
): [Tensor, Tensor] {
  return T.adaptiveMaxPool2d(input, listWithDefault(outputSize, input, 2));
}

export function adaptiveMaxPool1d(input: Tensor, outputSize: number | [number]): Tensor {
  return adaptiveMaxPool1dWithIndices(input, outputSize)[0];
}

export function adaptiveMaxPool2d(input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  return adaptiveMaxPool2dWithIndices(input, outputSize)[0];
}
