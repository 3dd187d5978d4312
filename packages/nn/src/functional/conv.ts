import { torchOps as T, type Tensor } from '@tsjit/tensor';

type IntOrList = number | number[];

export function conv1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntOrList = 1,
  padding: IntOrList | 'valid' | 'same' = 0,
  dilation: IntOrList = 1,
  groups = 1,
): Tensor {
  return T.conv1d(input, weight, bias, stride, padding as never, dilation, groups);
}

export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntOrList = 1,
  padding: IntOrList | 'valid' | 'same' = 0,
  dilation: IntOrList = 1,
  groups = 1,
): Tensor {
  return T.conv2d(input, weight, bias, stride, padding as never, dilation, groups);
}

export function conv3d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntOrList = 1,
  padding: IntOrList | 'valid' | 'same' = 0,
  dilation: IntOrList = 1,
  groups = 1,
): Tensor {
  return T.conv3d(input, weight, bias, stride, padding as never, dilation, groups);
}

export function convTranspose1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntOrList = 1,
  padding: IntOrList = 0,
  outputPadding: IntOrList = 0,
  groups = 1,
  dilation: IntOrList = 1,
): Tensor {
  return T.convTranspose1d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
}

export function convTranspose2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntOrList = 1,
  padding: IntOrList = 0,
  outputPadding: IntOrList = 0,
  groups = 1,
  dilation: IntOrList = 1,
): Tensor {
  return T.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
}

/** F.pad: constant, reflect, replicate or circular padding; `pad` lists (left, right) pairs from the last dim. */
export function pad(
  input: Tensor,
  padding: number[],
  mode: 'constant' | 'reflect' | 'replicate' | 'circular' = 'constant',
  value: number | null = null,
): Tensor {
  return T.pad(input, padding, mode, mode === 'constant' ? value : null);
}
