/** torch.nn.functional's activations, over the aten ops (`inplace` picks the `_` variant, as PyTorch). */
import { torchOps as T, type Tensor } from '@tsjit/tensor';

export function threshold(input: Tensor, thresholdValue: number, value: number, inplace = false): Tensor {
  return inplace ? T.threshold_(input, thresholdValue, value) : T.threshold(input, thresholdValue, value);
}

export function relu(input: Tensor, inplace = false): Tensor {
  return inplace ? T.relu_(input) : T.relu(input);
}

export function relu6(input: Tensor, inplace = false): Tensor {
  return hardtanh(input, 0, 6, inplace);
}

export function hardtanh(input: Tensor, minVal = -1.0, maxVal = 1.0, inplace = false): Tensor {
  return inplace ? T.hardtanh_(input, minVal, maxVal) : T.hardtanh(input, minVal, maxVal);
}

export function leakyRelu(input: Tensor, negativeSlope = 0.01, inplace = false): Tensor {
  return inplace ? T.leakyRelu_(input, negativeSlope) : T.leakyRelu(input, negativeSlope);
}

export function elu(input: Tensor, alpha = 1.0, inplace = false): Tensor {
  return inplace ? T.elu_(input, alpha) : T.elu(input, alpha);
}

export function selu(input: Tensor, inplace = false): Tensor {
  return inplace ? T.selu_(input) : T.selu(input);
}

export function celu(input: Tensor, alpha = 1.0, inplace = false): Tensor {
  return inplace ? T.celu_(input, alpha) : T.celu(input, alpha);
}

export function gelu(input: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  return T.gelu(input, { approximate });
}

export function silu(input: Tensor, inplace = false): Tensor {
  return inplace ? T.silu_(input) : T.silu(input);
}

export function mish(input: Tensor, inplace = false): Tensor {
  return inplace ? T.mish_(input) : T.mish(input);
}

export function hardswish(input: Tensor, inplace = false): Tensor {
  return inplace ? T.hardswish_(input) : T.hardswish(input);
}

export function hardsigmoid(input: Tensor, inplace = false): Tensor {
  return inplace ? T.hardsigmoid_(input) : T.hardsigmoid(input);
}

export function sigmoid(input: Tensor): Tensor {
  return T.sigmoid(input);
}

export function tanh(input: Tensor): Tensor {
  return T.tanh(input);
}

export function logsigmoid(input: Tensor): Tensor {
  return T.logSigmoid(input);
}

export function softsign(input: Tensor): Tensor {
  return T.div(input, T.add(T.abs(input), 1));
}

export function tanhshrink(input: Tensor): Tensor {
  return T.sub(input, T.tanh(input));
}

export function softplus(input: Tensor, beta = 1, thresholdValue = 20): Tensor {
  return T.softplus(input, beta, thresholdValue);
}

export function softshrink(input: Tensor, lambd = 0.5): Tensor {
  return T.softshrink(input, lambd);
}

export function hardshrink(input: Tensor, lambd = 0.5): Tensor {
  return T.hardshrink(input, lambd);
}

export function glu(input: Tensor, dim = -1): Tensor {
  if (input.dim() === 0) throw new Error('glu does not support scalars because halving size must be even');
  return T.glu(input, dim);
}

export function prelu(input: Tensor, weight: Tensor): Tensor {
  return T.prelu(input, weight);
}

/** PyTorch's implicit softmax dim (deprecated there too): 0 for 0-, 1- and 3-d inputs, else 1. */
export function softmaxDim(name: string, ndim: number): number {
  console.warn(
    `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`,
  );
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

export function softmax(input: Tensor, dim: number | null = null, dtype: Tensor['dtype'] | null = null): Tensor {
  const d = dim ?? softmaxDim('softmax', input.dim());
  return T.softmax(input, d, dtype);
}

export function softmin(input: Tensor, dim: number | null = null, dtype: Tensor['dtype'] | null = null): Tensor {
  const d = dim ?? softmaxDim('softmin', input.dim());
  return T.softmax(T.neg(input), d, dtype);
}

export function logSoftmax(input: Tensor, dim: number | null = null, dtype: Tensor['dtype'] | null = null): Tensor {
  const d = dim ?? softmaxDim('log_softmax', input.dim());
  return T.logSoftmax(input, d, dtype);
}

/** F.rrelu: random negative slopes from U(lower, upper) in training, their mean otherwise. */
export function rrelu(input: Tensor, lower = 1.0 / 8, upper = 1.0 / 3, training = false, inplace = false): Tensor {
  return inplace ? T.rrelu_(input, lower, upper, training) : T.rrelu(input, lower, upper, training);
}
