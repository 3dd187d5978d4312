import { torchOps as T, type Tensor } from '@tsjit/tensor';

function verifyBatchSize(sizes: readonly number[]): void {
  let size = sizes[0];
  for (let i = 2; i < sizes.length; i++) size *= sizes[i];
  if (size === 1) {
    throw new Error(
      `Expected more than 1 value per channel when training, got input size torch.Size([${sizes.join(', ')}])`,
    );
  }
}

function verifySpatialSize(sizes: readonly number[]): void {
  let size = 1;
  for (let i = 2; i < sizes.length; i++) size *= sizes[i];
  if (size === 1) {
    throw new Error(
      `Expected more than 1 spatial element when training, got input size torch.Size([${sizes.join(', ')}])`,
    );
  }
}

/** F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps): updates the running stats in place when training. */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  training = false,
  momentum = 0.1,
  eps = 1e-5,
): Tensor {
  if (training) verifyBatchSize(input.sizes);
  return T.batchNorm(input, weight, bias, runningMean, runningVar, training, momentum, eps, false);
}

export function instanceNorm(
  input: Tensor,
  runningMean: Tensor | null = null,
  runningVar: Tensor | null = null,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  useInputStats = true,
  momentum = 0.1,
  eps = 1e-5,
): Tensor {
  if (useInputStats) verifySpatialSize(input.sizes);
  return T.instanceNorm(input, weight, bias, runningMean, runningVar, useInputStats, momentum, eps, false);
}

export function layerNorm(
  input: Tensor,
  normalizedShape: number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  return T.layerNorm(input, normalizedShape, weight, bias, eps);
}

export function groupNorm(
  input: Tensor,
  numGroups: number,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  if (input.dim() < 2) {
    throw new Error(`Expected at least 2 dimensions for input tensor but received ${input.dim()}`);
  }
  verifyBatchSize([Math.floor((input.size(0) * input.size(1)) / numGroups), numGroups, ...input.sizes.slice(2)]);
  return T.groupNorm(input, numGroups, weight, bias, eps);
}
