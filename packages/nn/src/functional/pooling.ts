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
  const sizes = listWithDefault(outputSize, input, 2);
  if (typeof outputSize !== 'number' && (input.dim() === 3 || input.dim() === 4) && input.numel() > 0) {
    // One size kept (None): as adaptiveAvgPool2d, a 1-d pool over the other dim (same windows,
    // scanned in the same order); its indices within a row or column are made flat (h * W + w)
    // with positions counted from the input, so that a trace follows both sizes.
    const [h, w] = outputSize;
    let plane = input;
    while (plane.dim() > 2) plane = T.select(plane, 0, 0);
    // pos[i, j] = i * W + j over the input's (H, W) plane.
    const pos = T.viewAs(T.sub(T.cumsum(T.flatten(T.onesLike(plane, { dtype: 'int64' })), 0), 1), plane);
    if (h === null && w !== null) {
      const [values, indices] = maxPoolLastDim(input, w);
      return [values, T.add(indices, T.narrow(pos, 1, 0, 1))];
    }
    if (w === null && h !== null) {
      const [values, indices] = maxPoolLastDim(T.transpose(input, -1, -2), h);
      const columns = T.narrow(pos, 0, 0, 1);
      const flat = T.add(T.mul(indices, T.sum(T.onesLike(columns))), T.transpose(columns, 0, 1));
      return [T.contiguous(T.transpose(values, -1, -2)), T.contiguous(T.transpose(flat, -1, -2))];
    }
  }
  return T.adaptiveMaxPool2d(input, sizes);
}

// (C, K, L) or (N, C, K, L) -> values and indices (within L) of (..., K, n): the last dim pooled to n.
function maxPoolLastDim(x: Tensor, n: number): [Tensor, Tensor] {
  if (x.dim() === 3) return T.adaptiveMaxPool1d(x, [n]) as [Tensor, Tensor];
  const [values, indices] = T.adaptiveMaxPool1d(T.flatten(x, 1, 2), [n]) as [Tensor, Tensor];
  const c = x.size(1);
  return [T.unflatten(values, 1, [c, -1]), T.unflatten(indices, 1, [c, -1])];
}

export function adaptiveMaxPool1d(input: Tensor, outputSize: number | [number]): Tensor {
  return adaptiveMaxPool1dWithIndices(input, outputSize)[0];
}

export function adaptiveMaxPool2d(input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  return adaptiveMaxPool2dWithIndices(input, outputSize)[0];
}
